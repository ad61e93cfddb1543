package org.mhpathway.indicators;

import java.time.Instant;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;

/**
 * The period asked for, whole days from {@code from} to {@code to} on the policy's calendar (Europe/London), and its
 * calendar months clipped to it. A figure "now" (open delays, people out of area) is taken at the end of its month or
 * period, or now for one that has not ended.
 */
record IndicatorPeriod(LocalDate from, LocalDate to, ZoneId zone, Instant now, List<Month> months) {

    /** The most months one request may cover: a three-year plan. */
    static final int MAX_MONTHS = 36;

    static IndicatorPeriod of(LocalDate from, LocalDate to, ZoneId zone, Instant now) {
        List<Month> months = new ArrayList<>();
        YearMonth last = YearMonth.from(to);
        int index = 0;
        for (YearMonth m = YearMonth.from(from); !m.isAfter(last); m = m.plusMonths(1)) {
            LocalDate first = m.atDay(1).isBefore(from) ? from : m.atDay(1);
            LocalDate end = m.atEndOfMonth().isAfter(to) ? to : m.atEndOfMonth();
            months.add(new Month(index++, m, first, end, zone, now));
        }
        return new IndicatorPeriod(from, to, zone, now, List.copyOf(months));
    }

    Instant start() {
        return months.get(0).start();
    }

    /** The first instant after the period. */
    Instant end() {
        return months.get(months.size() - 1).end();
    }

    Instant snapshot() {
        return end().isBefore(now) ? end() : now;
    }

    /** The month of a cell (null: the whole period). */
    Month month(Integer index) {
        return index == null ? null : months.get(index);
    }

    int lastMonth() {
        return months.size() - 1;
    }

    /** True when a cell's figures "now" are taken now: the period, or its month, has not ended. */
    boolean isNow(Integer monthIndex) {
        Instant end = monthIndex == null ? end() : months.get(monthIndex).end();
        return !end.isBefore(now);
    }

    /** One calendar month of the period, clipped to it. */
    record Month(int index, YearMonth month, LocalDate from, LocalDate to, Instant start, Instant end, Instant snapshot) {

        Month(int index, YearMonth month, LocalDate from, LocalDate to, ZoneId zone, Instant now) {
            this(index, month, from, to, from.atStartOfDay(zone).toInstant(),
                    to.plusDays(1).atStartOfDay(zone).toInstant(),
                    min(to.plusDays(1).atStartOfDay(zone).toInstant(), now));
        }

        private static Instant min(Instant a, Instant b) {
            return a.isBefore(b) ? a : b;
        }
    }
}
