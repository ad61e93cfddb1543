package org.mhpathway.benchmark;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.mhpathway.PostgresTestDatabase;
import org.mhpathway.benchmark.PathwayFill.Built;
import org.mhpathway.benchmark.Row.Kind;
import org.mhpathway.benchmark.TimerDrain.Drain;
import org.mhpathway.cluster.ClusterClassPath;
import org.mhpathway.cluster.NodeClient;
import org.mhpathway.cluster.ServiceNode;

/**
 * One run of the national-load benchmark: a fresh PostgreSQL database, the service as production runs it (its own
 * JVM from the packed jar, {@code postgres} profile, authorization and tenants on), partner agencies whose webhooks
 * answer at once, and the users of each group in each ICS. {@link #grow} fills the service with real pathways to the
 * next size and measures it there; figures are kept in {@link SizeResult}s for {@link NationalLoadReport}.
 */
final class NationalLoad implements AutoCloseable {

    /** What to run; see {@link #fromSystemProperties()} for the names on the command line. */
    record Settings(List<Integer> sizes, String ics, int clients, long seed, UserMeasurements.Sampling sampling,
                    int timers, int referralClients, int referrals, int pgbenchSeconds, boolean partners,
                    boolean twoNodes, boolean explain, boolean keepDatabase, List<String> nodeArguments) {

        static Settings fromSystemProperties() {
            return new Settings(
                    Arrays.stream(System.getProperty("benchmark.sizes", "1000,5000,18000").split(","))
                            .map(String::trim).map(Integer::valueOf).toList(),
                    System.getProperty("benchmark.ics", "QT1"),
                    Integer.getInteger("benchmark.clients", 8),
                    Long.getLong("benchmark.seed", 12L),
                    new UserMeasurements.Sampling(Integer.getInteger("benchmark.warmUp", 3),
                            Integer.getInteger("benchmark.minSamples", 5), Integer.getInteger("benchmark.maxSamples", 30),
                            Duration.ofSeconds(Integer.getInteger("benchmark.secondsPerCall", 20))),
                    Integer.getInteger("benchmark.timers", 0),
                    8,
                    Integer.getInteger("benchmark.referrals", 200),
                    Integer.getInteger("benchmark.pgbenchSeconds", 10),
                    Boolean.parseBoolean(System.getProperty("benchmark.partners", "true")),
                    true, true,
                    Boolean.getBoolean("benchmark.keepDatabase"),
                    Arrays.stream(System.getProperty("benchmark.nodeArgs", "").trim().split("\\s+"))
                            .filter(a -> !a.isEmpty()).toList());
        }
    }

    /** Everything measured at one size. */
    record SizeResult(int size, long livePathways, long allPathways, Map<String, Long> tasksByGroup,
                      PathwayFill.Figures fill, Duration settled, Pgbench.Figure pgbench, long databaseBytes,
                      Map<String, Long> rows, List<Row> measured, Drain oneNode, Drain twoNodes,
                      List<ExplainCapture.Explained> explained, String explainedCall, String loadAverage,
                      List<String> largestTables) {

        long openTasks() {
            return rows.getOrDefault("act_ru_task", 0L);
        }
    }

    private static final Duration START_PATIENCE = Duration.ofMinutes(5);
    private static final Duration SETTLE_PATIENCE = Duration.ofMinutes(60);
    /** Production's JVM, on a 2-core node: the default collector and compilers, a heap of its own. */
    private static final List<String> JVM = List.of("-Xmx2g");

    private final Settings settings;
    private final String name;
    private final PostgresTestDatabase database = new PostgresTestDatabase("bench_");
    private final WireMockServer webhooks = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort()
            .containerThreads(16).jettyAcceptors(2).disableRequestJournal());
    private final LoadUsers users = new LoadUsers(Duration.ofMinutes(15));
    private final Pgbench pgbench = new Pgbench();
    private LoadDatabase db;
    private Autovacuum autovacuum;
    private ServiceNode nodeA;
    private ServiceNode nodeB;
    private String release;
    private PathwayFill fill;
    private final PathwayFill.NhsNumbers nhsNumbers = new PathwayFill.NhsNumbers();

    NationalLoad(Settings settings, String name) {
        this.settings = settings;
        this.name = name;
    }

    Settings settings() {
        return settings;
    }

    LoadUsers users() {
        return users;
    }

    ServiceNode node() {
        return nodeA;
    }

    List<Built> built() {
        return fill.built();
    }

    String databaseName() {
        return database.name();
    }

    /** Creates the database, starts the first node and sets up the users and the partner directory. */
    void start() throws Exception {
        database.create();
        db = new LoadDatabase(database.url());
        autovacuum = new Autovacuum(db);
        webhooks.start();
        webhooks.stubFor(post(urlPathMatching("/partners/.*")).willReturn(aResponse().withStatus(202)));
        release = ClusterClassPath.release("mh-pathway-benchmark.jar");
        nodeA = new ServiceNode("node-a", name, release, database.url(), users.adminPassword,
                concat(List.of("--spring.main.banner-mode=off"), settings.nodeArguments()), JVM);
        Instant began = Instant.now();
        nodeA.start().awaitUp(START_PATIENCE);
        System.out.printf("national load: node-a up in %d s on database %s%n",
                Duration.between(began, Instant.now()).toSeconds(), database.name());
        users.setUp(nodeA);
        if (settings.partners()) {
            partners();
        }
        fill = new PathwayFill(users, nodeA, settings.clients(), settings.seed(), nhsNumbers, settings.partners());
    }

    /** The demo profile's directory (a GP practice and, in each ICS, every partner role), with webhooks to this run. */
    private void partners() throws Exception {
        NodeClient admin = users.admin(nodeA);
        try (InputStream in = getClass().getResourceAsStream("/demo/partners.json")) {
            JsonNode entries = NodeClient.JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            for (JsonNode entry : entries) {
                ObjectNode partner = entry.deepCopy();
                String id = partner.remove("id").asText();
                partner.put("webhookUrl", webhooks.baseUrl() + "/partners/" + id);
                admin.put("/api/partners/" + id, partner).expect(201, 200);
            }
        }
    }

    /** Fills to {@code size} live pathways, lets the job executor catch up, and measures everything at that size. */
    SizeResult grow(int size) throws Exception {
        long live = db.livePathways();
        int toBuild = (int) Math.max(0, size - live);
        System.out.printf("national load %d: building %d pathways with %d clients%n", size, toBuild, settings.clients());
        PathwayFill.Figures filled = fill.build(toBuild);
        Duration settled = db.awaitJobsDone(SETTLE_PATIENCE);
        System.out.printf("national load %d: built %d pathways in %d s (%.1f a second, %d task completions, %d HTTP calls);"
                        + " job executor caught up %d s later; median step times: %s%n", size, filled.pathways(),
                filled.took().toSeconds(), filled.pathwaysPerSecond(), filled.completions(), filled.httpCalls(),
                settled.toSeconds(), filled.medians());

        Pgbench.Figure yardstick = pgbench.run(settings.pgbenchSeconds());
        System.out.printf("national load %d: pgbench %s%n", size, yardstick.text());

        TimerDrain drains = new TimerDrain(db);
        int wanted = settings.timers() > 0 ? settings.timers() : (int) db.livePathways();
        List<List<String>> sets = drains.pickTwoSets(wanted);
        db.vacuumAnalyze();
        Drain one = drains.drain("node-a", sets.get(0));
        System.out.printf("national load %d: %s%n", size, NationalLoadReport.drainLine(one));
        Drain two = null;
        if (settings.twoNodes()) {
            nodeB = new ServiceNode("node-b", name, release, database.url(), users.adminPassword,
                    concat(concat(List.of("--spring.main.banner-mode=off"), settings.nodeArguments()),
                            settings.explain() ? ExplainCapture.NODE_ARGUMENTS : List.of()),
                    JVM);
            nodeB.start().awaitUp(START_PATIENCE);
            Drain warmUp = drains.drain("node-a and node-b (warm-up)", drains.pickWarmUp(Math.max(4, sets.get(1).size() / 10)));
            System.out.printf("national load %d: %s%n", size, NationalLoadReport.drainLine(warmUp));
            db.awaitJobsDone(SETTLE_PATIENCE);
            two = drains.drain("node-a and node-b", sets.get(1));
            System.out.printf("national load %d: %s%n", size, NationalLoadReport.drainLine(two));
        }
        db.awaitJobsDone(SETTLE_PATIENCE);
        db.vacuumAnalyze();

        long liveNow = db.livePathways();
        long all = db.allPathways();
        long bytes = db.sizeBytes();
        Map<String, Long> rows = db.rowCounts();
        List<String> largest = db.largestTables(6);
        Map<String, Long> byGroup = UserMeasurements.countsByGroup(users, nodeA, settings.ics());
        String load = NationalLoadReport.Machine.loadAverage();

        UserMeasurements measurements = new UserMeasurements(users, nodeA, settings.sampling());
        List<Row> measured = new ArrayList<>(measurements.measure(settings.ics(), openPathwaysOf(settings.ics())));

        List<ExplainCapture.Explained> explained = List.of();
        String explainedCall = null;
        UserMeasurements.Call slowest = measurements.slowestTasklistQuery();
        if (nodeB != null && settings.explain() && slowest != null) {
            explainedCall = slowest.row().measurement() + " as " + slowest.row().user();
            explained = explain(slowest);
        }
        if (nodeB != null) {
            nodeB.stop();
            nodeB = null;
        }

        measured.add(referralThroughput());
        db.awaitJobsDone(SETTLE_PATIENCE);
        return new SizeResult(size, liveNow, all, byGroup, filled, settled, yardstick, bytes, rows, measured, one, two,
                explained, explainedCall, load, largest);
    }

    /**
     * History cleanup at the size reached: the history of {@code pathways} pathways (spread over the run's) made due
     * and removed by the cleanup job as an administrator starts it ({@code POST /engine-rest/history/cleanup}). Their
     * history is gone afterwards while they still run, so this is the last measurement of a run.
     */
    HistoryCleanup.Cleanup cleanUpHistory(int pathways) throws Exception {
        db.awaitJobsDone(SETTLE_PATIENCE);
        List<String> picked = TimerDrain.spread(fill.built().stream().map(Built::pathwayId).toList(), pathways);
        NodeClient admin = users.admin(nodeA);
        HistoryCleanup.Cleanup cleanup = new HistoryCleanup(db).run(picked,
                () -> admin.post("/engine-rest/history/cleanup?immediatelyDue=true", Map.of()).expect(200),
                SETTLE_PATIENCE);
        System.out.println("national load: " + cleanup.line());
        return cleanup;
    }

    /** Sends the slowest Tasklist request once to node-b, whose statement log shows its SQL, and explains each statement. */
    private List<ExplainCapture.Explained> explain(UserMeasurements.Call call) throws Exception {
        long offset = ExplainCapture.logLength(nodeB.log());
        call.send(users.as(nodeB, settings.ics(), call.group())).expect(200);
        List<ExplainCapture.Explained> explained = new ArrayList<>();
        for (String[] statement : ExplainCapture.statementsSince(nodeB.log(), offset)) {
            explained.add(ExplainCapture.explain(db, statement[0], statement[1]));
        }
        explained.sort(Comparator.comparingDouble(ExplainCapture.Explained::executionMs).reversed());
        return explained;
    }

    /**
     * Referrals from {@code referralClients} bed managers at once (spread over the ICSs), after one warm-up referral
     * each. The people referred are then assessed and offered a community alternative, so the pathways close and
     * the next size is not tilted towards referrals.
     */
    private Row referralThroughput() throws Exception {
        int clients = settings.referralClients();
        int each = Math.max(1, settings.referrals() / clients);
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        Timings t = new Timings();
        List<String[]> referred = java.util.Collections.synchronizedList(new ArrayList<>());
        CountDownLatch ready = new CountDownLatch(clients);
        CountDownLatch go = new CountDownLatch(1);
        long[] began = new long[1];
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < clients; c++) {
                String ics = LoadUsers.ICSS.get(c % LoadUsers.ICSS.size());
                NodeClient bedManager = users.as(nodeA, ics, LoadUsers.BEDS);
                done.add(pool.submit(() -> {
                    referred.add(new String[] {ics, fill.referForThroughput(bedManager, ics)});
                    ready.countDown();
                    go.await();
                    for (int i = 0; i < each; i++) {
                        long start = System.nanoTime();
                        String id = fill.referForThroughput(bedManager, ics);
                        t.add(System.nanoTime() - start);
                        referred.add(new String[] {ics, id});
                    }
                    return null;
                }));
            }
            ready.await();
            began[0] = System.nanoTime();
            go.countDown();
            for (Future<?> f : done) {
                f.get();
            }
            t.wall(System.nanoTime() - began[0]);
            List<Future<?>> closed = new ArrayList<>();
            for (String[] r : referred) {
                closed.add(pool.submit(() -> fill.closeAsCommunityAlternative(r[0], r[1])));
            }
            for (Future<?> f : closed) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        return Row.of(Kind.REFERRAL, "referrals, " + clients + " clients", "bed managers of the 3 ICSs", t,
                t.count() + " referrals", java.util.Set.of());
    }

    private List<String> openPathwaysOf(String ics) {
        return fill.built().stream().filter(b -> b.plan().ics().equals(ics)).map(Built::pathwayId).toList();
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    @Override
    public void close() {
        try {
            for (ServiceNode node : new ServiceNode[] {nodeB, nodeA}) {
                if (node != null) {
                    node.stop();
                }
            }
        } finally {
            if (autovacuum != null) {
                System.out.println("national load: " + autovacuum.summary());
                autovacuum.close();
            }
            webhooks.stop();
            pgbench.drop();
            if (settings.keepDatabase()) {
                System.out.println("national load: database " + database.name() + " kept (benchmark.keepDatabase)");
            } else {
                database.drop();
            }
        }
    }
}
