package org.mhpathway.partners;

import static org.mhpathway.pathway.PathwayVariables.NOTIFICATION_EVENT;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.mhpathway.sla.SlaTimers;
import org.springframework.stereotype.Component;

/**
 * Records and delivers the notices a step owes to partner agencies. The step names its event in the input
 * parameter {@code notificationEvent}. It must be {@code asyncBefore} with a retry cycle: a notice that cannot be
 * delivered fails the step's job, which the engine retries on that cycle and shows as an incident when the retries
 * run out. The record is kept in transactions of its own, so it needs no uncommitted data of the step's.
 */
@Component
public class NotifyPartnersDelegate implements JavaDelegate {

    private final NotificationDelivery delivery;
    private final SlaTimers slaTimers;

    public NotifyPartnersDelegate(NotificationDelivery delivery, SlaTimers slaTimers) {
        this.delivery = delivery;
        this.slaTimers = slaTimers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NotificationEvent event = NotificationEvent.fromCode((String) execution.getVariableLocal(NOTIFICATION_EVENT));
        String stepKey = execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId();
        delivery.notifyPartners(execution.getProcessBusinessKey(), event, stepKey, slaTimers.facts(execution));
    }
}
