package org.mhpathway.partners;

import static org.mhpathway.pathway.PathwayVariables.NOTIFICATION_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.mhpathway.sla.SlaTimers;
import org.springframework.stereotype.Component;

/** Delivers one partner notice; a failure fails this job only, which the engine retries on its back-off cycle. */
@Component
public class DeliverNoticeDelegate implements JavaDelegate {

    private final NotificationDelivery delivery;
    private final SlaTimers slaTimers;

    public DeliverNoticeDelegate(NotificationDelivery delivery, SlaTimers slaTimers) {
        this.delivery = delivery;
        this.slaTimers = slaTimers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        delivery.deliver(((Number) execution.getVariable(NOTIFICATION_ID)).longValue(), slaTimers.facts(execution));
    }
}
