package org.mhpathway.admission;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.mhpathway.pathway.PathwayRecord;
import org.mhpathway.pathway.PathwayRegister;
import org.springframework.stereotype.Service;

/** Readmission within 30 days of discharge is flagged and reviewed (PATHWAY.md section 2, Key Stage 3). */
@Service
public class ReadmissionCheck {

    static final Duration READMISSION_WINDOW = Duration.ofDays(30);

    private final PathwayRegister register;

    public ReadmissionCheck(PathwayRegister register) {
        this.register = register;
    }

    /** The earlier pathway this referral readmits from, if its discharge was within 30 days of {@code referredAt}. */
    public Optional<String> earlierPathway(String pathwayId, String nhsNumber, Instant referredAt) {
        Optional<PathwayRecord> last = register.lastDischargeBefore(nhsNumber, pathwayId, referredAt);
        Optional<String> earlier = last
                .filter(p -> !p.dischargedAt().isBefore(referredAt.minus(READMISSION_WINDOW)))
                .map(PathwayRecord::pathwayId);
        earlier.ifPresent(previous -> register.markReadmission(pathwayId));
        return earlier;
    }
}
