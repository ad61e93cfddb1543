package org.mhpathway;

import static org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.history.HistoricProcessInstance;
import org.camunda.bpm.engine.impl.util.ClockUtil;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.camunda.bpm.engine.test.assertions.bpmn.BpmnAwareTests;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageConfiguration;
import org.camunda.community.process_test_coverage.spring_test.platform7.ProcessEngineCoverageTestExecutionListener;
import org.camunda.spin.Spin;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.mhpathway.demo.PathwayDriver;
import org.mhpathway.partners.PartnerNotifications;
import org.mhpathway.pathway.PathwayProcesses.FollowUpAfterDischarge;
import org.mhpathway.pathway.PathwayProcesses.HospitalDischarge;
import org.mhpathway.pathway.PathwayProcesses.PlannedSupport;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.pathway.PathwayProcesses.InpatientStay;
import org.mhpathway.pathway.PathwayProcesses.KeyStage1;
import org.mhpathway.pathway.PathwayRecord;
import org.mhpathway.pathway.PathwayRegister;
import org.mhpathway.referral.ReferralRequest;
import org.mhpathway.referral.ReferralService;
import org.mhpathway.sla.SlaBreaches;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.AutoConfigureMockMvc;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestExecutionListeners;

/**
 * Base of the process tests: the real application on in-memory H2 with the job executor off, so each test
 * moves the engine clock and fires timers itself. Partner notices go to real servers ({@link PartnerTestServers}).
 * Path coverage is recorded per test class.
 */
@SpringBootTest(properties = {
        "camunda.bpm.job-execution.enabled=false",
        "spring.datasource.url=jdbc:h2:mem:process-tests;DB_CLOSE_DELAY=-1",
        "mhpathway.admin.password=" + ApiTestUsers.ADMIN_PASSWORD})
@AutoConfigureMockMvc
// metrics as in production (a test context otherwise has no Prometheus registry): /api/metrics answers
@org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability(tracing = false)
@Import({ProcessEngineCoverageConfiguration.class, ApiTestUsers.class})
@TestExecutionListeners(value = ProcessEngineCoverageTestExecutionListener.class,
        mergeMode = TestExecutionListeners.MergeMode.MERGE_WITH_DEFAULTS)
public abstract class ProcessTestCase {

    /** A Monday morning in spring; the clock of every process test starts here. */
    protected static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private static int nextNhsNumber = 100;

    @Autowired protected ProcessEngine engine;
    @Autowired protected RuntimeService runtime;
    @Autowired protected TaskService tasks;
    @Autowired protected HistoryService history;
    @Autowired protected PathwayDriver driver;
    @Autowired protected ReferralService referrals;
    @Autowired protected PathwayRegister register;
    @Autowired protected SlaBreaches breaches;
    @Autowired protected PartnerNotifications notifications;

    /** Partner e-mail goes to the test SMTP server; one source for every subclass keeps one shared context. */
    @DynamicPropertySource
    static void partnerServers(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", PartnerTestServers::smtpHost);
        registry.add("spring.mail.port", PartnerTestServers::smtpPort);
    }

    /**
     * The test classes of this kind that ran in this JVM. {@link ProcessCoverageSummaryTest} sums coverage only
     * when all of them ran; a class that starts no process writes no coverage report, so reports cannot tell.
     */
    static final Set<String> CLASSES_RUN = ConcurrentHashMap.newKeySet();

    @BeforeAll
    static void recordClassRun(TestInfo info) {
        info.getTestClass().ifPresent(c -> CLASSES_RUN.add(c.getName()));
    }

    @BeforeEach
    void startClock() {
        BpmnAwareTests.init(engine);
        ClockUtil.setCurrentTime(Date.from(T0));
    }

    @AfterEach
    void resetClock() {
        ClockUtil.reset();
    }

    protected static Instant now() {
        return ClockUtil.getCurrentTime().toInstant();
    }

    /** Moves the engine clock on; timers now due are fired by {@link PathwayDriver#runDueJobs}. */
    protected static void later(Duration by) {
        ClockUtil.setCurrentTime(Date.from(now().plus(by)));
    }

    /** Who was given the 48 hours' notice, as Tasklist records the checklist: a JSON list. */
    protected static Object noticeGivenTo() {
        return Spin.JSON("[\"person\", \"carers\", \"community-mh-team\", \"gp\"]");
    }

    protected static String iso(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC).toString();
    }

    /** A valid NHS number in the 999 range never issued to a person, different for every call. */
    protected static synchronized String newNhsNumber() {
        while (true) {
            String nine = String.format("999%06d", nextNhsNumber++);
            int sum = 0;
            for (int i = 0; i < 9; i++) {
                sum += (nine.charAt(i) - '0') * (10 - i);
            }
            int check = (11 - sum % 11) % 11;
            if (check != 10) {
                return nine + check;
            }
        }
    }

    /** Refers a person through the service API, as the crisis team would. */
    protected String refer(String wardType, boolean learningDisabilityOrAutism) {
        return refer(newNhsNumber(), "1985-01-15", learningDisabilityOrAutism, false, wardType);
    }

    protected String refer(String nhsNumber, String dateOfBirth, boolean learningDisabilityOrAutism, boolean ehcPlan,
                           String wardType) {
        return referrals.refer(new ReferralRequest(nhsNumber, dateOfBirth, learningDisabilityOrAutism, ehcPlan, wardType,
                "QJ2", "C81001", "crisis-team", null));
    }

    /**
     * Starts one of the called models on its own, for its process test: registers a pathway (so its records have
     * a home) and starts the model with the pathway id as business key.
     */
    protected ProcessInstance startCalledModel(String processKey, Map<String, Object> variables) {
        String pathwayId = "TEST-" + Long.toString(System.nanoTime(), 36).toUpperCase();
        register.open(PathwayRecord.opened(pathwayId, newNhsNumber(), "QJ2", String.valueOf(
                variables.getOrDefault("wardType", "adult-acute")), "crisis-team", false, now(), null, null));
        Map<String, Object> all = new HashMap<>(Map.of("pathwayId", pathwayId, "homeIcs", "QJ2",
                "wardType", "adult-acute", "dateOfBirth", "1985-01-15", "ehcPlan", false,
                "learningDisabilityOrAutism", false));
        all.putAll(variables);
        return runtime.startProcessInstanceByKey(processKey, pathwayId, all);
    }

    /** The instance of {@code processKey} that carries this pathway, running or ended (the latest started). */
    protected ProcessInstance instanceOf(String pathwayId, String processKey) {
        List<HistoricProcessInstance> all = history.createHistoricProcessInstanceQuery()
                .processInstanceBusinessKey(pathwayId).processDefinitionKey(processKey)
                .orderByProcessInstanceStartTime().desc().list();
        if (all.isEmpty()) {
            throw new AssertionError("pathway " + pathwayId + " never started " + processKey);
        }
        String id = all.get(0).getId();
        ProcessInstance running = runtime.createProcessInstanceQuery().processInstanceId(id).singleResult();
        return running != null ? running : new EndedInstance(all.get(0));
    }

    protected List<Task> openTasks(String pathwayId, String taskKey) {
        return tasks.createTaskQuery().processInstanceBusinessKey(pathwayId).taskDefinitionKey(taskKey).list();
    }

    protected void complete(String pathwayId, String taskKey, Map<String, Object> formValues) {
        driver.complete(pathwayId, taskKey, formValues);
    }

    protected void fireDueTimers(String pathwayId) {
        driver.runDueJobs(pathwayId);
    }

    // ---- steps as the forms submit them, for tests that walk the whole pathway ----

    protected void assessAndDecide(String pathwayId, boolean admit) {
        Map<String, Object> values = new HashMap<>(Map.of("presentingNeeds", "Psychotic relapse",
                "advanceChoicesReviewed", true, "risksIdentified", "Self-neglect", "admitted", admit));
        if (admit) {
            values.put("socialCareInvolved", false);
        } else {
            values.put("communityAlternative", "crisis-resolution-home-treatment");
        }
        complete(pathwayId, InpatientPathway.TASK_ASSESS_NEEDS_AND_DECIDE_ADMISSION, values);
    }

    protected void allocateBed(String pathwayId, boolean outOfArea) {
        Map<String, Object> values = new HashMap<>(Map.of("ward", "Ward 1", "hospital", "Radbourne Unit",
                "admittedAt", iso(now()), "outOfArea", outOfArea));
        if (outOfArea) {
            values.put("outOfAreaReason", "No bed in area");
        }
        complete(pathwayId, InpatientPathway.TASK_ALLOCATE_BED, values);
    }

    protected void completeKeyStage1(String pathwayId) {
        complete(pathwayId, KeyStage1.TASK_AGREE_PURPOSE_OF_ADMISSION, Map.of("purposeOfAdmission", "Treat relapse",
                "purposeAgreedWithPerson", true));
        complete(pathwayId, KeyStage1.TASK_REVIEW_FORMULATION_AND_AGREE_CARE_PLAN, Map.of("formulationSummary", "Relapse",
                "carePlanSummary", "Medication review", "carePlanCoProduced", true));
        complete(pathwayId, KeyStage1.TASK_BEGIN_DISCHARGE_PLANNING, Map.of("estimatedDischargeDate", "2026-03-30",
                "intendedDestination", "home", "housingNeed", false));
        complete(pathwayId, KeyStage1.TASK_COMPLETE_PHYSICAL_HEALTH_CHECK, Map.of("physicalHealthCheckAt", iso(now()),
                "treatmentCommencedAt", iso(now())));
    }

    protected void confirmClinicallyReady(String pathwayId) {
        complete(pathwayId, InpatientStay.TASK_CONFIRM_CLINICALLY_READY_FOR_DISCHARGE, Map.of("crfdAt", iso(now()),
                "crfdRationale", "Settled"));
    }

    /** Support in place, plan refined, 48 hours' notice given and waited out, then discharged home. */
    protected void dischargeWithSupportInPlace(String pathwayId, String destination) {
        complete(pathwayId, PlannedSupport.TASK_CONFIRM_PLANNED_SUPPORT_IN_PLACE, Map.of("dischargePossible", true));
        giveNoticeAndDischarge(pathwayId, destination);
    }

    protected void giveNoticeAndDischarge(String pathwayId, String destination) {
        complete(pathwayId, HospitalDischarge.TASK_REFINE_DISCHARGE_PLAN, Map.of("dischargePlan", "CMHT and home care",
                "estimatedDischargeDate", "2026-03-30", "eddChangeReason", "Date agreed with the community team"));
        complete(pathwayId, HospitalDischarge.TASK_GIVE_DISCHARGE_NOTICE, Map.of("dischargeNoticeGivenAt", iso(now()),
                "plannedDischargeAt", iso(now().plus(Duration.ofHours(48))), "noticeGivenTo", noticeGivenTo()));
        complete(pathwayId, HospitalDischarge.TASK_PREPARE_FOR_DISCHARGE, Map.of("riskAssessmentUpdated", true,
                "followUpMeetingAt", iso(now().plus(Duration.ofHours(60))), "followUpLocation", "Home",
                "followUpWith", "Care coordinator", "crisisContactsGiven", true));
        later(Duration.ofHours(48));
        complete(pathwayId, HospitalDischarge.TASK_RECORD_DISCHARGE, Map.of("dischargedAt", iso(now()),
                "dischargeDestination", destination));
    }

    /** Walks a referred person through admission, stay, discharge home and follow-up, every step on time. */
    protected void walkToCompletedFollowUp(String pathwayId) {
        assessAndDecide(pathwayId, true);
        allocateBed(pathwayId, false);
        completeKeyStage1(pathwayId);
        confirmClinicallyReady(pathwayId);
        dischargeWithSupportInPlace(pathwayId, "home");
        completeFollowUp(pathwayId, false);
        sendGpSummary(pathwayId);
    }

    protected void completeFollowUp(String pathwayId, boolean moreSupportNeeded) {
        complete(pathwayId, FollowUpAfterDischarge.TASK_COMPLETE_FOLLOW_UP, Map.of("followUpCompletedAt", iso(now()),
                "followUpContactType", "face-to-face", "followUpOutcome", "Settled at home",
                "additionalSupportNeeded", moreSupportNeeded));
    }

    protected void sendGpSummary(String pathwayId) {
        complete(pathwayId, FollowUpAfterDischarge.TASK_SEND_GP_DISCHARGE_SUMMARY, Map.of("gpSummarySentAt", iso(now())));
    }

    protected static void assertWaitingAt(ProcessInstance instance, String... activityIds) {
        assertThat(instance).isWaitingAt(activityIds);
    }

    /** A process instance that has ended, for camunda-bpm-assert's history checks. */
    private record EndedInstance(HistoricProcessInstance h) implements ProcessInstance {
        public String getProcessDefinitionId() { return h.getProcessDefinitionId(); }
        public String getProcessDefinitionKey() { return h.getProcessDefinitionKey(); }
        public String getBusinessKey() { return h.getBusinessKey(); }
        public String getCaseInstanceId() { return h.getCaseInstanceId(); }
        public boolean isSuspended() { return false; }
        public String getRootProcessInstanceId() { return h.getRootProcessInstanceId(); }
        public String getId() { return h.getId(); }
        public boolean isEnded() { return true; }
        public String getProcessInstanceId() { return h.getId(); }
        public String getTenantId() { return h.getTenantId(); }
    }
}
