package org.mhpathway.partners;

import static org.mhpathway.pathway.PathwayVariables.CARER_CONTACT;
import static org.mhpathway.pathway.PathwayVariables.CARER_NOTICE_ID;
import static org.mhpathway.pathway.PathwayVariables.NOTIFICATION_EVENT;
import static org.mhpathway.pathway.PathwayVariables.NOTIFICATION_ID;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.mhpathway.pathway.PathwayFactsMapping;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.mhpathway.partners.PartnerNotifications.PartnerNotification;
import org.mhpathway.pathway.PathwayProcesses.PartnerNoticeDelivery;
import org.mhpathway.carers.CarerNoticeDelivery;
import org.mhpathway.sla.SlaPolicy;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.IsoDateTimes;
import org.springframework.stereotype.Component;

/**
 * Records the notices a step owes to partner agencies and hands each one to its own
 * {@code partner-notice-delivery} instance. The step names its event in the input parameter
 * {@code notificationEvent}. Delivery never holds up the pathway: a partner that is down delays only its own
 * notice, which is retried on a back-off cycle and shows as an incident in Cockpit when the retries run out. The 48
 * hours' notice and the discharge also go to the person's chosen carers who may be told, one delivery each, the same
 * way ({@link CarerNoticeDelivery}).
 */
@Component
public class NotifyPartnersDelegate implements JavaDelegate {

    private final NotificationDelivery delivery;
    private final CarerNoticeDelivery carers;
    private final RuntimeService runtime;
    private final SlaPolicy policy;

    public NotifyPartnersDelegate(NotificationDelivery delivery, CarerNoticeDelivery carers, RuntimeService runtime,
                                  SlaPolicy policy) {
        this.delivery = delivery;
        this.carers = carers;
        this.runtime = runtime;
        this.policy = policy;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NotificationEvent event = NotificationEvent.fromCode((String) execution.getVariableLocal(NOTIFICATION_EVENT));
        // a step that runs more than once in an instance (a ladder's level) names the occasion, so each is recorded
        Object occasion = execution.getVariableLocal("notificationOccasion");
        String stepKey = execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId()
                + (occasion == null ? "" : ":" + occasion);
        String pathwayId = execution.getProcessBusinessKey();
        var roles = event.recipientsFor(execution::getVariable);
        var addressedTo = event.addresseesFor(execution::getVariable);
        for (PartnerNotification notice : delivery.record(pathwayId, event, roles, addressedTo, stepKey,
                EngineClock.now())) {
            // the delivery needs the pathway's facts (ICS, dates a deadline counts from), never its clinical notes
            Map<String, Object> variables = new HashMap<>(PathwayFactsMapping.factsOf(execution));
            variables.put(NOTIFICATION_ID, notice.id());
            variables.put(NOTIFICATION_EVENT, event.code());
            variables.put("partnerId", notice.partnerId());
            runtime.startProcessInstanceByKey(PartnerNoticeDelivery.KEY, pathwayId, variables);
        }
        if (event.toCarers()) {
            Instant dischargeAt = IsoDateTimes.toInstant(execution.getVariable(event.carersDischargeTime()), policy.zone());
            Object contact = execution.getVariable(CARER_CONTACT);
            for (long carerNotice : carers.record(pathwayId, event.code(), stepKey, dischargeAt,
                    contact == null ? null : contact.toString(), EngineClock.now())) {
                // the carer's name and address stay in the carer register: the instance holds the notice's id only
                Map<String, Object> variables = new HashMap<>(PathwayFactsMapping.factsOf(execution));
                variables.put(CARER_NOTICE_ID, carerNotice);
                variables.put(NOTIFICATION_EVENT, event.code());
                runtime.startProcessInstanceByKey(PartnerNoticeDelivery.KEY, pathwayId, variables);
            }
        }
    }
}
