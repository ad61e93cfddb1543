package org.mhpathway.partners;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.mhpathway.system.JdbcTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The answers partner agencies send back (acknowledged, accepted, declined, completed), one row per partner and
 * message id, and the acknowledgement they put on the notice they answer.
 */
@Repository
class PartnerMessages {

    private static final String SELECT = """
            select m.*, n.notification_key from partner_message m
              left join partner_notification n on n.id = m.notification_id
            """;

    private final JdbcClient jdbc;

    public PartnerMessages(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The answer this partner sent under this message id, if it has sent one. */
    public Optional<PartnerMessage> find(String partnerId, String messageId) {
        return jdbc.sql(SELECT + " where m.partner_id = ? and m.message_key = ?").params(partnerId, messageId)
                .query(PartnerMessages::map).optional();
    }

    public List<PartnerMessage> forPathway(String pathwayId) {
        return jdbc.sql(SELECT + " where m.pathway_id = ? order by m.received_at, m.id").param(pathwayId)
                .query(PartnerMessages::map).list();
    }

    /**
     * Records an answer. The unique (partner, message id) makes a second copy fail with
     * {@link org.springframework.dao.DuplicateKeyException}, also when two arrive at the same moment.
     */
    public long record(String partnerId, String pathwayId, Long notificationId, String kind, String event,
                       String messageId, Instant occurredAt, Instant receivedAt, String note) {
        jdbc.sql("""
                insert into partner_message (partner_id, pathway_id, notification_id, kind, event, message_key,
                                             occurred_at, received_at, detail)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(partnerId, pathwayId, notificationId, kind, event, messageId, JdbcTimes.utc(occurredAt), JdbcTimes.utc(receivedAt), note)
                .update();
        return jdbc.sql("select id from partner_message where partner_id = ? and message_key = ?")
                .params(partnerId, messageId).query(Long.class).single();
    }

    /** What the service did with the answer: part of the result a repeated answer gets back. */
    public void setOutcome(long id, String outcome) {
        jdbc.sql("update partner_message set outcome = ? where id = ?").params(outcome, id).update();
    }

    /** The notice with this key, as the partner received it (its Idempotency-Key). */
    public Optional<Notice> notice(String notificationKey) {
        return jdbc.sql("""
                select n.id, n.pathway_id, n.event, n.recipient_role, n.partner_id, p.name as partner_name,
                       n.recorded_at, n.acknowledged_at
                  from partner_notification n left join partner p on p.id = n.partner_id
                 where n.notification_key = ?""")
                .param(notificationKey).query((rs, row) -> new Notice(rs.getLong("id"), rs.getString("pathway_id"),
                        rs.getString("event"), rs.getString("recipient_role"), rs.getString("partner_id"),
                        rs.getString("partner_name"), JdbcTimes.instant(rs, "recorded_at"), JdbcTimes.instant(rs, "acknowledged_at")))
                .optional();
    }

    /** Marks the notice acknowledged, once: a later acknowledgement keeps the first time. */
    public boolean acknowledge(long notificationId, Instant at) {
        return jdbc.sql("update partner_notification set acknowledged_at = ? where id = ? and acknowledged_at is null")
                .params(JdbcTimes.utc(at), notificationId).update() > 0;
    }

    /** One answer as recorded, and as it is returned to the partner who sent it. */
    public record PartnerMessage(long id, String messageId, String partnerId, String pathwayId, String kind,
                                 String event, String notificationKey, Instant occurredAt, Instant receivedAt,
                                 String note, String outcome) {
    }

    /** A notice an answer may refer to. */
    public record Notice(long id, String pathwayId, String event, String recipientRole, String partnerId,
                         String partnerName, Instant recordedAt, Instant acknowledgedAt) {
    }



    private static PartnerMessage map(ResultSet rs, int row) throws SQLException {
        return new PartnerMessage(rs.getLong("id"), rs.getString("message_key"), rs.getString("partner_id"),
                rs.getString("pathway_id"), rs.getString("kind"), rs.getString("event"),
                rs.getString("notification_key"), JdbcTimes.instant(rs, "occurred_at"), JdbcTimes.instant(rs, "received_at"),
                rs.getString("detail"), rs.getString("outcome"));
    }
}
