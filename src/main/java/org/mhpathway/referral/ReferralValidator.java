package org.mhpathway.referral;

import org.mhpathway.pathway.PersonName;
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
    static final int MAX_GIVEN_NAMES = 5;
    static final int MAX_NAME_PART = 100;
    private static final java.util.regex.Pattern NAME_PART = java.util.regex.Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M} '’.-]*");

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

        checkName(problems, r.name());

        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Invalid referral", problems);
        }
        PersonName name = r.name() == null || r.name().display().isEmpty() ? null : r.name();
        return new Referral(nhsNumber, dateOfBirth, r.learningDisabilityOrAutism(), Boolean.TRUE.equals(r.ehcPlan()),
                r.wardType(), r.homeIcs(), gp, r.referralSource(), presentedAt, name);
    }

    /**
     * The optional name, shaped as FHIR's HumanName: up to {@value #MAX_GIVEN_NAMES} given names and a family name,
     * each letters (any script), spaces, hyphens, apostrophes and full stops, at most {@value #MAX_NAME_PART} long.
     */
    private static void checkName(List<FieldProblem> problems, PersonName name) {
        if (name == null) {
            return;
        }
        if (name.given() != null) {
            if (name.given().size() > MAX_GIVEN_NAMES) {
                problems.add(new FieldProblem("name.given", "has more than " + MAX_GIVEN_NAMES + " names"));
            }
            for (int i = 0; i < name.given().size(); i++) {
                namePart(problems, "name.given[" + i + "]", name.given().get(i));
            }
        }
        if (name.family() != null) {
            namePart(problems, "name.family", name.family());
        }
    }

    private static void namePart(List<FieldProblem> problems, String field, String part) {
        if (part == null || part.isBlank()) {
            problems.add(new FieldProblem(field, "is empty"));
        } else if (part.length() > MAX_NAME_PART) {
            problems.add(new FieldProblem(field, "is longer than " + MAX_NAME_PART + " characters"));
        } else if (!NAME_PART.matcher(part.trim()).matches()) {
            problems.add(new FieldProblem(field, "may hold only letters, spaces, hyphens, apostrophes and full stops"));
        }
    }

    private static void oneOf(List<FieldProblem> problems, String field, String value, List<String> allowed) {
        if (value == null || value.isBlank()) {
            problems.add(new FieldProblem(field, "is required; one of " + allowed));
        } else if (!allowed.contains(value)) {
            problems.add(new FieldProblem(field, "must be one of " + allowed));
        }
    }
}
