package org.mhpathway.audit;

import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes the audit entries older than the history time-to-live, daily inside the history cleanup window. Every node
 * runs it; deleting rows another node already deleted deletes nothing, so no lock is needed.
 */
@Component
class AuditRetention {

    private static final Logger log = LoggerFactory.getLogger(AuditRetention.class);

    private final AuditTrail trail;
    private final AuditProperties properties;

    AuditRetention(AuditTrail trail, AuditProperties properties) {
        this.trail = trail;
        this.properties = properties;
    }

    @Scheduled(cron = "${mhpathway.audit.cleanup-cron:0 20 1 * * *}", zone = "${mhpathway.audit.zone:Europe/London}")
    void daily() {
        try {
            deleteExpired(Instant.now());
        } catch (RuntimeException e) {
            log.error("Audit retention: could not delete the expired entries; tried again tomorrow: {}", e.toString());
        }
    }

    /** Deletes what had expired at {@code now}; returns how many rows. */
    int deleteExpired(Instant now) {
        Instant cutoff = now.minus(properties.retention());
        int deleted = trail.deleteBefore(cutoff, properties.batchSize());
        log.info("Audit retention: deleted {} entries from before {}", deleted, cutoff);
        return deleted;
    }
}
