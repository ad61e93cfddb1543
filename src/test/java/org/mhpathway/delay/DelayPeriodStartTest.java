package org.mhpathway.delay;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** When a delay period starts, without the engine ({@link DelayPeriodRecords#periodStart}). */
class DelayPeriodStartTest {

    private static final Instant NOW = Instant.parse("2026-03-13T12:00:00Z");
    private static final Instant READY = NOW.minus(Duration.ofDays(3));

    /** PATHWAY.md section 5 (issue 13): bed days lost count from clinical readiness, not from the hub's finding. */
    @Test
    void aPeriodStartsWhenThePersonBecameClinicallyReadyForDischarge() {
        assertThat(DelayPeriodRecords.periodStart(READY, NOW, null)).isEqualTo(READY);
    }

    @Test
    void aReadinessRecordedAheadOrNotAtAllStartsThePeriodNow() {
        assertThat(DelayPeriodRecords.periodStart(NOW.plus(Duration.ofHours(1)), NOW, null)).isEqualTo(NOW);
        assertThat(DelayPeriodRecords.periodStart(null, NOW, null)).isEqualTo(NOW);
    }

    /** A second delay of the same stay counts no bed day the first already counted. */
    @Test
    void aPeriodStartsNoEarlierThanThePathwaysPreviousPeriodEnded() {
        Instant ended = NOW.minus(Duration.ofDays(1));
        assertThat(DelayPeriodRecords.periodStart(READY, NOW, ended)).isEqualTo(ended);
        assertThat(DelayPeriodRecords.periodStart(READY, NOW, READY.minus(Duration.ofDays(1)))).isEqualTo(READY);
    }
}
