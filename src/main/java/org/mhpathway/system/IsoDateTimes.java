package org.mhpathway.system;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Date;

/**
 * Reads the ISO-8601 values that reach process variables: from the REST API, from Camunda Forms
 * ({@code 2026-11-24T09:15+00:00}, {@code 2026-11-24}) and from Java ({@link Date}). A value without an
 * offset is read in the service's zone (Europe/London), as a ward clock would show it.
 */
public final class IsoDateTimes {

    private IsoDateTimes() {
    }

    /** The instant a variable value stands for, or null when the value is absent or blank. */
    public static Instant toInstant(Object value, ZoneId zone) {
        if (value == null) {
            return null;
        }
        if (value instanceof Date date) {
            return date.toInstant();
        }
        if (value instanceof Instant instant) {
            return instant;
        }
        if (value instanceof OffsetDateTime odt) {
            return odt.toInstant();
        }
        if (value instanceof ZonedDateTime zdt) {
            return zdt.toInstant();
        }
        if (value instanceof LocalDate date) {
            return date.atStartOfDay(zone).toInstant();
        }
        String text = value.toString().trim();
        if (text.isEmpty()) {
            return null;
        }
        try {
            return OffsetDateTime.parse(text).toInstant();
        } catch (DateTimeParseException notOffset) {
            try {
                return LocalDateTime.parse(text).atZone(zone).toInstant();
            } catch (DateTimeParseException notLocal) {
                return LocalDate.parse(text).atStartOfDay(zone).toInstant();
            }
        }
    }

    /** The calendar date a variable value stands for, in the given zone, or null when absent. */
    public static LocalDate toLocalDate(Object value, ZoneId zone) {
        if (value == null || value.toString().isBlank()) {
            return null;
        }
        if (value instanceof LocalDate date) {
            return date;
        }
        String text = value.toString().trim();
        if (text.length() == 10) {
            return LocalDate.parse(text);
        }
        return toInstant(value, zone).atZone(zone).toLocalDate();
    }

    /**
     * Adds an ISO-8601 period or duration, or both ({@code P28D}, {@code PT72H}, {@code P6M}, {@code P1DT12H}),
     * on the calendar of the zone, so that "6 months" and "28 days" mean what a ward means by them.
     */
    public static Instant plus(Instant start, String isoAmount, ZoneId zone) {
        String amount = isoAmount.trim().toUpperCase();
        if (!amount.startsWith("P")) {
            throw new IllegalArgumentException("not an ISO-8601 period or duration: " + isoAmount);
        }
        ZonedDateTime at = start.atZone(zone);
        int t = amount.indexOf('T');
        String datePart = t < 0 ? amount : amount.substring(0, t);
        if (datePart.length() > 1) {
            at = at.plus(java.time.Period.parse(datePart));
        }
        if (t >= 0) {
            at = at.plus(java.time.Duration.parse("P" + amount.substring(t)));
        }
        return at.toInstant();
    }
}
