package org.mhpathway.partners;

import static org.mhpathway.pathway.PathwayVariables.NOTIFICATION_EVENT;

import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.mhpathway.system.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records the notices a step owes to partner agencies. The step names its event in the input parameter
 * {@code notificationEvent}; the step is asynchronous with a retry cycle, so a failure shows as an incident.
 */
@Component
public class NotifyPartnersDelegate implements JavaDelegate {

    private static final Logger log = LoggerFactory.getLogger(NotifyPartnersDelegate.class);

    private final PartnerNotifications notifications;

    public NotifyPartnersDelegate(PartnerNotifications notifications) {
        this.notifications = notifications;
    }

    @Override
    public void execute(DelegateExecution execution) {
        NotificationEvent event = NotificationEvent.fromCode((String) execution.getVariableLocal(NOTIFICATION_EVENT));
        String pathwayId = execution.getProcessBusinessKey();
        String stepKey = execution.getProcessInstanceId() + ":" + execution.getCurrentActivityId();
        int added = notifications.record(pathwayId, event, stepKey, EngineClock.now());
        log.info("Pathway {}: '{}' recorded for {} partner(s)", pathwayId, event.code(), added);
    }
}
