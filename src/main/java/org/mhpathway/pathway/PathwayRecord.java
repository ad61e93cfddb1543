package org.mhpathway.pathway;

import java.time.Instant;
import java.time.LocalDate;

/** One row of the pathway register. */
public record PathwayRecord(
        String pathwayId,
        String nhsNumber,
        String homeIcs,
        String wardType,
        String referralSource,
        boolean learningDisabilityOrAutism,
        Instant referredAt,
        Instant admittedAt,
        Instant keyStage1CompletedAt,
        LocalDate estimatedDischargeDate,
        Instant crfdAt,
        Instant dischargedAt,
        String dischargeDestination,
        Instant followUpCompletedAt,
        Instant gpSummarySentAt,
        boolean outOfArea,
        boolean readmission,
        Instant closedAt,
        String outcome) {

    public static PathwayRecord opened(String pathwayId, String nhsNumber, String homeIcs, String wardType,
                                       String referralSource, boolean learningDisabilityOrAutism, Instant referredAt) {
        return new PathwayRecord(pathwayId, nhsNumber, homeIcs, wardType, referralSource, learningDisabilityOrAutism,
                referredAt, null, null, null, null, null, null, null, null, false, false, null, null);
    }

    /** The pathway id stands for the person wherever a record is printed; the NHS number is left out. */
    @Override
    public String toString() {
        return "PathwayRecord[pathwayId=" + pathwayId + ", homeIcs=" + homeIcs + ", wardType=" + wardType
                + ", closedAt=" + closedAt + "]";
    }
}
