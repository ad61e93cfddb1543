package org.mhpathway.system;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;

/**
 * The dates and times the service's API accepts. A value the calendar allows but no pathway can hold (year 1, year
 * -999999999, a presentation next century) is a typing or system error, and would either fail in the database (500)
 * or decide a deadline. Every date and timestamp of the API lies within {@link #EARLIEST} and {@link #LATEST}; fields
 * that record what has happened are also not in the future, allowing {@link #CLOCK_SKEW} for a sender's clock.
 */
public final class PlausibleDates {

    /** Nobody living was born, and no pathway began, before this. */
    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    /** No deadline, plan or review of a pathway lies after this. */
    public static final LocalDate LATEST = LocalDate.of(2099, 12, 31);
    /** How far ahead of this service's clock the clock of a ward or a partner may run. */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);

    public static final String OUT_OF_RANGE = "must be between " + EARLIEST + " and " + LATEST;

    private PlausibleDates() {
    }

    /** Why the date is not plausible, or null. */
    public static String problem(LocalDate date) {
        return date.isBefore(EARLIEST) || date.isAfter(LATEST) ? OUT_OF_RANGE : null;
    }

    /** Why the instant is not plausible (its calendar date in the zone), or null. */
    public static String problem(Instant instant, ZoneId zone) {
        try {
            return problem(instant.atZone(zone).toLocalDate());
        } catch (DateTimeException beyondTheCalendar) {
            return OUT_OF_RANGE;
        }
    }

    /** Why a time at which something happened is not plausible: out of range, or in the future beyond the skew. */
    public static String pastProblem(Instant instant, Instant now, ZoneId zone) {
        String range = problem(instant, zone);
        if (range != null) {
            return range;
        }
        return instant.isAfter(now.plus(CLOCK_SKEW)) ? "is in the future" : null;
    }
}
