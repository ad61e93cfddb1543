package org.mhpathway.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.task;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.junit.jupiter.api.Test;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.pathway.PathwayProcesses.SlaBreachResponse;
import org.mhpathway.sla.SlaBreaches.SlaBreach;

/** {@code sla-breach-response}: a missed deadline is recorded and put in front of the group responsible. */
class SlaBreachResponseProcessTest extends ProcessTestCase {

    /** PATHWAY.md section 2, Key Stage 1: all of it is due within 72 hours of admission. */
    @Test
    void missedKeyStage1IsRecordedDue72HoursAfterAdmissionAndItsResponseKept() {
        Instant admittedAt = now().minus(Duration.ofHours(75));
        ProcessInstance response = startCalledModel(SlaBreachResponse.KEY, keyStage1Missed(admittedAt));
        String id = response.getBusinessKey();

        assertThat(response).hasPassed(SlaBreachResponse.START_DEADLINE_MISSED, SlaBreachResponse.SERVICE_RECORD_SLA_BREACH);
        assertWaitingAt(response, SlaBreachResponse.TASK_RESPOND_TO_MISSED_DEADLINE);
        assertThat(breaches.forPathway(id)).singleElement().satisfies(breach -> {
            assertThat(breach.slaCode()).isEqualTo("key-stage-1");
            assertThat(breach.slaName()).isEqualTo("Key Stage 1 within 72 hours of admission");
            assertThat(breach.dueAt()).isEqualTo(admittedAt.plus(Duration.ofHours(72)));
            assertThat(breach.breachedAt()).isEqualTo(now());
            assertThat(breach.responsibleGroup()).isEqualTo("ward-clinicians");
            assertThat(breach.respondedAt()).isNull();
            assertThat(breach.response()).isNull();
        });
        Task respond = task(SlaBreachResponse.TASK_RESPOND_TO_MISSED_DEADLINE, response);
        assertThat(respond.getDescription()).isEqualTo("Missed deadline: Key Stage 1 within 72 hours of admission");
        assertThat(respond).hasCandidateGroup("ward-clinicians");

        later(Duration.ofHours(3));
        Instant respondedAt = now();
        complete(id, SlaBreachResponse.TASK_RESPOND_TO_MISSED_DEADLINE, Map.of("breachResponse",
                "Physical health check was refused; re-offered and done today"));

        assertThat(response).isEnded().hasPassed(SlaBreachResponse.SERVICE_RECORD_BREACH_RESPONSE,
                SlaBreachResponse.END_BREACH_RESPONDED);
        assertThat(breaches.forPathway(id)).singleElement().satisfies(breach -> {
            assertThat(breach.respondedAt()).isEqualTo(respondedAt);
            assertThat(breach.response()).isEqualTo("Physical health check was refused; re-offered and done today");
            assertThat(breach.breachedAt()).isEqualTo(respondedAt.minus(Duration.ofHours(3)));
        });
    }

    @Test
    void sameDeadlineMissedTwiceIsRecordedOnce() {
        Instant admittedAt = now().minus(Duration.ofHours(72));
        ProcessInstance first = startCalledModel(SlaBreachResponse.KEY, keyStage1Missed(admittedAt));
        String id = first.getBusinessKey();
        Instant firstBreachedAt = now();

        later(Duration.ofMinutes(5));
        Map<String, Object> sameVariables = new HashMap<>(keyStage1Missed(admittedAt));
        sameVariables.putAll(Map.of("pathwayId", id, "homeIcs", "QJ2", "wardType", "adult-acute",
                "dateOfBirth", "1985-01-15", "ehcPlan", false, "learningDisabilityOrAutism", false));
        ProcessInstance second = runtime.startProcessInstanceByKey(SlaBreachResponse.KEY, id, sameVariables);

        assertThat(breaches.forPathway(id)).singleElement().satisfies(breach -> {
            assertThat(breach.slaCode()).isEqualTo("key-stage-1");
            assertThat(breach.dueAt()).isEqualTo(admittedAt.plus(Duration.ofHours(72)));
            assertThat(breach.breachedAt()).isEqualTo(firstBreachedAt);
        });
        SlaBreach breach = breaches.forPathway(id).get(0);
        assertThat(runtime.getVariable(first.getId(), "slaBreachId")).isEqualTo(breach.id());
        assertThat(runtime.getVariable(second.getId(), "slaBreachId")).isEqualTo(breach.id());
    }

    private static Map<String, Object> keyStage1Missed(Instant admittedAt) {
        return Map.of("slaCode", "key-stage-1", "admittedAt", iso(admittedAt));
    }
}
