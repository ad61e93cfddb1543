package org.mhpathway.system;

import java.util.regex.Pattern;

/**
 * Exceptions as they may go to the log: a message can quote what a request or a row held (a database driver names
 * the values of a violated key, a parser quotes the input), so anything shaped like an NHS number or a date is
 * replaced. Class names and stack traces are kept: they are what an operator needs.
 */
public final class LogSafe {

    /** Ten digits, however spaced or hyphenated (3-3-4), as NHS numbers are written. */
    private static final Pattern NHS_NUMBER = Pattern.compile("(?<!\\d)\\d{3}[ -]?\\d{3}[ -]?\\d{4}(?!\\d)");
    /** A calendar date, as a date of birth is written in requests, variables and rows. */
    private static final Pattern DATE = Pattern.compile("(?<!\\d)(\\d{4}-\\d{2}-\\d{2}|\\d{2}/\\d{2}/\\d{4})(?!\\d)");

    private LogSafe() {
    }

    public static String redact(String text) {
        if (text == null) {
            return null;
        }
        return DATE.matcher(NHS_NUMBER.matcher(text).replaceAll("[number]")).replaceAll("[date]");
    }

    /** The exception and its causes with their messages redacted, their classes named and their stacks as they were. */
    public static Throwable redacted(Throwable e) {
        return copy(e, 0);
    }

    private static Throwable copy(Throwable e, int depth) {
        if (e == null || depth > 20) {
            return null;
        }
        Redacted copy = new Redacted(e.getClass().getName() + (e.getMessage() == null ? "" : ": " + redact(e.getMessage())),
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
