package org.mhpathway.referral;

/**
 * NHS number rules: ten digits whose last is the Modulus 11 check digit of the first nine (weights 10 to 2).
 * A remainder giving check digit 10 is never issued. Ten identical digits pass the arithmetic but are
 * placeholders, not numbers (0000000000 above all), and are refused.
 */
public final class NhsNumber {

    private NhsNumber() {
    }

    /** Digits only: spaces and hyphens as people type them are removed. */
    public static String normalise(String raw) {
        return raw == null ? null : raw.replaceAll("[\\s-]", "");
    }

    /** Why the value is not an NHS number, or null when it is one. */
    public static String problem(String normalised) {
        if (normalised == null || normalised.isEmpty()) {
            return "is required";
        }
        if (!normalised.matches("\\d{10}")) {
            return "must be 10 digits";
        }
        if (normalised.chars().distinct().count() == 1) {
            return "is a placeholder, not an NHS number";
        }
        int sum = 0;
        for (int i = 0; i < 9; i++) {
            sum += (normalised.charAt(i) - '0') * (10 - i);
        }
        int check = 11 - (sum % 11);
        if (check == 11) {
            check = 0;
        }
        if (check == 10 || check != normalised.charAt(9) - '0') {
            return "fails the Modulus 11 check digit";
        }
        return null;
    }
}
