package org.mhpathway.cluster;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.condition.EnabledIf;
import org.mhpathway.PostgresTestDatabase;

/**
 * Two real nodes of the service, each its own JVM, on one PostgreSQL database, with faults: both started at the
 * same moment on an empty database, many deadlines due at once, a node killed with SIGKILL in the middle of its
 * work, PostgreSQL restarted under load, and a rolling restart onto a new version of a model. The scenarios run
 * in order on the same database and the same two nodes, as one installation lives through them. Every scenario
 * prints its figures on one line starting with {@code cluster}. Node logs are in {@code target/cluster-logs}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@EnabledIf("org.mhpathway.PostgresTestDatabase#availableOrRequired")
class ClusterFaultsTest {

    private static final String TEST = "ClusterFaultsTest";
    private static final Duration START_PATIENCE = Duration.ofMinutes(3);
    private static final Duration SETTLE_PATIENCE = Duration.ofMinutes(3);
    private static final String KEY_STAGE_1_TIMER = "BoundaryEvent_KeyStage1Overdue";
    private static final List<String> PARTNERS = List.of("cluster-gp", "cluster-cmht");
    /** The next release: the same models, with one task of Key Stage 1 renamed. */
    private static final String RENAMED_TASK = "Agree purpose of admission with the person";

    private final PostgresTestDatabase database = new PostgresTestDatabase();
    private final ClusterIdentity identity = new ClusterIdentity();
    private final WireMockServer webhooks = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
            .containerThreads(20).jettyAcceptors(2));
    private String release1;
    private Instant keyStage1Due;
    private boolean usersAndPartnersReady;
    private ServiceNode nodeA;
    private ServiceNode nodeB;

    @BeforeAll
    void createDatabaseAndNodes() {
        database.create();
        webhooks.start();
        answerWebhooksAfter(Duration.ofMillis(100));
        release1 = ClusterClassPath.release("mh-pathway-release-1.jar");
        // test timings only: a killed node's jobs come back after 20 s rather than 5 minutes, and an idle node
        // looks for due jobs every 0.5 s rather than backing off to once a minute. Without the latter, one node
        // that happens to be awake can run a whole burst of 200 timers (about 2 s of work) before the other looks.
        List<String> arguments = List.of(
                "--camunda.bpm.job-execution.lock-time-in-millis=20000",
                "--camunda.bpm.job-execution.wait-time-in-millis=500",
                "--camunda.bpm.job-execution.max-wait=500",
                "--spring.main.banner-mode=off");
        nodeA = new ServiceNode("node-a", TEST, release1, database.url(), identity.adminPassword, arguments);
        nodeB = new ServiceNode("node-b", TEST, release1, database.url(), identity.adminPassword, arguments);
    }

    @AfterAll
    void stopNodesAndDropDatabase() {
        try {
            PostgresFaults.ensureRunning();
            for (ServiceNode node : new ServiceNode[] {nodeA, nodeB}) {
                if (node != null) {
                    node.stop();
                }
            }
        } finally {
            webhooks.stop();
            database.drop();
        }
    }

    @Test
    @Order(1)
    void twoNodesStartedTogetherOnAnEmptyDatabaseBothComeUpWithOneDeployment() throws Exception {
        Instant started = Instant.now();
        nodeA.start();
        nodeB.start();
        nodeA.awaitUp(START_PATIENCE);
        nodeB.awaitUp(START_PATIENCE);
        long seconds = Duration.between(started, Instant.now()).toSeconds();

        long deployments = count("select count(*) from act_re_deployment");
        long definitions = count("select count(*) from act_re_procdef");
        long keys = count("select count(distinct key_) from act_re_procdef");
        System.out.printf("cluster start: node-a and node-b started together on an empty database, both up in %d s;"
                + " deployments %d, process definitions %d for %d keys (one version each)%n",
                seconds, deployments, definitions, keys);
        assertThat(deployments).as("one deployment for both nodes").isEqualTo(1);
        long models;
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("bpmn"))) {
            models = files.filter(f -> f.toString().endsWith(".bpmn")).count();
        }
        assertThat(definitions).as("one version of each model").isEqualTo(keys).isEqualTo(models);

        // both nodes set up the identity directory at once: one administrator, each group, ICS and Tasklist list once
        org.awaitility.Awaitility.await().atMost(START_PATIENCE).until(() ->
                count("select count(*) from act_ru_filter") == 10 && count("select count(*) from act_id_tenant") == 3);
        long administrators = count("select count(*) from act_id_membership where group_id_ = 'camunda-admin'");
        long groups = count("select count(*) from act_id_group");
        long filters = count("select count(*) from act_ru_filter");
        long distinctFilters = count("select count(distinct name_) from act_ru_filter");
        System.out.printf("cluster start: administrators %d, groups %d, tenants %d, Tasklist filters %d (%d names)%n",
                administrators, groups, count("select count(*) from act_id_tenant"), filters, distinctFilters);
        assertThat(administrators).as("one first administrator").isEqualTo(1);
        assertThat(groups).as("six working groups and camunda-admin").isEqualTo(7);
        assertThat(filters).as("each Tasklist list once").isEqualTo(distinctFilters).isEqualTo(10);
        // one node at a time set all that up (StartupSetupLock): no refused duplicate for the engine to log
        long errors = nodeA.errorLines() + nodeB.errorLines();
        System.out.printf("cluster start: ERROR lines logged by both nodes %d%n", errors);
        assertThat(errors).as("ERROR lines in the two nodes' logs after a clean start").isZero();

        usersAndPartners();
    }

    @Test
    @Order(2)
    void eachDueTimerFiresExactlyOnceAndBothNodesTakePart() throws Exception {
        bothUp();
        int patients = 200;
        Instant began = Instant.now();
        List<String> batch = admitPatientsWithKeyStage1DueTogether(patients, Duration.ofSeconds(5));
        Instant admitted = Instant.now();
        Instant due = keyStage1Due;

        awaitSettled(batch, "timers");
        Map<String, Long> fired = firedByNode(batch);
        long total = fired.values().stream().mapToLong(Long::longValue).sum();
        Figures f = figures(batch);
        System.out.printf("cluster timers: %d patients, %d Key Stage 1 timers, fired %d (%s), missed-deadline records %d,"
                + " respond tasks %d, partner notices %d delivered, duplicates %d; patients referred and admitted in %d s, timers due %s,"
                + " all fired and notices delivered %d s after they were due%n",
                patients, batch.size(), total, perNode(fired), f.breaches, f.respondTasks, f.delivered, f.duplicates(),
                Duration.between(began, admitted).toSeconds(),
                due.isBefore(admitted) ? "from " + Duration.between(began, due).toSeconds() + " s (some while the rest were admitted)"
                        : Duration.between(admitted, due).toSeconds() + " s after the last admission",
                Math.max(0, Duration.between(due, Instant.now()).toSeconds()));
        assertThat(total).as("each timer fired once").isEqualTo(patients);
        assertThat(fired).as("both nodes fired timers").containsKeys("node-a", "node-b");
        f.assertExactlyOnce(patients);
    }

    @Test
    @Order(3)
    void aNodeKilledMidWorkLosesNothingAndTheOtherNodeFinishes() throws Exception {
        bothUp();
        int patients = 60;
        // slow partners, so that deliveries are in flight when the node dies
        answerWebhooksAfter(Duration.ofMillis(700));
        List<String> batch = admitPatientsWithKeyStage1DueTogether(patients, Duration.ofSeconds(5));

        // the moment the deadlines start to fall due, with node-a at work on the batch and deliveries in flight
        await("node-a at work on the batch as its deadlines fall due").atMost(Duration.ofMinutes(2))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> firedTotal(batch) > 0 && jobsByNode(batch).getOrDefault("node-a", 0L) > 0);
        Instant killed = Instant.now();
        nodeA.kill();
        // counted just after the kill: what node-a finished is exact, the rest are as node-b carries on
        long nodeAFired = firedByNode(batch).getOrDefault("node-a", 0L);
        long nodeAJobs = jobsByNode(batch).getOrDefault("node-a", 0L);
        long lockedAtKill = count("select count(*) from act_ru_job where lock_exp_time_ > now()");
        long firedAtKill = firedTotal(batch);
        long deliveredAtKill = figures(batch).delivered;

        awaitSettled(batch, "after the kill");
        long settledAfter = Duration.between(killed, Instant.now()).toSeconds();
        Map<String, Long> fired = firedByNode(batch);
        Figures f = figures(batch);
        System.out.printf("cluster kill: %d patients, %d Key Stage 1 timers, node-a killed (SIGKILL) as they fell due, having"
                + " fired %d and run %d of the batch's jobs; just after the kill %d had fired, %d of %d notices were delivered and"
                + " %d jobs were locked; fired %d (%s), missed-deadline records %d, respond tasks %d, partner notices %d"
                + " delivered in %d webhook calls (%d redelivered with the same Idempotency-Key), duplicates %d;"
                + " node-b finished everything %d s after the kill%n",
                patients, batch.size(), nodeAFired, nodeAJobs, firedAtKill, deliveredAtKill, 2 * patients, lockedAtKill,
                fired.values().stream().mapToLong(Long::longValue).sum(),
                perNode(fired), f.breaches, f.respondTasks, f.delivered, f.webhookCalls, f.redelivered, f.duplicates(),
                settledAfter);
        f.assertExactlyOnce(patients);

        answerWebhooksAfter(Duration.ofMillis(100));
        Instant restarted = Instant.now();
        nodeA.start().awaitUp(START_PATIENCE);
        System.out.printf("cluster kill: node-a back in %d s%n", Duration.between(restarted, Instant.now()).toSeconds());
    }

    @Test
    @Order(4)
    void postgresRestartedUnderLoadNodesReconnectAndNothingIsStuck() throws Exception {
        bothUp();
        int patients = 60;
        answerWebhooksAfter(Duration.ofMillis(300));
        List<String> batch = admitPatientsWithKeyStage1DueTogether(patients, Duration.ofSeconds(4));
        await("timers start firing").atMost(Duration.ofMinutes(1)).pollInterval(Duration.ofMillis(100))
                .until(() -> firedTotal(batch) > 0);

        long firedBeforeRestart = firedTotal(batch);
        Instant restarted = Instant.now();
        String how = PostgresFaults.restart(database.name(), Duration.ofSeconds(3));
        long downSeconds = Duration.between(restarted, Instant.now()).toSeconds();
        nodeA.awaitUp(START_PATIENCE);
        nodeB.awaitUp(START_PATIENCE);
        long reconnected = Duration.between(restarted, Instant.now()).toSeconds();

        awaitSettledOrIncident(batch);
        long settled = Duration.between(restarted, Instant.now()).toSeconds();
        Map<String, Long> fired = firedByNode(batch);
        Figures f = figures(batch);
        long failedAttempts = count("select count(*) from act_hi_job_log j join act_hi_procinst p on p.id_ = j.process_instance_id_"
                + " where j.job_state_ = 1 and p.business_key_ = any(?)", batch);
        long incidents = count("select count(*) from act_ru_incident i join act_ru_execution e on e.id_ = i.proc_inst_id_"
                + " where e.business_key_ = any(?)", batch);
        long unexplained = stuckWithoutIncident(batch).size();
        System.out.printf("cluster postgres: %d patients, %d Key Stage 1 timers, %d fired before PostgreSQL went (%s, %d s),"
                + " both nodes healthy %d s after; fired %d (%s), failed job attempts retried %d, missed-deadline records %d,"
                + " respond tasks %d, partner notices %d delivered, open incidents %d, pathways stuck without an incident %d,"
                + " duplicates %d; all done %d s after PostgreSQL went%n",
                patients, batch.size(), firedBeforeRestart, how, downSeconds, reconnected,
                fired.values().stream().mapToLong(Long::longValue).sum(), perNode(fired), failedAttempts, f.breaches,
                f.respondTasks, f.delivered, incidents, unexplained, f.duplicates(), settled);
        assertThat(unexplained).as("every pathway finished its work or has an incident that says why").isZero();
        assertThat(f.duplicates()).as("no step seen twice").isZero();
        if (incidents == 0) {
            f.assertExactlyOnce(patients);
        }
        answerWebhooksAfter(Duration.ofMillis(100));
    }

    @Test
    @Order(5)
    void rollingRestartOntoANewModelKeepsRunningPathwaysOnTheirVersion() throws Exception {
        bothUp();
        String release2 = ClusterClassPath.with("mh-pathway-release-2.jar", "bpmn/key-stage-1.bpmn",
                model -> model.replace("name=\"Agree purpose of admission\"", "name=\"" + RENAMED_TASK + "\""));
        long deploymentsBefore = count("select count(*) from act_re_deployment");
        List<String> running = admitPatients(3, Instant.now());

        Instant began = Instant.now();
        nodeA.stop();
        nodeA.start(release2).awaitUp(START_PATIENCE);
        List<String> started = admitPatients(3, Instant.now());
        nodeB.stop();
        nodeB.start(release2).awaitUp(START_PATIENCE);
        long rolled = Duration.between(began, Instant.now()).toSeconds();

        NodeClient worker = identity.worker(nodeB);
        for (String pathway : running) {
            assertThat(Patients.awaitTask(worker, pathway, Patients.AGREE_PURPOSE).get("name").asText())
                    .as("a running pathway keeps the task as it was").isNotEqualTo(RENAMED_TASK);
            Patients.completeKeyStage1(worker, pathway);
            Patients.dischargeAndFollowUp(worker, pathway);
        }
        NodeClient other = identity.worker(nodeA);
        for (String pathway : started) {
            assertThat(Patients.awaitTask(other, pathway, Patients.AGREE_PURPOSE).get("name").asText()).isEqualTo(RENAMED_TASK);
            Patients.completeKeyStage1(other, pathway);
            Patients.dischargeAndFollowUp(other, pathway);
        }

        Map<String, Integer> runningVersions = keyStage1Versions(running);
        Map<String, Integer> startedVersions = keyStage1Versions(started);
        long deployments = count("select count(*) from act_re_deployment");
        List<String> all = concat(running, started);
        long instances = count("select count(*) from act_hi_procinst where business_key_ = any(?)", all);
        // the last notices of a completed pathway (its GP summary) are still being delivered when its stage says completed
        long unfinished = await("process instances of completed pathways ended").atMost(Duration.ofMinutes(1))
                .pollInterval(Duration.ofMillis(200)).until(() -> count("select count(*) from act_hi_procinst"
                        + " where end_time_ is null and business_key_ = any(?)", all), n -> n == 0);
        long mixed = count("select count(*) from (select p.business_key_ from act_hi_procinst p"
                + " join act_re_procdef d on d.id_ = p.proc_def_id_ where p.business_key_ = any(?)"
                + " and d.key_ in ('inpatient-pathway', 'inpatient-stay', 'key-stage-1')"
                + " group by p.business_key_ having count(distinct d.version_) > 1) m", all);
        System.out.printf("cluster rolling upgrade: nodes restarted one by one onto release 2 in %d s; deployments %d -> %d;"
                + " %d pathways running before kept Key Stage 1 version %s, %d started after got version %s; all %d completed"
                + " (%d process instances, %d left running, %d pathways mixing versions), duplicates %d%n",
                rolled, deploymentsBefore, deployments, running.size(), runningVersions.values().stream().distinct().toList(),
                started.size(), startedVersions.values().stream().distinct().toList(), all.size(), instances, unfinished, mixed,
                figures(all).duplicates());
        assertThat(deployments).as("release 2 deployed once, by the first node to start on it").isEqualTo(deploymentsBefore + 1);
        assertThat(runningVersions.values()).as("running pathways keep their version").containsOnly(1);
        assertThat(startedVersions.values()).as("new pathways start on the new version").containsOnly(2);
        assertThat(unfinished).as("process instances of completed pathways still running").isZero();
        assertThat(mixed).as("pathways that switched version midway").isZero();
        assertThat(figures(all).duplicates()).isZero();
    }

    // ---- driving patients

    /**
     * Refers and admits the patients through both nodes in turn, with admission times chosen so that every
     * Key Stage 1 deadline (72 hours after admission) falls due at the same moment, {@code slack} after the last
     * admission is expected.
     */
    private List<String> admitPatientsWithKeyStage1DueTogether(int patients, Duration slack) throws Exception {
        List<String> batch = referAndAssess(patients);
        Instant due = Instant.now().plus(Duration.ofMillis(100L * patients)).plus(slack);
        Instant admittedAt = due.minus(Duration.ofHours(72));
        keyStage1Due = due;
        parallelOver(batch, (client, pathway) -> Patients.allocateBed(client, pathway, admittedAt));
        return batch;
    }

    private List<String> admitPatients(int patients, Instant admittedAt) throws Exception {
        List<String> batch = referAndAssess(patients);
        parallelOver(batch, (client, pathway) -> Patients.allocateBed(client, pathway, admittedAt));
        return batch;
    }

    /** Refers and assesses the patients, four at a time, alternating between the nodes. */
    private List<String> referAndAssess(int patients) throws Exception {
        List<String> pathways = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int i = 0; i < patients; i++) {
                NodeClient client = identity.worker(i % 2 == 0 ? nodeA : nodeB);
                futures.add(pool.submit(() -> {
                    String pathway = Patients.refer(client);
                    Patients.assessAndAdmit(client, pathway);
                    return pathway;
                }));
            }
            for (Future<String> f : futures) {
                pathways.add(f.get());
            }
        } finally {
            pool.shutdown();
        }
        return pathways;
    }

    private void parallelOver(List<String> pathways, BiConsumer<NodeClient, String> step) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < pathways.size(); i++) {
                NodeClient client = identity.worker(i % 2 == 0 ? nodeB : nodeA);
                String pathway = pathways.get(i);
                futures.add(pool.submit(() -> step.accept(client, pathway)));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
    }

    private void bothUp() {
        for (ServiceNode node : List.of(nodeA, nodeB)) {
            if (!node.alive()) {
                node.start(release1);
            }
        }
        nodeA.awaitUp(START_PATIENCE);
        nodeB.awaitUp(START_PATIENCE);
        usersAndPartners();
    }

    /** The test users and the two partners, set up once through the nodes' own APIs. */
    private void usersAndPartners() {
        if (usersAndPartnersReady) {
            return;
        }
        identity.setUp(nodeA);
        for (String partner : PARTNERS) {
            boolean gp = partner.equals("cluster-gp");
            Map<String, Object> body = new HashMap<>(Map.of("name", gp ? "Cluster GP practice" : "Cluster CMHT",
                    "role", gp ? "gp-practice" : "community-mh-team", "ics", ClusterIdentity.ICS,
                    "webhookUrl", webhooks.baseUrl() + "/partners/" + partner,
                    "signingSecret", "cluster-test-signing-secret-of-32-characters-or-more"));
            body.put("odsCode", gp ? Patients.GP_PRACTICE : "RXM99");
            identity.admin(nodeB).put("/api/partners/" + partner, body).expect(201, 200);
        }
        usersAndPartnersReady = true;
    }

    // ---- what the database says

    /** Every timer of the batch fired and every notice of the batch delivered, with no job left. */
    private void awaitSettled(List<String> batch, String what) {
        await("batch settled " + what).atMost(SETTLE_PATIENCE).pollInterval(Duration.ofMillis(500)).until(() -> {
            Figures f = figures(batch);
            return f.breaches == batch.size() && f.delivered == 2L * batch.size() && f.openJobs == 0;
        });
    }

    /**
     * Waits until the batch is done, or until nothing is left to retry and whatever is not done has an incident:
     * a failed job waits for its next retry (a partner notice's first comes after a minute) before it counts.
     */
    private void awaitSettledOrIncident(List<String> batch) {
        await("batch settled, or stuck with an incident").atMost(SETTLE_PATIENCE).pollInterval(Duration.ofSeconds(1))
                .until(() -> {
                    Figures f = figures(batch);
                    boolean done = f.breaches == batch.size() && f.delivered == 2L * batch.size();
                    return f.openJobs == 0 && (done || stuckWithoutIncident(batch).isEmpty());
                });
    }

    /** Pathways whose deadline or notices are still owed with no incident that says why. */
    private List<String> stuckWithoutIncident(List<String> batch) throws SQLException {
        return strings("select b.id from unnest(?::varchar[]) as b(id)"
                + " where ((select count(*) from sla_breach s where s.pathway_id = b.id and s.sla_code = 'key-stage-1') = 0"
                + "   or exists (select 1 from partner_notification n where n.pathway_id = b.id and n.partner_id is not null"
                + "              and n.status <> 'delivered'))"
                + " and not exists (select 1 from act_ru_incident i join act_ru_execution e on e.id_ = i.proc_inst_id_"
                + "                 where e.business_key_ = b.id and i.incident_msg_ is not null)", batch);
    }

    private Map<String, Long> firedByNode(List<String> batch) throws SQLException {
        return countBy("select j.hostname_, count(*) from act_hi_job_log j join act_hi_procinst p on p.id_ = j.process_instance_id_"
                + " where j.act_id_ = '" + KEY_STAGE_1_TIMER + "' and j.job_state_ = 2 and p.business_key_ = any(?)"
                + " group by j.hostname_", batch);
    }

    /** Jobs of any kind (timers, steps, deliveries) each node ran successfully for the batch. */
    private Map<String, Long> jobsByNode(List<String> batch) throws SQLException {
        return countBy("select j.hostname_, count(*) from act_hi_job_log j join act_hi_procinst p on p.id_ = j.process_instance_id_"
                + " where j.job_state_ = 2 and p.business_key_ = any(?) group by j.hostname_", batch);
    }

    private long firedTotal(List<String> batch) throws SQLException {
        return firedByNode(batch).values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<String, Integer> keyStage1Versions(List<String> pathways) throws SQLException {
        Map<String, Integer> versions = new TreeMap<>();
        countBy("select p.business_key_, max(d.version_) from act_hi_procinst p join act_re_procdef d on d.id_ = p.proc_def_id_"
                + " where d.key_ = 'key-stage-1' and p.business_key_ = any(?) group by p.business_key_", pathways)
                .forEach((k, v) -> versions.put(k, v.intValue()));
        assertThat(versions).as("a Key Stage 1 instance per pathway").hasSize(pathways.size());
        return versions;
    }

    /** What a user or a partner would see of the batch, and any step seen twice. */
    private Figures figures(List<String> batch) throws SQLException {
        Figures f = new Figures();
        f.breaches = count("select count(*) from sla_breach where sla_code = 'key-stage-1' and pathway_id = any(?)", batch);
        f.duplicateBreaches = count("select count(*) from (select pathway_id, sla_code from sla_breach where pathway_id = any(?)"
                + " group by pathway_id, sla_code having count(*) > 1) d", batch);
        f.respondTasks = count("select count(*) from act_hi_taskinst t join act_hi_procinst p on p.id_ = t.proc_inst_id_"
                + " where t.task_def_key_ = '" + Patients.RESPOND_TO_MISSED_DEADLINE + "' and p.business_key_ = any(?)", batch);
        f.duplicateTasks = count("select count(*) from (select t.proc_inst_id_, t.task_def_key_ from act_hi_taskinst t"
                + " join act_hi_procinst p on p.id_ = t.proc_inst_id_ where p.business_key_ = any(?)"
                + " group by t.proc_inst_id_, t.task_def_key_ having count(*) > 1) d", batch);
        f.duplicateTimerFirings = count("select count(*) from (select p.business_key_ from act_hi_job_log j"
                + " join act_hi_procinst p on p.id_ = j.process_instance_id_ where j.act_id_ = '" + KEY_STAGE_1_TIMER + "'"
                + " and j.job_state_ = 2 and p.business_key_ = any(?) group by p.business_key_ having count(*) > 1) d", batch);
        f.duplicateNotices = count("select count(*) from (select pathway_id, event, recipient_role from partner_notification"
                + " where pathway_id = any(?) group by pathway_id, event, recipient_role having count(*) > 1) d", batch);
        f.delivered = count("select count(*) from partner_notification where status = 'delivered' and partner_id is not null"
                + " and pathway_id = any(?)", batch);
        f.openJobs = count("select count(*) from act_ru_job j join act_ru_execution e on e.id_ = j.process_instance_id_"
                + " where e.business_key_ = any(?) and j.handler_type_ <> 'timer-intermediate-transition'"
                + " and (j.duedate_ is null or j.duedate_ < now() + interval '1 hour')", batch);
        List<String> keys = strings("select notification_key from partner_notification where partner_id is not null"
                + " and pathway_id = any(?)", batch);
        Map<String, Long> calls = webhooks.getAllServeEvents().stream().map(ServeEvent::getRequest)
                .filter(r -> r.containsHeader("Idempotency-Key"))
                .collect(Collectors.groupingBy(r -> r.getHeader("Idempotency-Key"), Collectors.counting()));
        for (String key : keys) {
            long n = calls.getOrDefault(key, 0L);
            f.webhookCalls += n;
            f.redelivered += Math.max(0, n - 1);
        }
        return f;
    }

    private static final class Figures {
        long breaches;
        long duplicateBreaches;
        long respondTasks;
        long duplicateTasks;
        long duplicateTimerFirings;
        long duplicateNotices;
        long delivered;
        long openJobs;
        long webhookCalls;
        long redelivered;

        long duplicates() {
            return duplicateBreaches + duplicateTasks + duplicateTimerFirings + duplicateNotices;
        }

        void assertExactlyOnce(int patients) {
            assertThat(duplicateTimerFirings).as("pathways whose Key Stage 1 timer fired twice").isZero();
            assertThat(breaches).as("one missed deadline recorded per pathway").isEqualTo(patients);
            assertThat(duplicateBreaches).as("missed deadlines recorded twice").isZero();
            assertThat(respondTasks).as("one Respond to missed deadline task per pathway").isEqualTo(patients);
            assertThat(duplicateTasks).as("tasks created twice").isZero();
            assertThat(duplicateNotices).as("partner notices recorded twice").isZero();
            assertThat(delivered).as("every partner notice delivered").isEqualTo(2L * patients);
        }
    }

    private static String perNode(Map<String, Long> byNode) {
        return byNode.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
    }

    private static List<String> concat(Collection<String> a, Collection<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    private Connection connect() throws SQLException {
        return DriverManager.getConnection(database.url(), PostgresTestDatabase.user(), PostgresTestDatabase.password());
    }

    private long count(String sql, List<String> ids) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(c, s, ids);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long count(String sql) throws SQLException {
        return count(sql, null);
    }

    private Map<String, Long> countBy(String sql, List<String> ids) throws SQLException {
        Map<String, Long> counts = new TreeMap<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(c, s, ids);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    counts.put(String.valueOf(rs.getString(1)), rs.getLong(2));
                }
            }
        }
        return counts;
    }

    private List<String> strings(String sql, List<String> ids) throws SQLException {
        List<String> values = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            bind(c, s, ids);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
        }
        return values;
    }

    private static void bind(Connection c, PreparedStatement s, List<String> ids) throws SQLException {
        if (ids != null) {
            Array array = c.createArrayOf("varchar", ids.toArray());
            s.setArray(1, array);
        }
    }

    private void answerWebhooksAfter(Duration delay) {
        webhooks.resetMappings();
        webhooks.stubFor(post(urlPathMatching("/partners/.*"))
                .willReturn(aResponse().withStatus(202).withFixedDelay((int) delay.toMillis())));
    }
}
