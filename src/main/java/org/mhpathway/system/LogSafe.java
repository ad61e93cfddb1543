package org.mhpathway.system;

import java.util.regex.Pattern;

/**
 * Exceptions as they may go to the log: a message can quote what a request or a row held (a database driver names
 * the values of a violated key, a parser quotes the input), so anything shaped like an NHS number or a date is
 * replaced. Class names and stack traces are kept: they are what an operator needs.
 *
 * <p>A database failure quotes the values it failed on: H2 names the first characters of a text too long for its
 * column ({@code Value too long for column "TEXT_": "'<the clinician's text>... (5021)"}), PostgreSQL the values of a
 * violated key ({@code Key (nhs_number)=(...)}) and of a failed batch. In the text of such a failure every quoted value
 * is blanked ({@link #redactDatabaseValues}); {@link RedactingLogConverters} applies this to every log line.
 */
public final class LogSafe {

    /** Ten digits, however spaced or hyphenated (3-3-4), as NHS numbers are written. */
    private static final Pattern NHS_NUMBER = Pattern.compile("(?<!\\d)\\d{3}[ -]?\\d{3}[ -]?\\d{4}(?!\\d)");
    /** A calendar date, as a date of birth is written in requests, variables and rows. */
    private static final Pattern DATE = Pattern.compile("(?<!\\d)(\\d{4}-\\d{2}-\\d{2}|\\d{2}/\\d{2}/\\d{4})(?!\\d)");

    private LogSafe() {
    }

    /** What marks the text of a database failure: a JDBC exception, a driver, MyBatis' report of a statement. */
    private static final Pattern DATABASE_FAILURE = Pattern.compile(
            "SQLException|BatchUpdateException|org\\.h2\\.|org\\.postgresql\\.|SQL statement|### Error|### Cause");
    /** A quoted literal, or one a driver cut off at the end of the line. */
    private static final Pattern QUOTED = Pattern.compile("'(?:[^'\\r\\n]|'')*(?:'|$)", Pattern.MULTILINE);
    /** PostgreSQL's detail of a violated key: {@code Key (column)=(value)}. */
    private static final Pattern KEY_VALUES = Pattern.compile("\\)=\\([^)\\r\\n]*\\)");

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        return DATE.matcher(NHS_NUMBER.matcher(text).replaceAll("[number]")).replaceAll("[date]");
    }

    /**
     * The text with the values a database failure quotes blanked, when it is the text of one (else as it was):
     * quoted literals, key values, NHS-number-like and date-like values.
     */
    public static String redactDatabaseValues(String text) {
        if (text == null || !DATABASE_FAILURE.matcher(text).find()) {
            return text;
        }
        String blanked = KEY_VALUES.matcher(QUOTED.matcher(text).replaceAll("'…'")).replaceAll(")=(…)");
        return redact(blanked);
    }

    /** The exception and its causes with their messages redacted, their classes named and their stacks as they were. */
    public static Throwable redacted(Throwable e) {
        return copy(e, 0);
    }

    private static Throwable copy(Throwable e, int depth) {
        if (e == null || depth > 20) {
            return null;
        }
        Redacted copy = new Redacted(e.getClass().getName()
                + (e.getMessage() == null ? "" : ": " + redact(redactDatabaseValues(e.getMessage()))),
                e.getCause() == e ? null : copy(e.getCause(), depth + 1));
        copy.setStackTrace(e.getStackTrace());
        for (Throwable suppressed : e.getSuppressed()) {
            copy.addSuppressed(copy(suppressed, depth + 1));
        }
        return copy;
    }

    /** Stands in for the original in the log; its message starts with the original's class name. */
    static final class Redacted extends RuntimeException {

        Redacted(String message, Throwable cause) {
            super(message, cause, true, true);
        }

        @Override
        public String toString() {
            return getMessage();
        }
    }
}
