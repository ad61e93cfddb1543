package org.mhpathway.partners;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mhpathway.partners.DeliveryChannel.Outcome;
import org.mhpathway.system.JdbcTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The delivery record of partner notices: every attempt by every channel ({@code delivery_attempt}) and each
 * notice's status, attempt count and last error ({@code partner_notification}).
 */
@Repository
class DeliveryRecord {

    private static final int ERROR_LENGTH = 1000;

    private final JdbcClient jdbc;

    public DeliveryRecord(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void attempt(long notificationId, String channel, Instant at, Outcome outcome) {
        jdbc.sql("""
                insert into delivery_attempt (notification_id, channel, attempted_at, succeeded, http_status, error)
                values (?, ?, ?, ?, ?, ?)""")
                .params(notificationId, channel, JdbcTimes.utc(at), outcome.succeeded(), outcome.httpStatus(), clip(outcome.error()))
                .update();
    }

    /** The channels that already carried this notice: a retry does not send by them again. */
    Set<String> succeededChannels(long notificationId) {
        return new HashSet<>(jdbc.sql("select distinct channel from delivery_attempt where notification_id = ? and succeeded")
                .param(notificationId).query(String.class).list());
    }

    void delivered(long notificationId, Instant at) {
        jdbc.sql("""
                update partner_notification
                   set status = ?, attempts = attempts + 1, last_attempt_at = ?, delivered_at = ?, last_error = null
                 where id = ?""")
                .params(PartnerNotifications.DELIVERED, JdbcTimes.utc(at), JdbcTimes.utc(at), notificationId).update();
    }

    void failed(long notificationId, Instant at, String error) {
        jdbc.sql("""
                update partner_notification set status = ?, attempts = attempts + 1, last_attempt_at = ?, last_error = ?
                 where id = ?""")
                .params(PartnerNotifications.FAILED, JdbcTimes.utc(at), clip(error), notificationId).update();
    }

    /** Nobody can receive the notice (the partner left the directory or has no channel): kept with the reason. */
    void undeliverable(long notificationId, String reason) {
        jdbc.sql("update partner_notification set status = ?, last_error = ? where id = ?")
                .params(PartnerNotifications.UNDELIVERABLE, clip(reason), notificationId).update();
    }

    /** Every attempt for the pathway's notices, by notice id, oldest first. */
    public Map<Long, List<Attempt>> attemptsOfPathway(String pathwayId) {
        Map<Long, List<Attempt>> byNotice = new LinkedHashMap<>();
        jdbc.sql("""
                select a.* from delivery_attempt a join partner_notification n on n.id = a.notification_id
                 where n.pathway_id = ? order by a.attempted_at, a.id""")
                .param(pathwayId).query(DeliveryRecord::map).list()
                .forEach(a -> byNotice.computeIfAbsent(a.notificationId(), id -> new ArrayList<>()).add(a));
        return byNotice;
    }

    /** One try to deliver one notice by one channel. */
    public record Attempt(long notificationId, String channel, Instant attemptedAt, boolean succeeded,
                          Integer httpStatus, String error) {
    }

    private static Attempt map(ResultSet rs, int row) throws SQLException {
        OffsetDateTime at = rs.getObject("attempted_at", OffsetDateTime.class);
        return new Attempt(rs.getLong("notification_id"), rs.getString("channel"), at.toInstant(),
                rs.getBoolean("succeeded"), rs.getObject("http_status", Integer.class), rs.getString("error"));
    }


    private static String clip(String text) {
        return text == null || text.length() <= ERROR_LENGTH ? text : text.substring(0, ERROR_LENGTH - 1) + "…";
    }
}
