package org.mhpathway.referral;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.mhpathway.pathway.PersonName;
import org.mhpathway.pathway.WardType;
import org.mhpathway.sla.SlaPolicy;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.FieldProblem;
import org.mhpathway.system.InvalidRequestException;
import org.mhpathway.system.IsoDateTimes;
import org.mhpathway.system.PlausibleDates;
import org.springframework.stereotype.Component;

/**
 * Checks a referral field by field and reports every problem at once. Dates are plausible ({@link PlausibleDates}):
 * a date of birth is not in the future and not before 1900; the presentation is not before 1900 or the date of birth,
 * and not in the future beyond a few minutes of clock skew.
 */
@Component
class ReferralValidator {

    /** A letter and five digits, ASCII only; upper-cased once it matches. */
    static final Pattern GP_PRACTICE_CODE = Pattern.compile("[A-Za-z][0-9]{5}");
    static final int MAX_GIVEN_NAMES = 5;
    static final int MAX_NAME_PART = 100;
    private static final Pattern NAME_PART = Pattern.compile("[\\p{L}\\p{M}][\\p{L}\\p{M} '’.-]*");

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
                    dateOfBirth = null;
                } else if (dateOfBirth.isBefore(PlausibleDates.EARLIEST)) {
                    problems.add(new FieldProblem("dateOfBirth", "is before " + PlausibleDates.EARLIEST));
                    dateOfBirth = null;
                }
            } catch (DateTimeException e) {
                problems.add(new FieldProblem("dateOfBirth", "must be an ISO-8601 date (YYYY-MM-DD)"));
            }
        }

        if (r.learningDisabilityOrAutism() == null) {
            problems.add(new FieldProblem("learningDisabilityOrAutism", "is required (true or false)"));
        }
        oneOf(problems, "wardType", r.wardType(), WardType.codes());
        oneOf(problems, "homeIcs", r.homeIcs(), List.copyOf(policy.icsCodes()));
        oneOf(problems, "referralSource", r.referralSource(), ReferralSource.codes());

        // checked before upper-casing: "ı".toUpperCase() is "I", and an ODS code is ASCII letters and digits only
        String gp = r.gpPracticeCode() == null ? null : r.gpPracticeCode().trim();
        if (gp == null || gp.isEmpty()) {
            problems.add(new FieldProblem("gpPracticeCode", "is required"));
        } else if (!GP_PRACTICE_CODE.matcher(gp).matches()) {
            problems.add(new FieldProblem("gpPracticeCode", "must be an ODS practice code: a letter and five digits"));
        } else {
            gp = gp.toUpperCase(Locale.ROOT);
        }

        Instant presentedAt = now;
        if (r.presentedAt() != null && !r.presentedAt().isBlank()) {
            String problem;
            try {
                // null when nothing but characters trim() removes was sent
                Instant parsed = IsoDateTimes.toInstant(r.presentedAt(), policy.zone());
                problem = parsed == null ? "must be an ISO-8601 date-time"
                        : PlausibleDates.pastProblem(parsed, now, policy.zone());
                if (problem == null && dateOfBirth != null
                        && parsed.isBefore(dateOfBirth.atStartOfDay(policy.zone()).toInstant())) {
                    problem = "is before dateOfBirth";
                }
                presentedAt = parsed;
            } catch (DateTimeException e) {
                problem = "must be an ISO-8601 date-time";
            }
            if (problem != null) {
                problems.add(new FieldProblem("presentedAt", problem));
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
