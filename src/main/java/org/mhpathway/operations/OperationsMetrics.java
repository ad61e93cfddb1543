package org.mhpathway.operations;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.RuntimeService;
import org.mhpathway.partners.PartnerNotifications;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The figures {@code docs/operations.md} tells an operator to watch, as gauges: open incidents, jobs due, failed jobs
 * waiting for a retry, missed deadlines nobody has answered yet, and partner notices by delivery state. They are read
 * together, at most once every {@link #FRESH_FOR}, however often and by however many scrapers they are asked for: a
 * node's scrapes cost at most five count queries every 15 seconds.
 */
@Component
class OperationsMetrics implements MeterBinder {

    static final Duration FRESH_FOR = Duration.ofSeconds(15);
    private static final String[] NOTICE_STATES = {
            PartnerNotifications.PENDING, PartnerNotifications.FAILED, PartnerNotifications.UNDELIVERABLE};

    private final RuntimeService runtime;
    private final ManagementService management;
    private final JdbcClient jdbc;
    private final Clock clock;
    private Figures figures;

    @org.springframework.beans.factory.annotation.Autowired
    OperationsMetrics(RuntimeService runtime, ManagementService management, JdbcClient jdbc) {
        this(runtime, management, jdbc, Clock.systemUTC());
    }

    OperationsMetrics(RuntimeService runtime, ManagementService management, JdbcClient jdbc, Clock clock) {
        this.runtime = runtime;
        this.management = management;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        gauge(registry, "mhpathway.incidents.open", "Open incidents: a step that failed through every retry",
                Figures::incidents);
        gauge(registry, "mhpathway.jobs.due", "Jobs due now and not yet run (timers, asynchronous steps, deliveries)",
                Figures::jobsDue);
        gauge(registry, "mhpathway.jobs.failed", "Jobs that failed and wait for a retry or an operator",
                Figures::jobsFailed);
        gauge(registry, "mhpathway.deadlines.missed.unanswered", "Missed deadlines no one has responded to yet",
                Figures::missedUnanswered);
        for (String state : NOTICE_STATES) {
            Gauge.builder("mhpathway.partner.notices", this, m -> m.read().notices().getOrDefault(state, 0L))
                    .description("Partner notices not delivered, by state").tag("state", state)
                    .strongReference(true).register(registry);
        }
    }

    private void gauge(MeterRegistry registry, String name, String description, ToDoubleFunction<Figures> figure) {
        Gauge.builder(name, this, m -> figure.applyAsDouble(m.read())).description(description)
                .strongReference(true).register(registry);
    }

    synchronized Figures read() {
        Instant now = clock.instant();
        if (figures == null || !now.isBefore(figures.readAt().plus(FRESH_FOR))) {
            figures = new Figures(now,
                    runtime.createIncidentQuery().count(),
                    management.createJobQuery().executable().count(),
                    management.createJobQuery().withException().count(),
                    jdbc.sql("select count(*) from sla_breach where responded_at is null").query(Long.class).single(),
                    notices());
        }
        return figures;
    }

    private Map<String, Long> notices() {
        Map<String, Long> counts = new java.util.HashMap<>();
        jdbc.sql("select status, count(*) from partner_notification where status in (:states) group by status")
                .param("states", java.util.List.of(NOTICE_STATES))
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getLong(2))).list()
                .forEach(e -> counts.put(e.getKey(), e.getValue()));
        return counts;
    }

    record Figures(Instant readAt, long incidents, long jobsDue, long jobsFailed, long missedUnanswered,
                   Map<String, Long> notices) {
    }
}
