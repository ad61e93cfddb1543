package org.mhpathway.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How long the audit trail is kept and when it is pruned.
 *
 * @param retention  entries older than this are deleted: the history time-to-live of the process models (P365D)
 * @param cleanupCron when the daily deletion runs, in {@code zone}: inside the engine's history cleanup window
 *                   (01:00 to 05:00)
 * @param zone       the zone of {@code cleanupCron}
 * @param batchSize  rows deleted per statement, so that no deletion holds many locks for long
 */
@ConfigurationProperties("mhpathway.audit")
public record AuditProperties(@DefaultValue("P365D") Duration retention,
                              @DefaultValue("0 20 1 * * *") String cleanupCron,
                              @DefaultValue("Europe/London") String zone,
                              @DefaultValue("1000") int batchSize) {
}
