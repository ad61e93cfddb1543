package org.mhpathway.partners;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The notices owed to partner agencies: one row per recipient, keyed so that a retried step records nothing
 * twice. Rows start as {@code recorded}; delivery channels take them from here.
 */
@Repository
public class PartnerNotifications {

    public static final String RECORDED = "recorded";

    private final JdbcClient jdbc;

    public PartnerNotifications(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the notice for each recipient of the event; returns how many were new. */
    public int record(String pathwayId, NotificationEvent event, String stepKey, Instant at) {
        int added = 0;
        for (PartnerRole role : event.recipients()) {
            String key = pathwayId + ":" + event.code() + ":" + stepKey + ":" + role.code();
            boolean known = jdbc.sql("select count(*) from partner_notification where idempotency_key = ?")
                    .param(key).query(Long.class).single() > 0;
            if (!known) {
                added += jdbc.sql("""
                        insert into partner_notification (pathway_id, event, recipient_role, idempotency_key, recorded_at, status)
                        values (?, ?, ?, ?, ?, ?)""")
                        .params(pathwayId, event.code(), role.code(), key, at.atOffset(ZoneOffset.UTC), RECORDED)
                        .update();
            }
        }
        return added;
    }

    public List<PartnerNotification> forPathway(String pathwayId) {
        return jdbc.sql("select * from partner_notification where pathway_id = ? order by recorded_at, id")
                .param(pathwayId).query(PartnerNotifications::map).list();
    }

    /** A notice owed to one partner. */
    public record PartnerNotification(long id, String event, String recipientRole, Instant recordedAt, String status) {
    }

    private static PartnerNotification map(ResultSet rs, int row) throws SQLException {
        return new PartnerNotification(rs.getLong("id"), rs.getString("event"), rs.getString("recipient_role"),
                rs.getObject("recorded_at", OffsetDateTime.class).toInstant(), rs.getString("status"));
    }
}
