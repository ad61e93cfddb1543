package org.mhpathway.pathway;

import static org.mhpathway.pathway.PathwayVariables.*;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.MismatchingMessageCorrelationException;
import org.camunda.bpm.engine.RuntimeService;
import org.mhpathway.pathway.PathwayProcesses.FollowUpAfterDischarge;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.pathway.PathwayProcesses.InpatientStay;
import org.mhpathway.pathway.PathwayProcesses.NoticeAcknowledgement;
import org.mhpathway.pathway.PathwayProcesses.PartnerDeclineResponse;
import org.springframework.stereotype.Component;

/**
 * Delivers what partners tell the service to the pathway's waiting process instances, as BPMN messages
 * correlated by the pathway id (the business key), or puts it in front of the ward as a process of its own. The
 * callers know nothing of the engine.
 */
@Component
public class PathwayMessages {

    private final RuntimeService runtime;

    public PathwayMessages(RuntimeService runtime) {
        this.runtime = runtime;
    }

    /**
     * The person died: interrupts the whole pathway, wherever it is ({@code inpatient-pathway}'s event subprocess
     * <i>Person died</i>), in this transaction.
     *
     * @return false when the pathway no longer waits for it (closed, or a death already recorded)
     */
    public boolean personDied(String pathwayId, Instant diedAt, String placeOfDeath, String notes) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(InpatientPathway.DIED_AT, diedAt.toString());
        variables.put(InpatientPathway.PLACE_OF_DEATH, placeOfDeath);
        variables.put(InpatientPathway.DEATH_NOTES, notes);
        return correlate(InpatientPathway.MSG_PERSON_DIED, pathwayId, variables);
    }

    /**
     * The person moved to another ward, hospital or bed during the stay: the inpatient stay's event subprocess
     * <i>Person moved</i> records it, tells the reviews and, when the out-of-area placement starts or ends, the
     * commissioner, in this transaction (the notices are delivered after it).
     *
     * @param wardType null when the ward type is unchanged
     * @param bed      null when no bed is named
     * @return false when no stay waits for it (not admitted yet, discharged, or closed)
     */
    public boolean personMoved(String pathwayId, Instant transferredAt, String ward, String hospital, String bed,
                               String wardType, boolean outOfArea, String reason) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(InpatientStay.TRANSFERRED_AT, transferredAt.toString());
        variables.put(InpatientStay.TRANSFER_WARD, ward);
        variables.put(InpatientStay.TRANSFER_HOSPITAL, hospital);
        variables.put(InpatientStay.TRANSFER_BED, bed);
        variables.put(InpatientStay.TRANSFER_WARD_TYPE, wardType);
        variables.put(InpatientStay.TRANSFER_OUT_OF_AREA, outOfArea);
        variables.put(InpatientStay.TRANSFER_REASON, reason);
        return correlate(InpatientStay.MSG_PERSON_MOVED, pathwayId, variables);
    }

    /** Whether the pathway's follow-up after discharge is waiting to be done. */
    public boolean followUpWaiting(String pathwayId) {
        return runtime.createExecutionQuery().processInstanceBusinessKey(pathwayId)
                .messageEventSubscriptionName(FollowUpAfterDischarge.MSG_FOLLOW_UP_COMPLETED).count() > 0;
    }

    /**
     * Closes the follow-up step as completing it in Tasklist would, with what the community team reports.
     *
     * @return false when no follow-up step was waiting
     */
    public boolean followUpCompleted(String pathwayId, Instant completedAt, boolean additionalSupportNeeded,
                                     String reportedBy, String outcome) {
        Map<String, Object> variables = new HashMap<>();
        variables.put(FOLLOW_UP_COMPLETED_AT, completedAt.toString());
        variables.put(ADDITIONAL_SUPPORT_NEEDED, additionalSupportNeeded);
        variables.put(FOLLOW_UP_REPORTED_BY, reportedBy);
        if (outcome != null) {
            variables.put(FOLLOW_UP_OUTCOME, outcome);
        }
        return correlate(FollowUpAfterDischarge.MSG_FOLLOW_UP_COMPLETED, pathwayId, variables);
    }

    /**
     * Stops the reminder of one notice: its acknowledgement, or its chase if the reminder already fell due.
     *
     * @return how many reminders were waiting for it (0 or 1)
     */
    public int noticeAcknowledged(String pathwayId, String notificationKey) {
        return runtime.createMessageCorrelation(NoticeAcknowledgement.MSG_NOTICE_ACKNOWLEDGED)
                .processInstanceBusinessKey(pathwayId)
                .processInstanceVariableEquals(NOTIFICATION_KEY, notificationKey)
                .correlateAllWithResult().size();
    }

    /**
     * A partner declined what it was asked (the follow-up after discharge, or its part of the discharge): the ward
     * gets a task to decide what happens instead, in a {@code partner-decline-response} of the pathway. It starts
     * with whose task it is, from the register, and the decline.
     *
     * @param declinedBy the partner's name and its role in the care team, as the ward reads it
     * @param what       what the partner was asked, in the words of its notice
     */
    public void partnerDeclined(PathwayRecord pathway, String declinedBy, String partnerId, String event, String what,
                                String reason, Instant declinedAt, long partnerMessageId) {
        Map<String, Object> variables = new HashMap<>(pathway.whoseTask());
        variables.put(PartnerDeclineResponse.DECLINED_BY, declinedBy);
        variables.put(PartnerDeclineResponse.DECLINED_BY_PARTNER, partnerId);
        variables.put(PartnerDeclineResponse.DECLINED_EVENT, event);
        variables.put(PartnerDeclineResponse.DECLINED_WHAT, what);
        variables.put(PartnerDeclineResponse.DECLINE_REASON, reason == null ? "No reason given." : reason);
        variables.put(PartnerDeclineResponse.DECLINED_AT, declinedAt.toString());
        variables.put(PartnerDeclineResponse.PARTNER_MESSAGE_ID, partnerMessageId);
        runtime.startProcessInstanceByKey(PartnerDeclineResponse.KEY, pathway.pathwayId(), variables);
    }

    /** Delivers the message to the pathway's waiting step; false when no step of the pathway waits for it. */
    private boolean correlate(String message, String pathwayId, Map<String, Object> variables) {
        try {
            runtime.createMessageCorrelation(message)
                    .processInstanceBusinessKey(pathwayId)
                    .setVariables(variables)
                    .correlateWithResult();
            return true;
        } catch (MismatchingMessageCorrelationException nothingWaiting) {
            return false;
        }
    }
}
