package org.mhpathway.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.mhpathway.ApiTestUsers;
import org.mhpathway.MhPathwayApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Issue 13, item 4: at the demo's first start every indicator of every ICS has a value that is not trivial, because
 * the earlier patients ({@link DemoHistory}) were walked through the models at their past dates. Read as the demo's
 * manager reads them, over {@code GET /api/indicators}, for the last 110 days. Each figure is explained by the
 * patients in {@link DemoHistory}'s list.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DemoHistoryTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();
    private ConfigurableApplicationContext demo;
    private int port;

    @BeforeAll
    void theDemoStartsOnAnEmptyDatabase() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        demo = new SpringApplicationBuilder(MhPathwayApplication.class).profiles("demo")
                .run("--server.port=" + port, "--spring.datasource.url=jdbc:h2:mem:demo-history;DB_CLOSE_DELAY=-1",
                        "--mhpathway.partners.source-endpoint=http://localhost:" + port,
                        "--camunda.bpm.job-execution.enabled=false",
                        "--camunda.bpm.process-engine-name=demohistory");
    }

    @AfterAll
    void stop() {
        if (demo != null) {
            demo.close();
        }
    }

    @Test
    void everyIcsHasEveryIndicatorFromItsEarlierPatients() throws Exception {
        for (String ics : List.of("QJ2", "QT1", "QHG")) {
            JsonNode figures = wholePeriod(ics);
            // patients 1, 2, 3, 4, 7: discharged in the period; 7 went to another hospital except in QT1
            JsonNode followUp = figures.get("followUpWithin72Hours");
            assertThat(followUp.get("denominator").asInt()).as(ics + " follow-ups counted").isGreaterThanOrEqualTo(3);
            assertThat(followUp.get("numerator").asInt()).as(ics + " follow-ups on time").isPositive();
            // patient 2 followed up on the fourth day, except in Derby and Derbyshire
            if (!"QJ2".equals(ics)) {
                assertThat(followUp.get("numerator").asInt()).as(ics + " a late follow-up")
                        .isLessThan(followUp.get("denominator").asInt());
            }
            JsonNode delays = figures.get("delayedDischarges");
            assertThat(delays.get("numerator").asInt()).as(ics + " open delays (patient 8)").isGreaterThanOrEqualTo(1);
            assertThat(delays.get("startedInPeriod").asInt()).as(ics + " delays begun (patients 2 and 8)")
                    .isGreaterThanOrEqualTo(2);
            assertThat(delays.get("bedDaysLost").asDouble()).as(ics + " bed days lost").isGreaterThan(20);
            assertThat(delays.at("/byReason/housing/bedDaysLost").asDouble()).isGreaterThan(10);
            assertThat(delays.at("/byReason/funding/open").asInt()).isEqualTo(1);
            JsonNode away = figures.get("outOfAreaPlacements");
            assertThat(away.get("startedInPeriod").asInt()).as(ics + " out-of-area placements (patient 3)")
                    .isGreaterThanOrEqualTo(1);
            assertThat(away.get("bedDaysOutOfArea").asDouble()).isGreaterThan(10);
            assertThat(away.get("numerator").asInt()).as(ics + " still out of area (sample patient 3 and past patient 3 in QHG)").isEqualTo("QHG".equals(ics) ? 2 : 0);
            assertThat(figures.at("/longStays/olderAdultsOver90Days").asInt()).as(ics + " patient 6").isEqualTo(1);
            assertThat(figures.get("learningDisabilityAndAutismInpatients").get("numerator").asInt())
                    .as(ics + " patient 5").isGreaterThanOrEqualTo(1);
            assertThat(figures.get("cetrOnTime").get("numerator").asInt()).as(ics + " patient 5's C(E)TR on day 20")
                    .isGreaterThanOrEqualTo(1);
            JsonNode visits = figures.get("oversightVisitsOnTime");
            assertThat(visits.get("denominator").asInt()).as(ics + " patient 5's oversight visit due").isEqualTo(1);
            assertThat(visits.get("numerator").asInt()).as(ics + " held on time, except in BLMK")
                    .isEqualTo("QHG".equals(ics) ? 0 : 1);
            JsonNode keyStage1 = figures.get("keyStage1Within72Hours");
            assertThat(keyStage1.get("numerator").asInt()).as(ics + " Key Stage 1 on time").isPositive()
                    .isLessThan(keyStage1.get("denominator").asInt());
            JsonNode gp = figures.get("gpSummaryWithin7Days");
            assertThat(gp.get("numerator").asInt()).as(ics + " GP summary late for patient 2")
                    .isLessThan(gp.get("denominator").asInt());
            assertThat(figures.get("readmissionsWithin30Days").get("numerator").asInt()).as(ics + " patient 4")
                    .isGreaterThanOrEqualTo(1);
            assertThat(figures.get("dischargeNoticeGiven48Hours").get("numerator").asInt()).isPositive();
            assertThat(figures.get("deadlines").get("breached").asInt()).as(ics + " missed deadlines").isPositive();
            assertThat(figures.get("deadlines").get("running").asInt()).isPositive();
            System.out.printf("demo history %s: %s%n", ics, summary(figures));
        }
    }

    /** The every-ward cell of the whole period. */
    private JsonNode wholePeriod(String ics) throws Exception {
        LocalDate today = LocalDate.now(ZoneId.of("Europe/London"));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                        + "/api/indicators?ics=" + ics + "&from=" + today.minusDays(110) + "&to=" + today))
                .header("Accept", "application/json").header("Authorization", ApiTestUsers.basic("manager", "manager"))
                .build(), BodyHandlers.ofString());
        assertThat(answer.statusCode()).as(answer.body()).isEqualTo(200);
        for (JsonNode cell : json.readTree(answer.body()).get("results")) {
            if (cell.get("ward").isNull() && cell.get("month").isNull()) {
                return cell.get("indicators");
            }
        }
        throw new AssertionError("no whole-period cell for " + ics + ": " + answer.body());
    }

    private static String summary(JsonNode figures) {
        StringBuilder line = new StringBuilder();
        figures.fieldNames().forEachRemaining(name -> {
            JsonNode f = figures.get(name);
            line.append(name).append(' ').append(f.get("numerator")).append('/').append(f.get("denominator"))
                    .append("; ");
        });
        return line.toString();
    }
}
