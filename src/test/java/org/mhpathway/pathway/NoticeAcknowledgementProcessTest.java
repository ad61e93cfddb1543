package org.mhpathway.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.pathway.PathwayProcesses.NoticeAcknowledgement;
import org.springframework.beans.factory.annotation.Autowired;

/** {@code notice-acknowledgement}: one test per path (PATHWAY.md section 1: partners acknowledge what they are told). */
class NoticeAcknowledgementProcessTest extends ProcessTestCase {

    private static final Duration ACKNOWLEDGEMENT_ALLOWANCE = Duration.ofHours(24);

    @Autowired PathwayMessages pathwayMessages;

    @Test
    void endsWhenThePartnerAcknowledgesWithin24Hours() {
        String key = UUID.randomUUID().toString();
        ProcessInstance reminder = startReminder(key, now());
        String id = reminder.getBusinessKey();
        // an event-based gateway waits for whichever of its events comes first
        assertWaitingAt(reminder, NoticeAcknowledgement.GATEWAY_ACKNOWLEDGED_IN_TIME);
        assertThat(runtime.createEventSubscriptionQuery().processInstanceId(reminder.getId())
                .eventName(NoticeAcknowledgement.MSG_NOTICE_ACKNOWLEDGED).count()).isEqualTo(1);
        assertThat(managementTimerDueDate(reminder)).isEqualTo(now().plus(ACKNOWLEDGEMENT_ALLOWANCE));

        later(Duration.ofHours(3));
        assertThat(pathwayMessages.noticeAcknowledged(id, UUID.randomUUID().toString()))
                .as("an acknowledgement of another notice").isZero();
        assertThat(reminder).isNotEnded();
        assertThat(pathwayMessages.noticeAcknowledged(id, key)).isEqualTo(1);

        assertThat(reminder).isEnded().hasPassed(NoticeAcknowledgement.GATEWAY_ACKNOWLEDGED_IN_TIME,
                        NoticeAcknowledgement.MESSAGE_ACKNOWLEDGEMENT_RECEIVED, NoticeAcknowledgement.END_NOTICE_ACKNOWLEDGED)
                .hasNotPassed(NoticeAcknowledgement.TIMER_ACKNOWLEDGEMENT_OVERDUE);
        later(ACKNOWLEDGEMENT_ALLOWANCE);
        fireDueTimers(id);
        assertThat(openTasks(id, NoticeAcknowledgement.TASK_CHASE_UNACKNOWLEDGED_NOTICE)).isEmpty();
    }

    @Test
    void wardCliniciansChaseTheNotice24HoursAfterItWasSentWithoutAcknowledgement() {
        String key = UUID.randomUUID().toString();
        Instant sentAt = now().minus(Duration.ofHours(2));
        ProcessInstance reminder = startReminder(key, sentAt);
        String id = reminder.getBusinessKey();

        later(Duration.between(now(), sentAt.plus(ACKNOWLEDGEMENT_ALLOWANCE)).minusMinutes(1));
        fireDueTimers(id);
        assertThat(openTasks(id, NoticeAcknowledgement.TASK_CHASE_UNACKNOWLEDGED_NOTICE)).as("23h59m after sending").isEmpty();

        later(Duration.ofMinutes(1));
        fireDueTimers(id);
        assertThat(reminder).hasPassed(NoticeAcknowledgement.TIMER_ACKNOWLEDGEMENT_OVERDUE)
                .hasNotPassed(NoticeAcknowledgement.MESSAGE_ACKNOWLEDGEMENT_RECEIVED);
        assertWaitingAt(reminder, NoticeAcknowledgement.TASK_CHASE_UNACKNOWLEDGED_NOTICE);
        Task chase = task(NoticeAcknowledgement.TASK_CHASE_UNACKNOWLEDGED_NOTICE, reminder);
        assertThat(chase).hasCandidateGroup("ward-clinicians");
        assertThat(chase.getDescription()).isEqualTo("Notice to Derby City CMHT (community-mh-team) not acknowledged in time");

        complete(id, NoticeAcknowledgement.TASK_CHASE_UNACKNOWLEDGED_NOTICE, Map.of(
                "noticeChaseOutcome", "confirmed-received", "noticeChaseNotes", "Duty worker confirmed by phone"));

        assertThat(reminder).isEnded().hasPassed(NoticeAcknowledgement.END_NOTICE_CHASED)
                .hasNotPassed(NoticeAcknowledgement.END_NOTICE_ACKNOWLEDGED_LATE);
    }

    /** An acknowledgement that comes while the ward is chasing withdraws the chase: nobody is left to chase. */
    @Test
    void lateAcknowledgementWithdrawsTheChase() {
        String key = UUID.randomUUID().toString();
        ProcessInstance reminder = startReminder(key, now());
        String id = reminder.getBusinessKey();
        later(ACKNOWLEDGEMENT_ALLOWANCE);
        fireDueTimers(id);
        assertThat(openTasks(id, NoticeAcknowledgement.TASK_CHASE_UNACKNOWLEDGED_NOTICE)).hasSize(1);

        later(Duration.ofHours(2));
        assertThat(pathwayMessages.noticeAcknowledged(id, key)).isEqualTo(1);

        assertThat(openTasks(id, NoticeAcknowledgement.TASK_CHASE_UNACKNOWLEDGED_NOTICE)).isEmpty();
        assertThat(reminder).isEnded().hasPassed(NoticeAcknowledgement.MESSAGE_ACKNOWLEDGED_WHILE_CHASING,
                NoticeAcknowledgement.END_NOTICE_ACKNOWLEDGED_LATE).hasNotPassed(NoticeAcknowledgement.END_NOTICE_CHASED);
    }

    private Instant managementTimerDueDate(ProcessInstance reminder) {
        return engine.getManagementService().createJobQuery().processInstanceId(reminder.getId()).timers()
                .singleResult().getDuedate().toInstant();
    }

    private ProcessInstance startReminder(String notificationKey, Instant sentAt) {
        return startCalledModel(NoticeAcknowledgement.KEY, Map.of("notificationKey", notificationKey,
                "noticeEvent", "discharge-notice", "noticeRecipient", "Derby City CMHT (community-mh-team)",
                "noticeSentAt", sentAt.toString()));
    }
}
