package org.mhpathway.system;

import java.util.regex.Pattern;

/**
 * The contact details the service accepts for a person it will write to or phone (a carer): a telephone number a ward
 * can dial, and an e-mail address a mail server can take. The same rules hold for the API and for a Camunda Form
 * completed in Tasklist, whose {@code validationType: email} checks the address in the browser with the pattern below.
 * A message never repeats the value: it is somebody's personal data.
 */
public final class ContactDetails {

    public static final int MAX_PHONE = 40;
    public static final int MAX_EMAIL = 320;

    public static final String NOT_A_PHONE_NUMBER =
            "must be a telephone number of 10 to 15 digits (spaces, brackets, hyphens and a leading + allowed)";
    public static final String NOT_AN_EMAIL_ADDRESS = "must be an e-mail address (name@example.org)";

    /** What form-js checks for {@code validationType: "email"}, so the browser and the service agree. */
    private static final Pattern EMAIL = Pattern.compile("^[a-zA-Z0-9.!#$%&'*+/=?^_`{|}~-]+@[a-zA-Z0-9]"
            + "(?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?(?:\\.[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?)*$");
    /** Digits, with the separators people write (07700 900123, (01332) 623700, +44 7700-900123). */
    private static final Pattern PHONE = Pattern.compile("^\\+?[0-9 ()-]+$");

    private ContactDetails() {
    }

    /** Why the text is not a telephone number, or null. */
    public static String phoneProblem(String phone) {
        if (phone.length() > MAX_PHONE || !PHONE.matcher(phone).matches()) {
            return NOT_A_PHONE_NUMBER;
        }
        long digits = phone.chars().filter(Character::isDigit).count();
        return digits < 10 || digits > 15 ? NOT_A_PHONE_NUMBER : null;
    }

    /** Why the text is not an e-mail address, or null. A domain must have a dot: mail leaves this service. */
    public static String emailProblem(String email) {
        if (email.length() > MAX_EMAIL || !EMAIL.matcher(email).matches()) {
            return NOT_AN_EMAIL_ADDRESS;
        }
        return email.substring(email.indexOf('@') + 1).contains(".") ? null : NOT_AN_EMAIL_ADDRESS;
    }

    /** Whether the text is an e-mail address by form-js's own rule (a Camunda Form's {@code validationType: email}). */
    public static boolean formJsEmail(String email) {
        return EMAIL.matcher(email).matches();
    }
}
