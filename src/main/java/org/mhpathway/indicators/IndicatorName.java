package org.mhpathway.indicators;

import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The managers' indicators of PATHWAY.md section 5, by the names the integration contract keeps (section 6), in the
 * order the answer lists them.
 */
enum IndicatorName {

    FOLLOW_UP_WITHIN_72_HOURS("followUpWithin72Hours"),
    DELAYED_DISCHARGES("delayedDischarges"),
    OUT_OF_AREA_PLACEMENTS("outOfAreaPlacements"),
    LONG_STAYS("longStays"),
    LEARNING_DISABILITY_AND_AUTISM_INPATIENTS("learningDisabilityAndAutismInpatients"),
    CETR_ON_TIME("cetrOnTime"),
    OVERSIGHT_VISITS_ON_TIME("oversightVisitsOnTime"),
    KEY_STAGE_1_WITHIN_72_HOURS("keyStage1Within72Hours"),
    DISCHARGE_NOTICE_GIVEN_48_HOURS("dischargeNoticeGiven48Hours"),
    GP_SUMMARY_WITHIN_7_DAYS("gpSummaryWithin7Days"),
    READMISSIONS_WITHIN_30_DAYS("readmissionsWithin30Days"),
    DEADLINES("deadlines");

    private final String key;

    IndicatorName(String key) {
        this.key = key;
    }

    /** The name in JSON, CSV and the targets of {@code application.yml}. */
    String key() {
        return key;
    }

    static Set<String> keys() {
        return Arrays.stream(values()).map(IndicatorName::key).collect(Collectors.toCollection(java.util.TreeSet::new));
    }
}
