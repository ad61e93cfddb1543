package org.mhpathway.partners;

import static org.mhpathway.pathway.PathwayVariables.CARER_NOTICE_ID;
import static org.mhpathway.pathway.PathwayVariables.NOTIFICATION_ID;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.mhpathway.carers.CarerNoticeDelivery;
import org.mhpathway.pathway.SlaTimers;
import org.springframework.stereotype.Component;

/**
 * Delivers one notice: to a partner ({@code notificationId}) or to one of the person's carers ({@code carerNoticeId}).
 * A failure fails this job only, which the engine retries on its back-off cycle.
 */
@Component
public class DeliverNoticeDelegate implements JavaDelegate {

    private final NotificationDelivery delivery;
    private final CarerNoticeDelivery carers;
    private final SlaTimers slaTimers;

    public DeliverNoticeDelegate(NotificationDelivery delivery, CarerNoticeDelivery carers, SlaTimers slaTimers) {
        this.delivery = delivery;
        this.carers = carers;
        this.slaTimers = slaTimers;
    }

    @Override
    public void execute(DelegateExecution execution) {
        Object carerNotice = execution.getVariable(CARER_NOTICE_ID);
        if (carerNotice != null) {
            carers.deliver(((Number) carerNotice).longValue());
            return;
        }
        delivery.deliver(((Number) execution.getVariable(NOTIFICATION_ID)).longValue(), slaTimers.facts(execution));
    }
}
