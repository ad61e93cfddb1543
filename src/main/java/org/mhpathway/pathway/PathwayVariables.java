package org.mhpathway.pathway;

/**
 * Process variable names. The contract names of PATHWAY.md section 6 are kept exactly; the rest are the
 * service's own. Dates are ISO-8601 strings.
 */
public final class PathwayVariables {

    // contract: identifiers and decisions (PATHWAY.md section 6)
    public static final String PATHWAY_ID = "pathwayId";
    public static final String NHS_NUMBER = "nhsNumber";
    public static final String ADMITTED = "admitted";
    public static final String LEARNING_DISABILITY_OR_AUTISM = "learningDisabilityOrAutism";
    public static final String OUT_OF_AREA = "outOfArea";
    public static final String HOUSING_NEED = "housingNeed";
    public static final String CLINICALLY_READY_FOR_DISCHARGE = "clinicallyReadyForDischarge";
    public static final String DISCHARGE_POSSIBLE = "dischargePossible";
    public static final String ADDITIONAL_SUPPORT_NEEDED = "additionalSupportNeeded";

    // contract: dates (PATHWAY.md section 6)
    public static final String ADMITTED_AT = "admittedAt";
    public static final String ESTIMATED_DISCHARGE_DATE = "estimatedDischargeDate";
    public static final String CRFD_AT = "crfdAt";
    public static final String DISCHARGED_AT = "dischargedAt";
    public static final String FOLLOW_UP_COMPLETED_AT = "followUpCompletedAt";

    // whose task: shown on every Tasklist item and form (never logged)
    /** The name the referral gave ("Jane Smith"); absent when it gave none. */
    public static final String PATIENT_NAME = "patientName";
    /** The NHS number as people read it, 3-3-4: "999 000 0018". */
    public static final String NHS_NUMBER_DISPLAY = "nhsNumberDisplay";
    /** Where the person is, from the bed allocation. */
    public static final String WARD = "ward";
    public static final String HOSPITAL = "hospital";
    public static final String BED = "bed";

    // referral
    public static final String DATE_OF_BIRTH = "dateOfBirth";
    public static final String EHC_PLAN = "ehcPlan";
    public static final String WARD_TYPE = "wardType";
    /**
     * When the person came onto the type of ward they are on: the admission, or the last move that changed the ward
     * type. The rehabilitation progress review counts from it.
     */
    public static final String WARD_TYPE_SINCE = "wardTypeSince";
    public static final String HOME_ICS = "homeIcs";
    public static final String GP_PRACTICE_CODE = "gpPracticeCode";
    public static final String REFERRAL_SOURCE = "referralSource";
    public static final String PRESENTED_AT = "presentedAt";
    public static final String READMISSION = "readmission";
    public static final String PREVIOUS_PATHWAY_ID = "previousPathwayId";

    // during the pathway
    public static final String CETR_HELD_BEFORE_ADMISSION = "cetrHeldBeforeAdmission";
    /** When the oversight visit or six-monthly C(E)TR that fell due last is due (inpatient-reviews). */
    public static final String OVERSIGHT_VISIT_DUE_AT = "oversightVisitDueAt";
    public static final String CETR_REVIEW_DUE_AT = "cetrReviewDueAt";
    public static final String REPATRIATED = "repatriated";
    public static final String DELAY_OUTCOME = "delayOutcome";
    public static final String DISCHARGE_NOTICE_GIVEN_AT = "dischargeNoticeGivenAt";
    public static final String PLANNED_DISCHARGE_AT = "plannedDischargeAt";
    public static final String DISCHARGE_DESTINATION = "dischargeDestination";
    public static final String GP_SUMMARY_SENT_AT = "gpSummarySentAt";

    // missed deadlines (sla-breach-response)
    public static final String SLA_CODE = "slaCode";
    public static final String SLA_NAME = "slaName";
    /** When the missed deadline was due: set by the model that calls it for a repeating review, else by the policy. */
    public static final String SLA_DUE_AT = "slaDueAt";
    public static final String SLA_BREACH_ID = "slaBreachId";
    public static final String RESPONSIBLE_GROUP = "responsibleGroup";
    public static final String BREACH_RESPONSE = "breachResponse";

    // partner notices
    public static final String NOTIFICATION_EVENT = "notificationEvent";
    public static final String NOTIFICATION_ID = "notificationId";

    // carers (seed 004): the list Agree purpose of admission records (key-stage-1 only, never a fact), who carers
    // should contact (given with the 48 hours' notice), and the carer notice a delivery instance e-mails
    public static final String CARERS = "carers";
    /** Each carer the 48 hours' notice shows, by id with the consent shown, in the order shown (no personal data). */
    public static final String CARERS_SHOWN = "carersShown";
    public static final String CARER_CONTACT = "carerContact";
    public static final String CARER_NOTICE_ID = "carerNoticeId";

    // partner answers (notice-acknowledgement; the follow-up reported by the community team)
    public static final String NOTIFICATION_KEY = "notificationKey";
    public static final String NOTICE_EVENT = "noticeEvent";
    public static final String NOTICE_RECIPIENT = "noticeRecipient";
    public static final String NOTICE_SENT_AT = "noticeSentAt";
    public static final String FOLLOW_UP_OUTCOME = "followUpOutcome";
    public static final String FOLLOW_UP_REPORTED_BY = "followUpReportedBy";

    private PathwayVariables() {
    }
}
