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
        String outcome,
        String givenNames,
        String familyName,
        String ward,
        String hospital,
        String bed,
        Instant diedAt) {

    public static PathwayRecord opened(String pathwayId, String nhsNumber, String homeIcs, String wardType,
                                       String referralSource, boolean learningDisabilityOrAutism, Instant referredAt,
                                       String givenNames, String familyName) {
        return new PathwayRecord(pathwayId, nhsNumber, homeIcs, wardType, referralSource, learningDisabilityOrAutism,
                referredAt, null, null, null, null, null, null, null, null, false, false, null, null, givenNames,
                familyName, null, null, null, null);
    }

    /** As people read and write an NHS number: 3-3-4, {@code 999 000 0018}. */
    public static String nhsNumberDisplay(String nhsNumber) {
        return nhsNumber.substring(0, 3) + " " + nhsNumber.substring(3, 6) + " " + nhsNumber.substring(6);
    }

    /**
     * What Tasklist shows of whose task it is, for a model started on its own rather than called from the pathway (a
     * housing escalation, a discharge event): the pathway, ICS and ward type, the name and NHS number, and where the
     * person is. The called models get the same through {@link PathwayFactsMapping}.
     */
    public java.util.Map<String, Object> whoseTask() {
        java.util.Map<String, Object> v = new java.util.HashMap<>();
        v.put(PathwayVariables.PATHWAY_ID, pathwayId);
        v.put(PathwayVariables.HOME_ICS, homeIcs);
        v.put(PathwayVariables.WARD_TYPE, wardType);
        v.put(PathwayVariables.NHS_NUMBER_DISPLAY, nhsNumberDisplay(nhsNumber));
        String name = new PersonName(givenNames == null ? null : java.util.List.of(givenNames), familyName).display();
        if (!name.isEmpty()) {
            v.put(PathwayVariables.PATIENT_NAME, name);
        }
        if (ward != null) {
            v.put(PathwayVariables.WARD, ward);
        }
        if (hospital != null) {
            v.put(PathwayVariables.HOSPITAL, hospital);
        }
        if (bed != null) {
            v.put(PathwayVariables.BED, bed);
        }
        return v;
    }

    /** The pathway id stands for the person wherever a record is printed; the NHS number and name are left out. */
    @Override
    public String toString() {
        return "PathwayRecord[pathwayId=" + pathwayId + ", homeIcs=" + homeIcs + ", wardType=" + wardType
                + ", closedAt=" + closedAt + "]";
    }
}
