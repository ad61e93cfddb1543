package org.mhpathway.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.pathway.PathwayProcesses.SlaBreachResponse;
import org.mhpathway.pathway.PathwayProcesses.SocialCareAssessment;

/**
 * {@code social-care-assessment}: when social care is involved, the discharge hub assesses the person's social care
 * needs within 72 hours of admission (PATHWAY.md section 5b; seed 004, BLMK's discharge hub). One test per path.
 */
class SocialCareAssessmentProcessTest extends ProcessTestCase {

    private static final Duration ALLOWANCE = Duration.ofHours(72);

    private ProcessInstance started(Instant admittedAt) {
        return startCalledModel(SocialCareAssessment.KEY, Map.of("admittedAt", iso(admittedAt),
                "socialCareInvolved", true, "ward", "Ward 1", "nhsNumberDisplay", "999 000 0018"));
    }

    private void recordAssessment(String pathwayId) {
        complete(pathwayId, SocialCareAssessment.TASK_RECORD_SOCIAL_CARE_NEEDS_ASSESSMENT, Map.of(
                SocialCareAssessment.SOCIAL_CARE_ASSESSED_AT, iso(now()),
                SocialCareAssessment.SOCIAL_CARE_NEEDS, "Lives alone; needs help with meals and medication",
                SocialCareAssessment.SOCIAL_CARE_SERVICES_NEEDED, "Home care twice daily from discharge"));
    }

    @Test
    void assessmentRecordedWithin72HoursOfAdmissionEndsWithNoMissedDeadline() {
        Instant admittedAt = now();
        ProcessInstance assessment = started(admittedAt);
        String id = assessment.getBusinessKey();

        assertWaitingAt(assessment, SocialCareAssessment.TASK_RECORD_SOCIAL_CARE_NEEDS_ASSESSMENT);
        Task task = task(SocialCareAssessment.TASK_RECORD_SOCIAL_CARE_NEEDS_ASSESSMENT, assessment);
        assertThat(task).hasCandidateGroup("discharge-hub").hasName("Record social care needs assessment");
        assertThat(task.getDueDate().toInstant()).as("due with the deadline").isEqualTo(admittedAt.plus(ALLOWANCE));

        later(Duration.ofHours(40));
        recordAssessment(id);

        assertThat(assessment).isEnded().hasPassed(SocialCareAssessment.END_SOCIAL_CARE_NEEDS_ASSESSED)
                .hasNotPassed(SocialCareAssessment.TIMER_SOCIAL_CARE_ASSESSMENT_OVERDUE);
        assertThat(engine.getManagementService().createJobQuery().processInstanceId(assessment.getId()).count()).isZero();
        later(Duration.ofDays(5));
        fireDueTimers(id);
        assertThat(breaches.forPathway(id)).isEmpty();
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(assessment.getId())
                .variableName(SocialCareAssessment.SOCIAL_CARE_NEEDS).singleResult().getValue())
                .isEqualTo("Lives alone; needs help with meals and medication");
    }

    /** Seed 004 (BLMK's discharge hub), PATHWAY.md section 5b: social care needs assessed within 72 hours of admission. */
    @Test
    void assessmentNotRecordedWithin72HoursOfAdmissionIsAMissedDeadlineManagersAnswerWhileTheHubStillAssesses() {
        Instant admittedAt = now();
        ProcessInstance assessment = started(admittedAt);
        String id = assessment.getBusinessKey();

        later(ALLOWANCE.minusMinutes(1));
        fireDueTimers(id);
        assertThat(breaches.forPathway(id)).isEmpty();

        later(Duration.ofMinutes(1));
        fireDueTimers(id);

        assertThat(assessment).hasPassed(SocialCareAssessment.TIMER_SOCIAL_CARE_ASSESSMENT_OVERDUE)
                .isWaitingAt(SocialCareAssessment.TASK_RECORD_SOCIAL_CARE_NEEDS_ASSESSMENT,
                        SocialCareAssessment.CALL_RESPOND_TO_MISSED_SOCIAL_CARE_ASSESSMENT);
        assertThat(breaches.forPathway(id)).singleElement().satisfies(b -> {
            assertThat(b.slaCode()).isEqualTo(SocialCareAssessment.SLA);
            assertThat(b.slaName()).isEqualTo("Social care needs assessment within 72 hours of admission");
            assertThat(b.dueAt()).isEqualTo(admittedAt.plus(ALLOWANCE));
            assertThat(b.breachedAt()).isEqualTo(now());
            assertThat(b.responsibleGroup()).isEqualTo("managers");
        });
        ProcessInstance response = instanceOf(id, SlaBreachResponse.KEY);
        assertThat(task(SlaBreachResponse.TASK_RESPOND_TO_MISSED_DEADLINE, response)).hasCandidateGroup("managers")
                .hasName("Respond to missed deadline")
                .hasDescription("Missed deadline: Social care needs assessment within 72 hours of admission");
        assertThat(task(SocialCareAssessment.TASK_RECORD_SOCIAL_CARE_NEEDS_ASSESSMENT, assessment))
                .as("the hub's task stays open").hasCandidateGroup("discharge-hub");

        complete(id, SlaBreachResponse.TASK_RESPOND_TO_MISSED_DEADLINE, Map.of("breachResponse",
                "Hub short-staffed at the weekend; assessment booked for today"));
        assertThat(assessment).hasPassed(SocialCareAssessment.END_SOCIAL_CARE_ASSESSMENT_BREACH_HANDLED).isNotEnded();
        assertThat(breaches.forPathway(id).get(0).response())
                .isEqualTo("Hub short-staffed at the weekend; assessment booked for today");

        later(Duration.ofHours(6));
        recordAssessment(id);
        assertThat(assessment).isEnded().hasPassed(SocialCareAssessment.END_SOCIAL_CARE_NEEDS_ASSESSED);
        assertThat(breaches.forPathway(id)).hasSize(1);
    }
}
