package org.mhpathway.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.mhpathway.benchmark.NationalLoad.SizeResult;
import org.mhpathway.benchmark.PathwayFill.Built;
import org.mhpathway.benchmark.PathwayPlan.Stage;
import org.mhpathway.benchmark.Row.Kind;
import org.mhpathway.benchmark.TimerDrain.Drain;
import org.mhpathway.cluster.NodeClient;

/**
 * The national-load benchmark at a size CI can afford (60 pathways, each call timed twice), so that it keeps
 * working as the models, grants and filters change. It asserts what the run must have shown, never a time: every
 * stage was built as planned, the users of one ICS see work and only their ICS's, and each timer made due fired
 * exactly once on one node and on two.
 */
@EnabledIf("org.mhpathway.PostgresTestDatabase#availableOrRequired")
class NationalLoadTest {

    private static final String ICS = "QT1";
    private static final String OTHER_ICS = "QJ2";

    @Test
    void buildsEveryStageAndShowsEachIcsOnlyItsOwnWorkAndFiresEachTimerOnce() throws Exception {
        NationalLoad.Settings settings = new NationalLoad.Settings(List.of(60), ICS, 4, 12L,
                new UserMeasurements.Sampling(1, 2, 2, Duration.ofSeconds(5)), 12, 8, 16, 1, true, true, true, false, List.of());
        try (NationalLoad load = new NationalLoad(settings, "NationalLoadTest")) {
            load.start();
            SizeResult result = load.grow(60);
            System.out.println(new NationalLoadReport(settings).markdown(List.of(result)));

            everyPathwayStandsWhereItWasPlanned(load);
            usersOfOneIcsSeeWorkOfThatIcsOnly(load, result);
            eachTimerFiredOnce(result.oneNode());
            eachTimerFiredOnce(result.twoNodes());
            assertThat(result.measured()).filteredOn(r -> r.kind() == Kind.REFERRAL).singleElement()
                    .satisfies(r -> assertThat(r.samples()).isEqualTo(16));
            assertThat(result.measured()).filteredOn(r -> r.kind() == Kind.INDICATORS).hasSize(4)
                    .allSatisfy(r -> assertThat(r.samples()).isPositive());
            assertThat(result.explained()).as("the SQL of the slowest Tasklist query, explained").isNotEmpty();
            assertThat(result.explained().get(0).plan()).contains("Execution Time");

            // history cleanup removes what was made due, and nothing of the other pathways
            HistoryCleanup.Cleanup cleanup = load.cleanUpHistory(6);
            assertThat(cleanup.rowsMarked()).as("history rows of 6 pathways made due").isPositive();
            assertThat(cleanup.rowsLeft()).as("history rows made due and not removed").isZero();
            assertThat(cleanup.otherRowsAfter()).as("history rows of the other pathways")
                    .isGreaterThanOrEqualTo(cleanup.otherRowsBefore());
        }
    }

    private static void everyPathwayStandsWhereItWasPlanned(NationalLoad load) {
        List<Built> built = load.built();
        assertThat(built).hasSize(60);
        Set<Stage> reached = EnumSet.noneOf(Stage.class);
        for (Built b : built) {
            NodeClient clinician = load.users().as(load.node(), b.plan().ics(), LoadUsers.WARD);
            JsonNode pathway = clinician.get("/api/pathways/" + b.pathwayId()).expect(200).json();
            assertThat(pathway.path("stage").asText()).as("stage of %s (%s)", b.pathwayId(), b.plan().stage())
                    .isEqualTo(b.plan().stage().apiStage);
            assertThat(pathway.path("homeIcs").asText()).isEqualTo(b.plan().ics());
            assertThat(pathway.path("flags").path("learningDisabilityOrAutism").asBoolean())
                    .isEqualTo(b.plan().learningDisabilityOrAutism());
            assertThat(pathway.path("flags").path("outOfArea").asBoolean()).isEqualTo(b.plan().outOfArea());
            if (b.plan().stage() == Stage.HOUSING_ESCALATION) {
                assertThat(clinician.get("/api/pathways/" + b.pathwayId() + "/housing").expect(200).json()
                        .path("escalationRunning").asBoolean()).as("housing escalation of %s", b.pathwayId()).isTrue();
            }
            reached.add(b.plan().stage());
        }
        assertThat(reached).containsExactlyInAnyOrder(Stage.values());
        assertThat(built).anyMatch(b -> b.plan().learningDisabilityOrAutism()).anyMatch(b -> b.plan().outOfArea());
    }

    private static void usersOfOneIcsSeeWorkOfThatIcsOnly(NationalLoad load, SizeResult result) {
        assertThat(result.tasksByGroup()).as("tasks of each group in %s", ICS).hasSize(6)
                .allSatisfy((group, count) -> assertThat(count).as(group).isPositive());
        List<Row> lists = result.measured().stream()
                .filter(r -> r.kind() == Kind.GROUP_LIST || r.kind() == Kind.FILTER_LIST).toList();
        assertThat(lists).filteredOn(r -> r.kind() == Kind.FILTER_LIST).extracting(Row::user)
                .as("every user has Tasklist filters").containsAll(LoadUsers.GROUPS.stream()
                        .map(g -> LoadUsers.userId(ICS, g)).toList());
        // a nurse's own ward: Tasklist's search for the ward shows that ward's tasks only (UserMeasurements checks
        // every task shown is on it)
        assertThat(lists).filteredOn(r -> r.measurement().endsWith("searched for one ward")).singleElement()
                .satisfies(r -> assertThat(r.samples()).isPositive());
        assertThat(lists).allSatisfy(r -> assertThat(r.icsSeen()).as("ICSs shown to %s by %s", r.user(), r.measurement())
                .isSubsetOf(ICS));
        assertThat(lists).filteredOn(r -> r.kind() == Kind.GROUP_LIST)
                .allSatisfy(r -> assertThat(r.icsSeen()).as(r.measurement()).containsExactly(ICS));

        Built other = load.built().stream().filter(b -> b.plan().ics().equals(OTHER_ICS) && b.plan().stage() == Stage.IN_STAY)
                .findFirst().orElseThrow();
        String byKey = "/engine-rest/task?processInstanceBusinessKey=" + other.pathwayId();
        assertThat(load.users().as(load.node(), OTHER_ICS, LoadUsers.WARD).get(byKey).expect(200).json())
                .as("its own ICS's clinician sees the pathway's tasks").isNotEmpty();
        assertThat(load.users().as(load.node(), ICS, LoadUsers.WARD).get(byKey).expect(200).json())
                .as("a clinician of %s sees no task of %s", ICS, OTHER_ICS).isEmpty();
        load.users().as(load.node(), ICS, LoadUsers.WARD).get("/api/pathways/" + other.pathwayId()).expect(404);
    }

    private static void eachTimerFiredOnce(Drain drain) {
        assertThat(drain).isNotNull();
        assertThat(drain.timers()).as("timers made due on %s", drain.nodes()).isEqualTo(12);
        assertThat(drain.finished()).as("all fired on %s", drain.nodes()).isTrue();
        assertThat(drain.firedOnce()).as("timers fired on %s", drain.nodes()).isEqualTo(drain.timers());
        assertThat(drain.firedTwiceOrMore()).as("timers fired more than once on %s", drain.nodes()).isZero();
        assertThat(drain.tasksOpened()).as("review tasks opened on %s", drain.nodes()).isEqualTo(drain.timers());
    }
}
