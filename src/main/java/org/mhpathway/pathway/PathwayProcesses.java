package org.mhpathway.pathway;

/**
 * The one typed home of the process models in {@code bpmn/}: their keys and element ids, as used by delegates,
 * controllers, the demo data and the tests. Generated names mirror the ids in the XML one for one.
 */
public final class PathwayProcesses {

    private PathwayProcesses() {
    }

    /** {@code inpatient-pathway}: Inpatient pathway. */
    public static final class InpatientPathway {

        public static final String KEY = "inpatient-pathway";

        public static final String TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION = "UserTask_AssessNeedsAndDecideAdmission";
        public static final String TASK_HOLD_PRE_ADMISSION_CETR = "UserTask_HoldPreAdmissionCetr";
        public static final String TASK_ALLOCATE_BED = "UserTask_AllocateBed";
        public static final String CALL_INPATIENT_STAY = "CallActivity_InpatientStay";
        public static final String CALL_FOLLOW_UP_AFTER_DISCHARGE = "CallActivity_FollowUpAfterDischarge";
        public static final String SERVICE_CHECK_FOR_RECENT_DISCHARGE = "ServiceTask_CheckForRecentDischarge";
        public static final String SERVICE_NOTIFY_CRISIS_TEAM_OF_COMMUNITY_ALTERNATIVE = "ServiceTask_NotifyCrisisTeamOfCommunityAlternative";
        public static final String SERVICE_NOTIFY_COMMISSIONER_OF_OUT_OF_AREA_PLACEMENT = "ServiceTask_NotifyCommissionerOfOutOfAreaPlacement";
        public static final String GATEWAY_INPATIENT_CARE_NEEDED = "Gateway_InpatientCareNeeded";
        public static final String GATEWAY_LEARNING_DISABILITY_OR_AUTISM = "Gateway_LearningDisabilityOrAutism";
        public static final String GATEWAY_PRE_ADMISSION_CHECKS_DONE = "Gateway_PreAdmissionChecksDone";
        public static final String GATEWAY_OUT_OF_AREA_PLACEMENT = "Gateway_OutOfAreaPlacement";
        public static final String GATEWAY_PLACEMENT_RECORDED = "Gateway_PlacementRecorded";
        public static final String END_COMMUNITY_ALTERNATIVE_ARRANGED = "EndEvent_CommunityAlternativeArranged";
        public static final String END_PATHWAY_COMPLETED = "EndEvent_PathwayCompleted";
        public static final String END_PATHWAY_CLOSED_AFTER_DEATH = "EndEvent_PathwayClosedAfterDeath";
        public static final String START_REFERRAL_RECEIVED = "StartEvent_ReferralReceived";

        /** A death at any point: the interrupting event subprocess that records it and closes the pathway. */
        public static final String SUBPROCESS_PERSON_DIED = "SubProcess_PersonDied";
        public static final String START_PERSON_DIED = "StartEvent_PersonDied";
        public static final String SERVICE_RECORD_DEATH = "ServiceTask_RecordDeath";
        public static final String SERVICE_NOTIFY_PARTNERS_OF_DEATH = "ServiceTask_NotifyPartnersOfDeath";
        public static final String MSG_PERSON_DIED = "Msg_PersonDied";

        /** Variables the death message brings: when, where (optional) and the ward's notes (optional). */
        public static final String DIED_AT = "diedAt";
        public static final String PLACE_OF_DEATH = "placeOfDeath";
        public static final String DEATH_NOTES = "deathNotes";
        /** The discharge destination a death is recorded with, so that no discharge indicator counts it. */
        public static final String DIED = "died";

        private InpatientPathway() {
        }
    }

    /** {@code inpatient-stay}: Inpatient stay. */
    public static final class InpatientStay {

        public static final String KEY = "inpatient-stay";

        public static final String TASK_CONFIRM_CLINICALLY_READY_FOR_DISCHARGE = "UserTask_ConfirmClinicallyReadyForDischarge";
        public static final String CALL_COMPLETE_KEY_STAGE_1 = "CallActivity_CompleteKeyStage1";
        public static final String CALL_RESPOND_TO_MISSED_KEY_STAGE_1 = "CallActivity_RespondToMissedKeyStage1";
        public static final String CALL_DISCHARGE_FROM_HOSPITAL = "CallActivity_DischargeFromHospital";
        public static final String CALL_RUN_STAY_REVIEWS = "CallActivity_RunStayReviews";
        public static final String TIMER_KEY_STAGE_1_OVERDUE = "BoundaryEvent_KeyStage1Overdue";
        public static final String GATEWAY_AWAIT_READINESS = "Gateway_AwaitReadiness";
        public static final String GATEWAY_PERSON_DISCHARGED = "Gateway_PersonDischarged";
        public static final String END_KEY_STAGE_1_BREACH_HANDLED = "EndEvent_KeyStage1BreachHandled";
        public static final String END_DISCHARGED = "EndEvent_Discharged";
        public static final String START_ADMITTED = "StartEvent_Admitted";

        public static final String SERVICE_NOTIFY_SERVICES_OF_ADMISSION = "ServiceTask_NotifyServicesOfAdmission";
        public static final String END_ADMISSION_NOTICES_RECORDED = "EndEvent_AdmissionNoticesRecorded";

        /** When social care is involved, the discharge hub's assessment of social care needs (PATHWAY.md section 5b). */
        public static final String GATEWAY_SOCIAL_CARE_INVOLVED = "Gateway_SocialCareInvolved";
        public static final String CALL_ASSESS_SOCIAL_CARE_NEEDS = "CallActivity_AssessSocialCareNeeds";
        public static final String END_SOCIAL_CARE_NEEDS_ASSESSED = "EndEvent_SocialCareNeedsAssessed";
        public static final String END_NO_SOCIAL_CARE_ASSESSMENT_NEEDED = "EndEvent_NoSocialCareAssessmentNeeded";

        /**
         * A move during the stay (PATHWAY.md section 5b): the non-interrupting event subprocess that records it, tells
         * the reviews, and tells the commissioner when the out-of-area placement starts or ends.
         */
        public static final String SUBPROCESS_PERSON_MOVED = "SubProcess_PersonMoved";
        public static final String START_PERSON_MOVED = "StartEvent_PersonMoved";
        public static final String SERVICE_RECORD_MOVE = "ServiceTask_RecordMove";
        public static final String MESSAGE_REVIEWS_TOLD_OF_MOVE = "MessageEvent_ReviewsToldOfMove";
        public static final String GATEWAY_PLACEMENT_CHANGED = "Gateway_PlacementChanged";
        public static final String SERVICE_NOTIFY_COMMISSIONER_OF_MOVE_OUT_OF_AREA = "ServiceTask_NotifyCommissionerOfMoveOutOfArea";
        public static final String SERVICE_NOTIFY_COMMISSIONER_OF_REPATRIATION = "ServiceTask_NotifyCommissionerOfRepatriation";
        public static final String GATEWAY_MOVE_NOTICES_RECORDED = "Gateway_MoveNoticesRecorded";
        public static final String END_MOVE_RECORDED = "EndEvent_MoveRecorded";
        public static final String MSG_PERSON_MOVED = "Msg_PersonMoved";

        /** Variables the move message brings (POST /api/pathways/{id}/transfer). */
        public static final String TRANSFERRED_AT = "transferredAt";
        public static final String TRANSFER_WARD = "transferWard";
        public static final String TRANSFER_HOSPITAL = "transferHospital";
        public static final String TRANSFER_BED = "transferBed";
        public static final String TRANSFER_WARD_TYPE = "transferWardType";
        public static final String TRANSFER_OUT_OF_AREA = "transferOutOfArea";
        public static final String TRANSFER_REASON = "transferReason";
        /**
         * Local to one run of the event subprocess: the move as kept ({@code ward_transfer.id}), what it did to the
         * out-of-area placement ({@code started}, {@code ended}, {@code continues}, {@code none}) and whether the
         * ward type changed.
         */
        public static final String TRANSFER_ID = "transferId";
        public static final String PLACEMENT_CHANGE = "placementChange";
        public static final String WARD_TYPE_CHANGED = "wardTypeChanged";

        private InpatientStay() {
        }
    }

    /** {@code key-stage-1}: Key Stage 1: the first 72 hours. */
    public static final class KeyStage1 {

        public static final String KEY = "key-stage-1";

        public static final String TASK_AGREE_PURPOSE_OF_ADMISSION = "UserTask_AgreePurposeOfAdmission";
        public static final String TASK_REVIEW_FORMULATION_AND_AGREE_CARE_PLAN = "UserTask_ReviewFormulationAndAgreeCarePlan";
        public static final String TASK_BEGIN_DISCHARGE_PLANNING = "UserTask_BeginDischargePlanning";
        public static final String TASK_COMPLETE_PHYSICAL_HEALTH_CHECK = "UserTask_CompletePhysicalHealthCheck";
        public static final String END_KEY_STAGE_1_COMPLETED = "EndEvent_KeyStage1Completed";
        public static final String START_KEY_STAGE_1_STARTED = "StartEvent_KeyStage1Started";

        private KeyStage1() {
        }
    }

    /**
     * {@code social-care-assessment}: Social care needs assessment, by the discharge hub within 72 hours of admission
     * when social care is involved (PATHWAY.md section 5b; seed 004, BLMK's discharge hub).
     */
    public static final class SocialCareAssessment {

        public static final String KEY = "social-care-assessment";

        public static final String START_SOCIAL_CARE_ASSESSMENT_NEEDED = "StartEvent_SocialCareAssessmentNeeded";
        public static final String TASK_RECORD_SOCIAL_CARE_NEEDS_ASSESSMENT = "UserTask_RecordSocialCareNeedsAssessment";
        public static final String TIMER_SOCIAL_CARE_ASSESSMENT_OVERDUE = "BoundaryEvent_SocialCareAssessmentOverdue";
        public static final String CALL_RESPOND_TO_MISSED_SOCIAL_CARE_ASSESSMENT = "CallActivity_RespondToMissedSocialCareAssessment";
        public static final String END_SOCIAL_CARE_NEEDS_ASSESSED = "EndEvent_SocialCareNeedsAssessed";
        public static final String END_SOCIAL_CARE_ASSESSMENT_BREACH_HANDLED = "EndEvent_SocialCareAssessmentBreachHandled";

        /** The SLA its task and timer are due by. */
        public static final String SLA = "social-care-needs-assessment";

        /** What its form records. */
        public static final String SOCIAL_CARE_ASSESSED_AT = "socialCareAssessedAt";
        public static final String SOCIAL_CARE_NEEDS = "socialCareNeeds";
        public static final String SOCIAL_CARE_SERVICES_NEEDED = "socialCareServicesNeeded";

        private SocialCareAssessment() {
        }
    }

    /** {@code inpatient-reviews}: Reviews during the stay. */
    public static final class InpatientReviews {

        public static final String KEY = "inpatient-reviews";

        public static final String TASK_RECORD_RED_TO_GREEN_DAY = "UserTask_RecordRedToGreenDay";
        public static final String TASK_REVIEW_DELAY_FACTORS = "UserTask_ReviewDelayFactors";
        public static final String TASK_RECORD_OVERSIGHT_VISIT = "UserTask_RecordOversightVisit";
        public static final String TASK_HOLD_CETR_WITHIN28_DAYS = "UserTask_HoldCetrWithin28Days";
        public static final String TASK_HOLD_SIX_MONTHLY_CETR = "UserTask_HoldSixMonthlyCetr";
        public static final String TASK_REVIEW_REHABILITATION_PROGRESS = "UserTask_ReviewRehabilitationProgress";
        public static final String TASK_HOLD_LONG_STAY_PEER_REVIEW = "UserTask_HoldLongStayPeerReview";
        public static final String TASK_COMMISSION_ROOT_CAUSE_ANALYSIS = "UserTask_CommissionRootCauseAnalysis";
        public static final String TASK_REVIEW_REPATRIATION = "UserTask_ReviewRepatriation";
        public static final String TASK_REVIEW_READMISSION = "UserTask_ReviewReadmission";
        public static final String CALL_RESPOND_TO_MISSED_CETR = "CallActivity_RespondToMissedCetr";
        public static final String CALL_RESPOND_TO_MISSED_OVERSIGHT_VISIT = "CallActivity_RespondToMissedOversightVisit";
        public static final String CALL_RESPOND_TO_MISSED_SIX_MONTHLY_CETR = "CallActivity_RespondToMissedSixMonthlyCetr";
        public static final String TIMER_CETR_OVERDUE = "BoundaryEvent_CetrOverdue";
        public static final String TIMER_OVERSIGHT_VISIT_OVERDUE = "BoundaryEvent_OversightVisitOverdue";
        public static final String TIMER_SIX_MONTHLY_CETR_OVERDUE = "BoundaryEvent_SixMonthlyCetrOverdue";
        public static final String TIMER_RED_TO_GREEN_REVIEW_DUE = "TimerEvent_RedToGreenReviewDue";
        public static final String TIMER_DELAY_FACTOR_REVIEW_DUE = "TimerEvent_DelayFactorReviewDue";
        public static final String TIMER_OVERSIGHT_VISIT_DUE = "TimerEvent_OversightVisitDue";
        public static final String TIMER_CETR_REVIEW_DUE = "TimerEvent_CetrReviewDue";
        public static final String TIMER_REHABILITATION_REVIEW_DUE = "TimerEvent_RehabilitationReviewDue";
        public static final String TIMER_LONG_STAY_REACHED = "TimerEvent_LongStayReached";
        public static final String TIMER_FIVE_YEAR_STAY_REACHED = "TimerEvent_FiveYearStayReached";
        public static final String TIMER_REPATRIATION_REVIEW_DUE = "TimerEvent_RepatriationReviewDue";
        public static final String SUBPROCESS_REPATRIATION_REVIEWS = "SubProcess_RepatriationReviews";
        public static final String START_REPATRIATION_REVIEWS_STARTED = "StartEvent_RepatriationReviewsStarted";
        public static final String BOUNDARY_RETURNED_TO_HOME_ICS = "BoundaryEvent_ReturnedToHomeIcs";
        public static final String GATEWAY_REPATRIATION_REVIEWS_BEGIN = "Gateway_RepatriationReviewsBegin";
        public static final String MESSAGE_MOVED_OUT_OF_AREA = "MessageEvent_MovedOutOfArea";
        public static final String SERVICE_RECORD_REPATRIATION = "ServiceTask_RecordRepatriation";
        public static final String SERVICE_NOTIFY_COMMISSIONER_OF_REPATRIATION = "ServiceTask_NotifyCommissionerOfRepatriation";
        public static final String SUBPROCESS_REHABILITATION_PROGRESS_REVIEW = "SubProcess_RehabilitationProgressReview";
        public static final String START_REHABILITATION_REVIEW_SCHEDULED = "StartEvent_RehabilitationReviewScheduled";
        public static final String BOUNDARY_LEFT_REHABILITATION_WARD = "BoundaryEvent_LeftRehabilitationWard";
        public static final String GATEWAY_CHECK_REHABILITATION_WARD = "Gateway_CheckRehabilitationWard";
        public static final String MESSAGE_WARD_TYPE_CHANGED = "MessageEvent_WardTypeChanged";
        public static final String END_REHABILITATION_REVIEW_HELD = "EndEvent_RehabilitationReviewHeld";
        public static final String GATEWAY_AWAIT_LONG_STAY = "Gateway_AwaitLongStay";
        public static final String MESSAGE_WARD_TYPE_CHANGED_BEFORE_LONG_STAY = "MessageEvent_WardTypeChangedBeforeLongStay";
        /** From the inpatient stay's <i>Person moved</i>, to this instance, after a move is recorded. */
        public static final String MSG_MOVED_OUT_OF_AREA = "Msg_MovedOutOfArea";
        public static final String MSG_RETURNED_TO_HOME_ICS = "Msg_ReturnedToHomeIcs";
        public static final String MSG_WARD_TYPE_CHANGED = "Msg_WardTypeChanged";
        /** The new bed a repatriation review records when the person is back in the home ICS. */
        public static final String REPATRIATED_TO_WARD = "repatriatedToWard";
        public static final String REPATRIATED_TO_HOSPITAL = "repatriatedToHospital";
        public static final String REPATRIATED_TO_BED = "repatriatedToBed";
        public static final String GATEWAY_OVERSIGHT_VISITS_APPLY = "Gateway_OversightVisitsApply";
        public static final String GATEWAY_CETR_APPLIES = "Gateway_CetrApplies";
        public static final String GATEWAY_CETR_HELD_BEFORE_ADMISSION = "Gateway_CetrHeldBeforeAdmission";
        public static final String GATEWAY_FIRST_CETR_HELD = "Gateway_FirstCetrHeld";
        public static final String GATEWAY_REHABILITATION_WARD = "Gateway_RehabilitationWard";
        public static final String GATEWAY_PLACED_OUT_OF_AREA = "Gateway_PlacedOutOfArea";
        public static final String GATEWAY_BACK_IN_AREA = "Gateway_BackInArea";
        public static final String GATEWAY_READMISSION = "Gateway_Readmission";
        public static final String END_NO_OVERSIGHT_VISITS_DUE = "EndEvent_NoOversightVisitsDue";
        public static final String END_CETR_BREACH_HANDLED = "EndEvent_CetrBreachHandled";
        public static final String END_OVERSIGHT_VISIT_BREACH_HANDLED = "EndEvent_OversightVisitBreachHandled";
        public static final String END_SIX_MONTHLY_CETR_BREACH_HANDLED = "EndEvent_SixMonthlyCetrBreachHandled";
        public static final String END_NO_CETR_DUE = "EndEvent_NoCetrDue";
        public static final String END_REHABILITATION_PROGRESS_REVIEWED = "EndEvent_RehabilitationProgressReviewed";
        public static final String END_LONG_STAY_REVIEWED = "EndEvent_LongStayReviewed";
        public static final String END_REPATRIATED = "EndEvent_Repatriated";
        public static final String END_READMISSION_REVIEWED = "EndEvent_ReadmissionReviewed";
        public static final String END_NOT_READMISSION = "EndEvent_NotReadmission";
        public static final String START_REVIEWS_STARTED = "StartEvent_ReviewsStarted";

        private InpatientReviews() {
        }
    }

    /** {@code hospital-discharge}: Discharge from hospital. */
    public static final class HospitalDischarge {

        public static final String KEY = "hospital-discharge";

        public static final String CALL_ARRANGE_PLANNED_SUPPORT = "CallActivity_ArrangePlannedSupport";
        public static final String TASK_REFINE_DISCHARGE_PLAN = "UserTask_RefineDischargePlan";
        public static final String TASK_GIVE_DISCHARGE_NOTICE = "UserTask_GiveDischargeNotice";
        public static final String TASK_PREPARE_FOR_DISCHARGE = "UserTask_PrepareForDischarge";
        public static final String TASK_RECORD_DISCHARGE = "UserTask_RecordDischarge";
        public static final String SERVICE_NOTIFY_SERVICES_OF_PLANNED_DISCHARGE = "ServiceTask_NotifyServicesOfPlannedDischarge";
        public static final String SERVICE_NOTIFY_SERVICES_OF_DISCHARGE = "ServiceTask_NotifyServicesOfDischarge";
        public static final String CALL_AWAIT_NOTICE_ACKNOWLEDGEMENTS = "CallActivity_AwaitNoticeAcknowledgements";
        public static final String TIMER_NOTICE_PERIOD_ELAPSED = "TimerEvent_NoticePeriodElapsed";
        public static final String GATEWAY_STILL_CLINICALLY_READY = "Gateway_StillClinicallyReady";
        public static final String END_NO_LONGER_CLINICALLY_READY = "EndEvent_NoLongerClinicallyReady";
        public static final String END_DISCHARGED = "EndEvent_Discharged";
        public static final String END_NOTICES_ACKNOWLEDGED_OR_CHASED = "EndEvent_NoticesAcknowledgedOrChased";
        public static final String START_CLINICALLY_READY_FOR_DISCHARGE = "StartEvent_ClinicallyReadyForDischarge";

        private HospitalDischarge() {
        }
    }

    /** {@code planned-support}: Planned support for discharge, and the delayed discharge while it is missing. */
    public static final class PlannedSupport {

        public static final String KEY = "planned-support";

        public static final String START_SUPPORT_NEEDED = "StartEvent_SupportNeeded";
        public static final String TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE = "UserTask_ConfirmPlannedSupportInPlace";
        public static final String GATEWAY_DISCHARGE_POSSIBLE = "Gateway_DischargePossible";
        public static final String SUBPROCESS_DELAYED_DISCHARGE = "SubProcess_DelayedDischarge";
        public static final String START_DELAY_BEGUN = "StartEvent_DelayBegun";
        public static final String SERVICE_NOTIFY_SERVICES_OF_DELAYED_DISCHARGE = "ServiceTask_NotifyServicesOfDelayedDischarge";
        public static final String GATEWAY_LADDER_STARTED = "Gateway_LadderStarted";
        public static final String TASK_RESOLVE_DELAYED_DISCHARGE = "UserTask_ResolveDelayedDischarge";
        public static final String TIMER_DELAYED_DISCHARGE_REVIEW_DUE = "BoundaryEvent_DelayedDischargeReviewDue";
        public static final String TASK_REVIEW_DELAYED_DISCHARGE = "UserTask_ReviewDelayedDischarge";
        public static final String END_DELAYED_DISCHARGE_REVIEWED = "EndEvent_DelayedDischargeReviewed";
        public static final String END_DELAY_RESOLVED = "EndEvent_DelayResolved";
        public static final String CALL_CLIMB_ESCALATION_LADDER = "CallActivity_ClimbEscalationLadder";
        public static final String END_TOP_OF_LADDER_REACHED = "EndEvent_TopOfLadderReached";
        public static final String GATEWAY_STILL_CLINICALLY_READY = "Gateway_StillClinicallyReady";
        public static final String GATEWAY_SUPPORT_IN_PLACE = "Gateway_SupportInPlace";
        public static final String END_NO_LONGER_CLINICALLY_READY = "EndEvent_NoLongerClinicallyReady";
        public static final String END_PLANNED_SUPPORT_IN_PLACE = "EndEvent_PlannedSupportInPlace";

        private PlannedSupport() {
        }
    }

    /** {@code follow-up-after-discharge}: Follow-up after discharge. */
    public static final class FollowUpAfterDischarge {

        public static final String KEY = "follow-up-after-discharge";

        public static final String TASK_COMPLETE_FOLLOW_UP = "UserTask_CompleteFollowUp";
        public static final String TASK_ARRANGE_ADDITIONAL_SUPPORT = "UserTask_ArrangeAdditionalSupport";
        public static final String TASK_SEND_GP_DISCHARGE_SUMMARY = "UserTask_SendGpDischargeSummary";
        public static final String CALL_RESPOND_TO_MISSED_FOLLOW_UP = "CallActivity_RespondToMissedFollowUp";
        public static final String CALL_RESPOND_TO_MISSED_GP_SUMMARY = "CallActivity_RespondToMissedGpSummary";
        public static final String TIMER_FOLLOW_UP_OVERDUE = "BoundaryEvent_FollowUpOverdue";
        public static final String TIMER_GP_SUMMARY_OVERDUE = "BoundaryEvent_GpSummaryOverdue";
        public static final String MESSAGE_FOLLOW_UP_REPORTED_BY_TEAM = "BoundaryEvent_FollowUpReportedByTeam";
        public static final String GATEWAY_ADDITIONAL_SUPPORT_NEEDED = "Gateway_AdditionalSupportNeeded";
        public static final String GATEWAY_SUPPORT_ARRANGED = "Gateway_SupportArranged";
        public static final String END_FOLLOW_UP_BREACH_HANDLED = "EndEvent_FollowUpBreachHandled";
        public static final String END_GP_SUMMARY_BREACH_HANDLED = "EndEvent_GpSummaryBreachHandled";
        public static final String END_FOLLOW_UP_COMPLETED = "EndEvent_FollowUpCompleted";
        public static final String START_DISCHARGED = "StartEvent_Discharged";

        /** The community mental health team reports the follow-up done (POST /api/partner-messages). */
        public static final String MSG_FOLLOW_UP_COMPLETED = "Msg_FollowUpCompleted";

        public static final String SERVICE_TELL_GP_SUMMARY_SENT = "ServiceTask_TellGpSummarySent";
        public static final String SERVICE_TELL_TEAM_FOLLOW_UP_OVERDUE = "ServiceTask_TellTeamFollowUpOverdue";

        private FollowUpAfterDischarge() {
        }
    }

    /** {@code notice-acknowledgement}: Acknowledgement of a partner notice. */
    public static final class NoticeAcknowledgement {

        public static final String KEY = "notice-acknowledgement";

        public static final String TASK_CHASE_UNACKNOWLEDGED_NOTICE = "UserTask_ChaseUnacknowledgedNotice";
        public static final String MESSAGE_ACKNOWLEDGEMENT_RECEIVED = "MessageEvent_AcknowledgementReceived";
        public static final String MESSAGE_ACKNOWLEDGED_WHILE_CHASING = "BoundaryEvent_AcknowledgedWhileChasing";
        public static final String TIMER_ACKNOWLEDGEMENT_OVERDUE = "TimerEvent_AcknowledgementOverdue";
        public static final String GATEWAY_ACKNOWLEDGED_IN_TIME = "Gateway_AcknowledgedInTime";
        public static final String END_NOTICE_ACKNOWLEDGED = "EndEvent_NoticeAcknowledged";
        public static final String END_NOTICE_ACKNOWLEDGED_LATE = "EndEvent_NoticeAcknowledgedLate";
        public static final String END_NOTICE_CHASED = "EndEvent_NoticeChased";
        public static final String START_NOTICE_SENT = "StartEvent_NoticeSent";

        /** The partner acknowledges the notice whose Idempotency-Key is the instance's {@code notificationKey}. */
        public static final String MSG_NOTICE_ACKNOWLEDGED = "Msg_NoticeAcknowledged";

        private NoticeAcknowledgement() {
        }
    }

    /** {@code sla-breach-response}: Response to a missed deadline. */
    public static final class SlaBreachResponse {

        public static final String KEY = "sla-breach-response";

        public static final String TASK_RESPOND_TO_MISSED_DEADLINE = "UserTask_RespondToMissedDeadline";
        public static final String SERVICE_RECORD_SLA_BREACH = "ServiceTask_RecordSlaBreach";
        public static final String SERVICE_RECORD_BREACH_RESPONSE = "ServiceTask_RecordBreachResponse";
        public static final String END_BREACH_RESPONDED = "EndEvent_BreachResponded";
        public static final String START_DEADLINE_MISSED = "StartEvent_DeadlineMissed";

        private SlaBreachResponse() {
        }
    }

    /** {@code partner-notice-delivery}: Delivery of a partner notice. */
    public static final class PartnerNoticeDelivery {

        public static final String KEY = "partner-notice-delivery";

        public static final String SERVICE_DELIVER_NOTICE = "ServiceTask_DeliverNotice";
        public static final String END_NOTICE_DELIVERED = "EndEvent_NoticeDelivered";
        public static final String START_NOTICE_RECORDED = "StartEvent_NoticeRecorded";

        private PartnerNoticeDelivery() {
        }
    }

    /** The locally agreed escalation ladder of one delayed discharge (PATHWAY.md section 3). */
    public static final class DelayedDischargeEscalation {

        public static final String KEY = "delayed-discharge-escalation";

        public static final String START_DELAY_AT_FIRST_LEVEL = "StartEvent_DelayAtFirstLevel";
        public static final String TIMER_LEVEL_LIMIT_PASSED = "TimerEvent_LevelLimitPassed";
        public static final String SERVICE_RAISE_ESCALATION_LEVEL = "ServiceTask_RaiseEscalationLevel";
        public static final String SERVICE_NOTIFY_PARTNERS_OF_ESCALATION = "ServiceTask_NotifyPartnersOfEscalation";
        public static final String GATEWAY_LEVEL_RAISED = "Gateway_LevelRaised";
        public static final String TASK_ESCALATE_DELAYED_DISCHARGE = "UserTask_EscalateDelayedDischarge";
        public static final String END_ESCALATION_ACTED_ON = "EndEvent_EscalationActedOn";
        public static final String GATEWAY_TOP_OF_LADDER = "Gateway_TopOfLadder";
        public static final String END_TOP_OF_LADDER_REACHED = "EndEvent_TopOfLadderReached";
        public static final String SERVICE_CONVENE_DISCHARGE_EVENT = "ServiceTask_ConveneDischargeEvent";

        private DelayedDischargeEscalation() {
        }
    }

    /** {@code housing-escalation}: Housing escalation (PATHWAY.md section 4). */
    public static final class HousingEscalation {

        public static final String KEY = "housing-escalation";

        public static final String START_HOUSING_NEED_RECORDED = "StartEvent_HousingNeedRecorded";
        public static final String TASK_ASSESS_HOUSING_NEED = "UserTask_AssessHousingNeed";
        public static final String GATEWAY_DUTY_TO_REFER = "Gateway_DutyToRefer";
        public static final String TASK_RECORD_REFERRAL_CONSENT = "UserTask_RecordReferralConsent";
        public static final String GATEWAY_CONSENT_GIVEN = "Gateway_ConsentGiven";
        public static final String SERVICE_RECORD_REFERRAL_NOT_SENT = "ServiceTask_RecordReferralNotSent";
        public static final String SERVICE_SEND_DUTY_TO_REFER = "ServiceTask_SendDutyToRefer";
        public static final String GATEWAY_AWAIT_AUTHORITY = "Gateway_AwaitAuthority";
        public static final String MESSAGE_AUTHORITY_ANSWERED = "MessageEvent_AuthorityAnswered";
        public static final String GATEWAY_ACCOMMODATION_SECURED_BY_AUTHORITY = "Gateway_AccommodationSecuredByAuthority";
        public static final String TIMER_AUTHORITY_LIMIT_PASSED = "TimerEvent_AuthorityLimitPassed";
        public static final String SERVICE_RAISE_HOUSING_ESCALATION_LEVEL = "ServiceTask_RaiseHousingEscalationLevel";
        public static final String SERVICE_NOTIFY_PARTNERS_OF_HOUSING_ESCALATION = "ServiceTask_NotifyPartnersOfHousingEscalation";
        public static final String GATEWAY_HOUSING_LEVEL_RAISED = "Gateway_HousingLevelRaised";
        public static final String TASK_CHASE_HOUSING_REFERRAL = "UserTask_ChaseHousingReferral";
        public static final String END_CHASE_ACTED_ON = "EndEvent_ChaseActedOn";
        public static final String GATEWAY_TOP_OF_HOUSING_LADDER = "Gateway_TopOfHousingLadder";
        public static final String SERVICE_CONVENE_HOUSING_DISCHARGE_EVENT = "ServiceTask_ConveneHousingDischargeEvent";
        public static final String GATEWAY_WORK_BLOCKERS = "Gateway_WorkBlockers";
        public static final String TASK_RECORD_ACCOMMODATION_SECURED = "UserTask_RecordAccommodationSecured";
        public static final String BOUNDARY_AUTHORITY_SECURED_ACCOMMODATION = "BoundaryEvent_AuthoritySecuredAccommodation";
        public static final String END_ACCOMMODATION_SECURED = "EndEvent_AccommodationSecured";

        public static final String MSG_HOUSING_AUTHORITY_ANSWERED = "Msg_HousingAuthorityAnswered";
        public static final String MSG_ACCOMMODATION_SECURED = "Msg_AccommodationSecured";

        /** Variables: the authority's answer kind, who secured the accommodation, the ward's delay factors. */
        public static final String AUTHORITY_ANSWER = "authorityAnswer";
        public static final String SECURED_BY = "accommodationSecuredBy";
        public static final String DELAY_FACTORS = "delayFactors";
        /**
         * The duty to refer's addressee: the directory id of the housing authority the person chose, the choices the
         * form offered, and the authority's name as the chase shows it.
         */
        public static final String HOUSING_AUTHORITY = "housingAuthority";
        public static final String HOUSING_AUTHORITY_CHOICES = "housingAuthorityChoices";
        public static final String HOUSING_AUTHORITY_NAME = "housingAuthorityName";

        private HousingEscalation() {
        }
    }

    /** {@code multi-agency-discharge-event}: Multi-agency discharge event (MADE). */
    public static final class MultiAgencyDischargeEvent {

        public static final String KEY = "multi-agency-discharge-event";

        public static final String SERVICE_INVITE_AGENCIES = "ServiceTask_InviteAgencies";
        public static final String TASK_AGREE_AGENCY_ACTIONS = "UserTask_AgreeAgencyActions";
        public static final String TASK_RECORD_AGREED_DISCHARGE_PLAN = "UserTask_RecordAgreedDischargePlan";
        public static final String SERVICE_HAND_OUTCOME_BACK = "ServiceTask_HandOutcomeBack";
        public static final String TIMER_AGREED_ACTIONS_DUE = "TimerEvent_AgreedActionsDue";
        public static final String GATEWAY_ALL_ACTIONS_DONE = "Gateway_AllActionsDone";
        public static final String TASK_CHASE_OVERDUE_ACTIONS = "UserTask_ChaseOverdueActions";
        public static final String END_OUTCOME_HANDED_BACK = "EndEvent_OutcomeHandedBack";
        public static final String END_OVERDUE_ACTIONS_CHASED = "EndEvent_OverdueActionsChased";
        public static final String START_DISCHARGE_EVENT_CONVENED = "StartEvent_DischargeEventConvened";

        /** Correlated to any process of the pathway that waits for the event's outcome; none has to. */
        public static final String MSG_DISCHARGE_EVENT_CONCLUDED = "Msg_DischargeEventConcluded";

        private MultiAgencyDischargeEvent() {
        }
    }

    /** {@code partner-decline-response}: Response to a partner's decline. */
    public static final class PartnerDeclineResponse {

        public static final String KEY = "partner-decline-response";

        public static final String START_PARTNER_DECLINED = "StartEvent_PartnerDeclined";
        public static final String TASK_RESPOND_TO_PARTNER_DECLINE = "UserTask_RespondToPartnerDecline";
        public static final String END_DECLINE_ANSWERED = "EndEvent_DeclineAnswered";

        /**
         * Variables it starts with: who declined (name and role; partner id), the event declined, what the partner
         * was asked, its reason, when it declined, and the service's id of the answer.
         */
        public static final String DECLINED_BY = "declinedBy";
        public static final String DECLINED_BY_PARTNER = "declinedByPartner";
        public static final String DECLINED_EVENT = "declinedEvent";
        public static final String DECLINED_WHAT = "declinedWhat";
        public static final String DECLINE_REASON = "declineReason";
        public static final String DECLINED_AT = "declinedAt";
        public static final String PARTNER_MESSAGE_ID = "partnerMessageId";

        private PartnerDeclineResponse() {
        }
    }
}
