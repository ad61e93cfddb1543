package org.mhpathway.operations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mhpathway.ApiTestUsers.anonymous;
import static org.mhpathway.ApiTestUsers.as;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.authorization.Groups;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.mhpathway.ApiTestUsers;
import org.mhpathway.ProcessTestCase;
import org.mhpathway.access.Roles;
import org.mhpathway.sla.Sla;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.web.servlet.MockMvc;

/**
 * What an operator watches (docs/operations.md, "What to watch"): the figures as Prometheus text for administrators
 * only, and the liveness and readiness probes a load balancer or orchestrator asks without a login.
 */
class MetricsApiTest extends ProcessTestCase {

    static final String ADMIN = "metricsadmin";
    static final String NURSE = "metricsnurse";
    static final String PASSWORD = "metrics-test-password-1";

    @Autowired MockMvc mvc;
    @Autowired IdentityService identity;
    @Autowired RuntimeService runtime;
    @Autowired ManagementService management;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void users() {
        ApiTestUsers.ensureUser(identity, ADMIN, PASSWORD, List.of(Groups.CAMUNDA_ADMIN), List.of());
        ApiTestUsers.ensureUser(identity, NURSE, PASSWORD, List.of(Roles.WARD_CLINICIANS), List.of("QT1"));
    }

    @Test
    void anAdministratorReadsTheFiguresToWatchAsPrometheusText() throws Exception {
        String pathwayId = refer("adult-acute", false);
        breach(pathwayId, "metrics-one");
        long unanswered = jdbc.sql("select count(*) from sla_breach where responded_at is null").query(Long.class).single();
        assertThat(unanswered).isPositive();

        String body = mvc.perform(get("/api/metrics").with(as(ADMIN, PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().contentTypeCompatibleWith(MediaType.TEXT_PLAIN))
                .andExpect(header().string("Cache-Control", "no-store"))
                .andReturn().getResponse().getContentAsString();

        assertThat(value(body, "mhpathway_deadlines_missed_unanswered")).isEqualTo(unanswered);
        assertThat(value(body, "mhpathway_incidents_open")).isEqualTo(runtime.createIncidentQuery().count());
        assertThat(value(body, "mhpathway_jobs_due")).isEqualTo(management.createJobQuery().executable().count());
        assertThat(value(body, "mhpathway_jobs_failed")).isEqualTo(management.createJobQuery().withException().count());
        for (String state : List.of("pending", "failed", "undeliverable")) {
            long held = jdbc.sql("select count(*) from partner_notification where status = ?").param(state)
                    .query(Long.class).single();
            assertThat(value(body, "mhpathway_partner_notices{state=\"" + state + "\"}")).as(state).isEqualTo(held);
        }
        // the framework's own: the JVM and the connection pool
        assertThat(body).contains("jvm_memory_used_bytes", "hikaricp_connections_active");
        assertThat(body).as("no patient in the figures").doesNotContain(pathwayId);
    }

    @Test
    void theFiguresAreReadAtMostOnceEveryFifteenSecondsHoweverOftenTheyAreAsked() {
        MovableClock clock = new MovableClock(Instant.parse("2027-03-01T09:00:00Z"));
        OperationsMetrics metrics = new OperationsMetrics(runtime, management, jdbc, clock);
        long before = metrics.read().missedUnanswered();

        breach(refer("adult-acute", false), "metrics-two");
        clock.advance(OperationsMetrics.FRESH_FOR.minusSeconds(1));
        assertThat(metrics.read().missedUnanswered()).as("still the figures read 14 s ago").isEqualTo(before);

        clock.advance(Duration.ofSeconds(1));
        assertThat(metrics.read().missedUnanswered()).isEqualTo(before + 1);
    }

    @Test
    void onlyAnAdministratorMayReadTheFigures() throws Exception {
        mvc.perform(get("/api/metrics").with(as(NURSE, PASSWORD)))
                .andExpect(status().isForbidden())
                .andExpect(content().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON));
        mvc.perform(get("/api/metrics").with(anonymous()))
                .andExpect(status().isUnauthorized())
                .andExpect(header().exists("WWW-Authenticate"));
    }

    @Test
    void livenessAndReadinessAnswerWithoutALoginAndWithoutDetails() throws Exception {
        for (String probe : List.of("liveness", "readiness")) {
            mvc.perform(get("/actuator/health/" + probe))
                    .andExpect(status().isOk())
                    .andExpect(jsonPath("$.status").value("UP"))
                    .andExpect(jsonPath("$.components").doesNotExist());
        }
    }

    private void breach(String pathwayId, String code) {
        breaches.record(pathwayId, new Sla(code, "A deadline of the metrics test", null, "PT1H", null, "managers"),
                Instant.parse("2027-03-01T08:00:00Z"), Instant.parse("2027-03-01T09:00:00Z"));
    }

    private static long value(String body, String series) {
        Matcher line = Pattern.compile("(?m)^" + Pattern.quote(series) + " (\\S+)$").matcher(body);
        assertThat(line.find()).as(series + " in\n" + body).isTrue();
        return (long) Double.parseDouble(line.group(1));
    }

    private static final class MovableClock extends Clock {
        private Instant now;

        MovableClock(Instant now) {
            this.now = now;
        }

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
