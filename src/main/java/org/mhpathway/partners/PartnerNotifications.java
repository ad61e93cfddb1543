package org.mhpathway.partners;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.mhpathway.system.JdbcTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The notices owed to partner agencies: one row per recipient role, addressed to the partner the care team
 * names for it, keyed so that a retried step records nothing twice. A notice with nobody to receive it is
 * kept as {@code undeliverable} with the reason, never dropped.
 */
@Repository
public class PartnerNotifications {

    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    public static final String FAILED = "failed";
    public static final String UNDELIVERABLE = "undeliverable";

    private final JdbcClient jdbc;
    private final CareTeam careTeam;
    private final PartnerDirectory directory;

    public PartnerNotifications(JdbcClient jdbc, CareTeam careTeam, PartnerDirectory directory) {
        this.jdbc = jdbc;
        this.careTeam = careTeam;
        this.directory = directory;
    }

    /** Records the notice for each role told, to the care team's partner in it; returns how many were new. */
    public int record(String pathwayId, NotificationEvent event, List<PartnerRole> roles, String stepKey, Instant at) {
        return record(pathwayId, event, roles, Map.of(), stepKey, at);
    }

    /**
     * Records the notice for each role told; returns how many were new.
     *
     * @param addressedTo for a role, the partner of the directory the step names (the housing authority the person
     *                    chose); the other roles go to the care team's partner
     */
    public int record(String pathwayId, NotificationEvent event, List<PartnerRole> roles,
                      Map<PartnerRole, String> addressedTo, String stepKey, Instant at) {
        int added = 0;
        for (PartnerRole role : roles) {
            String key = pathwayId + ":" + event.code() + ":" + stepKey + ":" + role.code();
            boolean known = jdbc.sql("select count(*) from partner_notification where idempotency_key = ?")
                    .param(key).query(Long.class).single() > 0;
            if (known) {
                continue;
            }
            String named = addressedTo.get(role);
            Optional<Partner> partner = named != null ? directory.find(named) : careTeam.member(pathwayId, role);
            String status = PENDING;
            String reason = null;
            if (partner.isEmpty()) {
                status = UNDELIVERABLE;
                reason = named != null ? "partner " + named + " is not in the directory"
                        : "no " + role.code() + " in the care team";
            } else if (!partner.get().hasChannel()) {
                status = UNDELIVERABLE;
                reason = "partner " + partner.get().id() + " has no webhook or e-mail address";
            }
            added += jdbc.sql("""
                    insert into partner_notification (pathway_id, event, recipient_role, partner_id, idempotency_key,
                                                      notification_key, recorded_at, status, last_error)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(pathwayId, event.code(), role.code(), partner.map(Partner::id).orElse(null), key,
                            UUID.randomUUID().toString(), at.atOffset(ZoneOffset.UTC), status, reason)
                    .update();
        }
        return added;
    }

    public List<PartnerNotification> forPathway(String pathwayId) {
        return jdbc.sql("select * from partner_notification where pathway_id = ? order by recorded_at, id")
                .param(pathwayId).query(PartnerNotifications::map).list();
    }

    /** The notices one step recorded that still wait for delivery. */
    public List<PartnerNotification> undelivered(String pathwayId, NotificationEvent event, String stepKey) {
        return jdbc.sql("""
                select * from partner_notification
                 where pathway_id = ? and event = ? and idempotency_key like ? and status in (?, ?)
                 order by id""")
                .params(pathwayId, event.code(), pathwayId + ":" + event.code() + ":" + stepKey + ":%", PENDING, FAILED)
                .query(PartnerNotifications::map).list();
    }

    public String pathwayOf(long id) {
        return jdbc.sql("select pathway_id from partner_notification where id = ?").param(id).query(String.class).single();
    }

    public Optional<PartnerNotification> find(long id) {
        return jdbc.sql("select * from partner_notification where id = ?").param(id)
                .query(PartnerNotifications::map).optional();
    }

    /** One notice owed to one partner, and how its delivery went. */
    public record PartnerNotification(long id, String event, String recipientRole, String partnerId,
                                      String notificationKey, Instant recordedAt, String status, int attempts,
                                      Instant lastAttemptAt, String lastError, Instant deliveredAt,
                                      Instant acknowledgedAt) {
    }


    private static PartnerNotification map(ResultSet rs, int row) throws SQLException {
        return new PartnerNotification(rs.getLong("id"), rs.getString("event"), rs.getString("recipient_role"),
                rs.getString("partner_id"), rs.getString("notification_key"), JdbcTimes.instant(rs, "recorded_at"),
                rs.getString("status"), rs.getInt("attempts"), JdbcTimes.instant(rs, "last_attempt_at"), rs.getString("last_error"),
                JdbcTimes.instant(rs, "delivered_at"), JdbcTimes.instant(rs, "acknowledged_at"));
    }
}
