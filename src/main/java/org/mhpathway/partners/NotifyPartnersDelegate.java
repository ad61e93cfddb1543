package org.mhpathway.partners;

import static org.mhpathway.pathway.PathwayVariables.NOTIFICATION_EVENT;
import static org.mhpathway.pathway.PathwayVariables.NOTIFICATION_ID;

import java.util.HashMap;
import java.util.Map;
import org.mhpathway.pathway.PathwayFactsMapping;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.mhpathway.partners.PartnerNotifications.PartnerNotification;
import org.mhpathway.pathway.PathwayProcesses.PartnerNoticeDelivery;
import org.mhpathway.system.EngineClock;
import org.springframework.stereotype.Component;

/**
 * Records the notices a step owes to partner agencies and hands each one to its own
 * {@code partner-notice-delivery} instance. The step names its event in the input parameter
 * {@code notificationEvent}. Delivery never holds up the pathway: a partner that is down delays only its own
 * notice, which is retried on a back-off cycle and shows as an incident in Cockpit when the retries run out.
 */
@Component
public class NotifyPartnersDelegate implements JavaDelegate {

    private final NotificationDelivery delivery;
    private final RuntimeService runtime;

    public NotifyPartnersDelegate(NotificationDelivery delivery, RuntimeService runtime) {
        this.delivery = delivery;
        this.runtime = runtime;
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
    }
}
