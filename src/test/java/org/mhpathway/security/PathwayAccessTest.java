package org.mhpathway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.delay.DelayPeriodRecords;
import org.mhpathway.discharge.MultiAgencyDischargeEvents;
import org.mhpathway.housing.HousingCases;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * The discharge hub and housing see a pathway once any of the three escalations stands behind it (docs/security.md):
 * each module answers for its own records ({@link EscalationHistory}), and a pathway with none stays closed to them.
 */
class PathwayAccessTest extends ProcessTestCase {

    @Autowired PathwayAccess access;
    @Autowired DelayPeriodRecords delays;
    @Autowired HousingCases housing;
    @Autowired MultiAgencyDischargeEvents dischargeEvents;

    @Test
    void aPathwayIsBehindAnEscalationOnceADelayAHousingCaseOrADischargeEventIsRecorded() {
        String none = refer("adult-acute", false);
        String delayed = refer("adult-acute", false);
        String housed = refer("adult-acute", false);
        String convened = refer("adult-acute", false);

        delays.begin(delayed, "Ward 1", new DelayPeriodRecords.DelayFacts("housing", "nhs", null), null,
                Instant.now(), "Ward manager", null, "tester");
        housing.open(housed, Instant.now());
        dischargeEvents.convene(convened, "escalated", List.of("local-authority"));

        assertThat(access.behindEscalation(none)).isFalse();
        assertThat(access.behindEscalation(delayed)).as("delay").isTrue();
        assertThat(access.behindEscalation(housed)).as("housing case").isTrue();
        assertThat(access.behindEscalation(convened)).as("discharge event").isTrue();
        assertThat(access.icsOf(none)).hasValue("QJ2");
        assertThat(access.icsOf("MHP-0000-0000")).isEmpty();
    }
}
