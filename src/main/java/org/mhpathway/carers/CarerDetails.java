package org.mhpathway.carers;

import java.util.List;
import java.util.Map;
import org.mhpathway.system.ContactDetails;
import org.mhpathway.system.FieldProblem;
import org.mhpathway.system.StrictJson;

/**
 * Who a carer is and how to reach them, as the ward gives it in Tasklist (the dynamic list of <i>Agree purpose of
 * admission</i>) or through the API: one set of rules for both. A name and a relationship; a telephone number, an
 * e-mail address, or both; and, when a carer is added, whether the person consents to sharing with them. A message
 * names the field, never the value.
 */
record CarerDetails(String name, String relationship, String phone, String email, Boolean consentToShare) {

    static final int MAX_NAME = 200;
    static final int MAX_RELATIONSHIP = 100;
    static final String NAME = "name";
    static final String RELATIONSHIP = "relationship";
    static final String PHONE = "phone";
    static final String EMAIL = "email";
    static final String CONSENT_TO_SHARE = "consentToShare";
    static final String NEEDS_A_CONTACT = "is required when there is no email: give a telephone number, an e-mail"
            + " address or both";

    /**
     * The details in {@code values} (plain JSON values: strings, booleans, null), with each problem added to
     * {@code problems} named {@code prefix + field}; null when there was one.
     *
     * @param withConsent whether {@code consentToShare} is read (and required): it is when a carer is added, never
     *                    when their contact details change
     */
    static CarerDetails read(String prefix, Map<String, ?> values, boolean withConsent, List<FieldProblem> problems) {
        int before = problems.size();
        String name = text(prefix, NAME, values.get(NAME), true, MAX_NAME, problems);
        String relationship = text(prefix, RELATIONSHIP, values.get(RELATIONSHIP), true, MAX_RELATIONSHIP, problems);
        String phone = text(prefix, PHONE, values.get(PHONE), false, ContactDetails.MAX_PHONE, problems);
        String email = text(prefix, EMAIL, values.get(EMAIL), false, ContactDetails.MAX_EMAIL, problems);
        if (phone != null && ContactDetails.phoneProblem(phone) != null) {
            problems.add(new FieldProblem(prefix + PHONE, ContactDetails.phoneProblem(phone)));
        }
        if (email != null && ContactDetails.emailProblem(email) != null) {
            problems.add(new FieldProblem(prefix + EMAIL, ContactDetails.emailProblem(email)));
        }
        boolean contactRefused = problems.stream()
                .anyMatch(p -> p.field().equals(prefix + PHONE) || p.field().equals(prefix + EMAIL));
        if (phone == null && email == null && !contactRefused) {
            problems.add(new FieldProblem(prefix + PHONE, NEEDS_A_CONTACT));
        }
        Boolean consent = null;
        if (withConsent) {
            Object given = values.get(CONSENT_TO_SHARE);
            if (given instanceof Boolean b) {
                consent = b;
            } else {
                problems.add(new FieldProblem(prefix + CONSENT_TO_SHARE, given == null ? "is required: true or false"
                        : "must be true or false"));
            }
        }
        return problems.size() > before ? null : new CarerDetails(name, relationship, phone, email, consent);
    }

    private static String text(String prefix, String field, Object value, boolean required, int max,
                               List<FieldProblem> problems) {
        if (value == null || value instanceof String s && s.isBlank()) {
            if (required) {
                problems.add(new FieldProblem(prefix + field, "is required"));
            }
            return null;
        }
        if (!(value instanceof String text)) {
            problems.add(new FieldProblem(prefix + field, "must be a string"));
            return null;
        }
        String stripped = text.strip();
        if (StrictJson.hasControlCharacter(stripped)) {
            problems.add(new FieldProblem(prefix + field, StrictJson.CONTROL_CHARACTERS));
            return null;
        }
        if (stripped.length() > max) {
            problems.add(new FieldProblem(prefix + field, "must be at most " + max + " characters"));
            return null;
        }
        return stripped;
    }
}
