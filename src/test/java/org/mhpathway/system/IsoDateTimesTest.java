package org.mhpathway.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Date;
import org.junit.jupiter.api.Test;

class IsoDateTimesTest {

    private static final ZoneId LONDON = ZoneId.of("Europe/London");

    @Test
    void readsWhatFormsAndTheApiSubmit() {
        assertThat(IsoDateTimes.toInstant("2026-07-01T09:15+01:00", LONDON)).isEqualTo(Instant.parse("2026-07-01T08:15:00Z"));
        assertThat(IsoDateTimes.toInstant("2026-07-01T09:15:30Z", LONDON)).isEqualTo(Instant.parse("2026-07-01T09:15:30Z"));
        // no offset: a ward clock in London, in British Summer Time here
        assertThat(IsoDateTimes.toInstant("2026-07-01T09:15", LONDON)).isEqualTo(Instant.parse("2026-07-01T08:15:00Z"));
        assertThat(IsoDateTimes.toInstant("2026-07-01", LONDON)).isEqualTo(Instant.parse("2026-06-30T23:00:00Z"));
        assertThat(IsoDateTimes.toInstant(Date.from(Instant.EPOCH), LONDON)).isEqualTo(Instant.EPOCH);
        assertThat(IsoDateTimes.toInstant(" ", LONDON)).isNull();
        assertThat(IsoDateTimes.toInstant(null, LONDON)).isNull();
    }

    @Test
    void readsDates() {
        assertThat(IsoDateTimes.toLocalDate("2026-07-01", LONDON)).isEqualTo(LocalDate.of(2026, 7, 1));
        assertThat(IsoDateTimes.toLocalDate("2026-06-30T23:30Z", LONDON)).isEqualTo(LocalDate.of(2026, 7, 1));
    }

    @Test
    void addsPeriodsOnTheCalendarAndDurationsOnTheClock() {
        Instant start = Instant.parse("2026-03-28T12:00:00Z");
        // the clocks go forward on 29 March 2026: 72 hours is 72 hours, a day is a calendar day
        assertThat(IsoDateTimes.plus(start, "PT72H", LONDON)).isEqualTo(Instant.parse("2026-03-31T12:00:00Z"));
        assertThat(IsoDateTimes.plus(start, "P3D", LONDON)).isEqualTo(Instant.parse("2026-03-31T11:00:00Z"));
        assertThat(IsoDateTimes.plus(start, "P6M", LONDON)).isEqualTo(Instant.parse("2026-09-28T11:00:00Z"));
        assertThat(IsoDateTimes.plus(start, "P7W", LONDON)).isEqualTo(Instant.parse("2026-05-16T11:00:00Z"));
        assertThat(IsoDateTimes.plus(start, "P1DT12H", LONDON)).isEqualTo(Instant.parse("2026-03-29T23:00:00Z"));
        assertThatThrownBy(() -> IsoDateTimes.plus(start, "72 hours", LONDON)).isInstanceOf(IllegalArgumentException.class);
    }
}
