package org.mhpathway.referral;

import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import org.mhpathway.sla.SlaPolicy;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.FieldProblem;
import org.mhpathway.system.InvalidRequestException;
import org.mhpathway.system.IsoDateTimes;
import org.springframework.stereotype.Component;

/** Checks a referral field by field and reports every problem at once. */
@Component
public class ReferralValidator {

    static final int OLDEST_AGE_YEARS = 130;

    private final SlaPolicy policy;

    public ReferralValidator(SlaPolicy policy) {
        this.policy = policy;
    }

    public Referral validate(ReferralRequest r) {
        if (r == null) {
            throw new InvalidRequestException("Invalid referral", List.of(new FieldProblem("body", "is required")));
        }
        List<FieldProblem> problems = new ArrayList<>();
        Instant now = EngineClock.now();
        LocalDate today = now.atZone(policy.zone()).toLocalDate();

        String nhsNumber = NhsNumber.normalise(r.nhsNumber());
        String nhsProblem = NhsNumber.problem(nhsNumber);
        if (nhsProblem != null) {
            problems.add(new FieldProblem("nhsNumber", nhsProblem));
        }

        LocalDate dateOfBirth = null;
        if (r.dateOfBirth() == null || r.dateOfBirth().isBlank()) {
            problems.add(new FieldProblem("dateOfBirth", "is required"));
        } else {
            try {
                dateOfBirth = LocalDate.parse(r.dateOfBirth().trim());
                if (dateOfBirth.isAfter(today)) {
                    problems.add(new FieldProblem("dateOfBirth", "is in the future"));
                } else if (dateOfBirth.isBefore(today.minusYears(OLDEST_AGE_YEARS))) {
                    problems.add(new FieldProblem("dateOfBirth", "is more than " + OLDEST_AGE_YEARS + " years ago"));
                }
            } catch (DateTimeParseException e) {
                problems.add(new FieldProblem("dateOfBirth", "must be an ISO-8601 date (YYYY-MM-DD)"));
            }
        }

        if (r.learningDisabilityOrAutism() == null) {
            problems.add(new FieldProblem("learningDisabilityOrAutism", "is required (true or false)"));
        }
        oneOf(problems, "wardType", r.wardType(), WardType.codes());
        oneOf(problems, "homeIcs", r.homeIcs(), List.copyOf(policy.icsCodes()));
        oneOf(problems, "referralSource", r.referralSource(), ReferralSource.codes());

        String gp = r.gpPracticeCode() == null ? null : r.gpPracticeCode().trim().toUpperCase();
        if (gp == null || gp.isEmpty()) {
            problems.add(new FieldProblem("gpPracticeCode", "is required"));
        } else if (!gp.matches("[A-Z]\\d{5}")) {
            problems.add(new FieldProblem("gpPracticeCode", "must be an ODS practice code: a letter and five digits"));
        }

        Instant presentedAt = now;
        if (r.presentedAt() != null && !r.presentedAt().isBlank()) {
            try {
                presentedAt = IsoDateTimes.toInstant(r.presentedAt(), policy.zone());
                if (presentedAt.isAfter(now)) {
                    problems.add(new FieldProblem("presentedAt", "is in the future"));
                }
            } catch (DateTimeParseException e) {
                problems.add(new FieldProblem("presentedAt", "must be an ISO-8601 date-time"));
            }
        }

        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Invalid referral", problems);
        }
        return new Referral(nhsNumber, dateOfBirth, r.learningDisabilityOrAutism(), Boolean.TRUE.equals(r.ehcPlan()),
                r.wardType(), r.homeIcs(), gp, r.referralSource(), presentedAt);
    }

    private static void oneOf(List<FieldProblem> problems, String field, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "is required; one of " + allowed));
        } else if (!allowed.contains(value)) {
            problems.add(new FieldProblem(field, "must be one of " + allowed));
        }
    }
}
