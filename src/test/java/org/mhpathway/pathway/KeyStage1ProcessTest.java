package org.mhpathway.pathway;

import static org.assertj.core.api.Assertions.assertThat;
import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.util.Map;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.junit.jupiter.api.Test;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.pathway.PathwayProcesses.KeyStage1;

/** {@code key-stage-1}: the four steps of the first 72 hours run side by side (PATHWAY.md section 2, Key Stage 1). */
class KeyStage1ProcessTest extends ProcessTestCase {

    @Test
    void completesOnlyWhenPurposeCarePlanDischargePlanningAndHealthCheckAreAllDone() {
        ProcessInstance ks1 = startCalledModel(KeyStage1.KEY, Map.of("admittedAt", iso(now())));
        String id = ks1.getBusinessKey();
        assertWaitingAt(ks1, KeyStage1.TASK_AGREE_PURPOSE_OF_ADMISSION, KeyStage1.TASK_REVIEW_FORMULATION_AND_AGREE_CARE_PLAN,
                KeyStage1.TASK_BEGIN_DISCHARGE_PLANNING, KeyStage1.TASK_COMPLETE_PHYSICAL_HEALTH_CHECK);
        assertThat(tasks.createTaskQuery().processInstanceId(ks1.getId()).taskCandidateGroup("ward-clinicians").count())
                .isEqualTo(4);

        complete(id, KeyStage1.TASK_AGREE_PURPOSE_OF_ADMISSION, Map.of("purposeOfAdmission", "Treat relapse",
                "purposeAgreedWithPerson", true));
        complete(id, KeyStage1.TASK_REVIEW_FORMULATION_AND_AGREE_CARE_PLAN, Map.of("formulationSummary", "Relapse",
                "carePlanSummary", "Medication review", "carePlanCoProduced", true));
        complete(id, KeyStage1.TASK_BEGIN_DISCHARGE_PLANNING, Map.of("estimatedDischargeDate", "2026-03-30",
                "intendedDestination", "home", "housingNeed", true, "housingNeedDetails", "Tenancy at risk"));
        assertThat(ks1).isWaitingAt(KeyStage1.TASK_COMPLETE_PHYSICAL_HEALTH_CHECK).isNotEnded();
        assertThat(register.find(id).orElseThrow().estimatedDischargeDate()).hasToString("2026-03-30");

        complete(id, KeyStage1.TASK_COMPLETE_PHYSICAL_HEALTH_CHECK, Map.of("physicalHealthCheckAt", iso(now()),
                "treatmentCommencedAt", iso(now())));

        assertThat(ks1).isEnded().hasPassed(KeyStage1.END_KEY_STAGE_1_COMPLETED);
        assertThat(history.createHistoricVariableInstanceQuery().processInstanceId(ks1.getId())
                .variableName("housingNeed").singleResult().getValue()).isEqualTo(true);
    }
}
