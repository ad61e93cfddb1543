package org.mhpathway.carers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.mhpathway.system.JdbcTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * What each carer was sent of the 48 hours' notice and the discharge ({@code carer_notice}): one row per carer per
 * notice, keyed so that a retried step records nothing twice. A carer without the person's consent, or without an
 * e-mail address, is kept with the reason and sent nothing; a message still waiting when consent is withdrawn is
 * withheld.
 */
@Repository
class CarerNotices {

    /** Waiting to be e-mailed. */
    public static final String PENDING = "pending";
    public static final String DELIVERED = "delivered";
    /** The mail server refused it; retried on the back-off cycle. */
    public static final String FAILED = "failed";
    /** The person does not consent to sharing with this carer: nothing is sent. */
    public static final String NO_CONSENT = "no-consent";
    /** The carer has no e-mail address: the ward tells them by telephone, as the 48 hours' notice task asks. */
    public static final String BY_PHONE = "by-phone";
    /** It was waiting when consent was withdrawn or the person died: it is never sent. */
    public static final String WITHHELD = "withheld";

    static final String NOT_CONSENTED = "the person does not consent to sharing with this carer";
    static final String NO_EMAIL = "no e-mail address: the ward tells the carer by telephone";
    static final String CONSENT_WITHDRAWN = "consent withdrawn before it was sent";
    static final String PERSON_DIED = "the person died before it was sent";

    private static final int ERROR_LENGTH = 1000;

    private final JdbcClient jdbc;

    public CarerNotices(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /**
     * Records the notice for each of the pathway's carers, once per step however often the step runs, and returns
     * those of this step still to e-mail.
     *
     * @param stepKey     identifies the step's run within the pathway
     * @param dischargeAt the planned discharge (48 hours' notice) or the discharge the message gives
     * @param contact     who the carer should contact, as the ward gave it; null for the ward itself
     */
    public List<CarerNotice> record(String pathwayId, String event, String stepKey, Instant dischargeAt, String contact,
                                    List<Carer> carers, Instant at) {
        for (Carer carer : carers) {
            String key = pathwayId + ":" + event + ":" + stepKey + ":carer:" + carer.id();
            boolean known = jdbc.sql("select count(*) from carer_notice where idempotency_key = ?").param(key)
                    .query(Long.class).single() > 0;
            if (known) {
                continue;
            }
            String status = !carer.consentToShare() ? NO_CONSENT : carer.hasEmail() ? PENDING : BY_PHONE;
            String reason = switch (status) {
                case NO_CONSENT -> NOT_CONSENTED;
                case BY_PHONE -> NO_EMAIL;
                default -> null;
            };
            jdbc.sql("""
                    insert into carer_notice (pathway_id, carer_id, event, idempotency_key, recorded_at, discharge_at,
                                              contact, status, last_error)
                    values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                    .params(pathwayId, carer.id(), event, key, JdbcTimes.utc(at), JdbcTimes.utc(dischargeAt),
                            clip(contact, 200), status, reason)
                    .update();
        }
        return jdbc.sql("""
                select * from carer_notice
                 where pathway_id = ? and event = ? and idempotency_key like ? and status in (?, ?)
                 order by id""")
                .params(pathwayId, event, pathwayId + ":" + event + ":" + stepKey + ":carer:%", PENDING, FAILED)
                .query(CarerNotices::map).list();
    }

    public Optional<CarerNotice> find(long id) {
        return jdbc.sql("select * from carer_notice where id = ?").param(id).query(CarerNotices::map).optional();
    }

    public List<CarerNotice> forPathway(String pathwayId) {
        return jdbc.sql("select * from carer_notice where pathway_id = ? order by recorded_at, id").param(pathwayId)
                .query(CarerNotices::map).list();
    }

    void delivered(long id, Instant at) {
        jdbc.sql("""
                update carer_notice set status = ?, attempts = attempts + 1, last_attempt_at = ?, delivered_at = ?,
                       last_error = null
                 where id = ?""")
                .params(DELIVERED, JdbcTimes.utc(at), JdbcTimes.utc(at), id).update();
    }

    /** {@code error} names what failed, never the carer's address. */
    void failed(long id, Instant at, String error) {
        jdbc.sql("update carer_notice set status = ?, attempts = attempts + 1, last_attempt_at = ?, last_error = ? where id = ?")
                .params(FAILED, JdbcTimes.utc(at), clip(error, ERROR_LENGTH), id).update();
    }

    /** Never to be sent, for the reason given; also when the carer no longer has an e-mail address. */
    void notSent(long id, String status, String reason) {
        jdbc.sql("update carer_notice set status = ?, last_error = ? where id = ?").params(status, reason, id).update();
    }

    /** Every message to the carer still waiting to go (not yet sent, or failed and due a retry) is withheld. */
    int withholdWaiting(long carerId, String reason) {
        return jdbc.sql("update carer_notice set status = ?, last_error = ? where carer_id = ? and status in (?, ?)")
                .params(WITHHELD, reason, carerId, PENDING, FAILED).update();
    }

    /** One notice to one carer, and how it went. */
    public record CarerNotice(long id, String pathwayId, long carerId, String event, Instant recordedAt,
                              Instant dischargeAt, String contact, String status, int attempts, Instant lastAttemptAt,
                              String lastError, Instant deliveredAt) {

        boolean waiting() {
            return PENDING.equals(status) || FAILED.equals(status);
        }
    }

    private static CarerNotice map(ResultSet rs, int row) throws SQLException {
        return new CarerNotice(rs.getLong("id"), rs.getString("pathway_id"), rs.getLong("carer_id"),
                rs.getString("event"), JdbcTimes.instant(rs, "recorded_at"), JdbcTimes.instant(rs, "discharge_at"),
                rs.getString("contact"), rs.getString("status"), rs.getInt("attempts"),
                JdbcTimes.instant(rs, "last_attempt_at"), rs.getString("last_error"),
                JdbcTimes.instant(rs, "delivered_at"));
    }

    private static String clip(String text, int max) {
        return text == null || text.length() <= max ? text : text.substring(0, max - 1) + "…";
    }
}
