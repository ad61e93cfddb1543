package org.mhpathway.carers;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.mhpathway.system.JdbcTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * The person's chosen carers ({@code carer}) and every consent decision of the stay ({@code carer_consent}). A carer
 * is never deleted: their record, and what they were sent, is part of the pathway's history.
 */
@Repository
public class CarerRegister {

    private final JdbcClient jdbc;
    private final CarerNotices notices;

    public CarerRegister(JdbcClient jdbc, CarerNotices notices) {
        this.jdbc = jdbc;
        this.notices = notices;
    }

    /** Adds a carer with the person's first consent decision; returns the carer's id. */
    public long add(String pathwayId, CarerDetails details, Instant consentRecordedAt, String recordedBy, Instant at) {
        KeyHolder key = new GeneratedKeyHolder();
        jdbc.sql("""
                insert into carer (pathway_id, name, relationship, phone, email, consent_to_share, consent_recorded_at,
                                   recorded_at, updated_at)
                values (?, ?, ?, ?, ?, ?, ?, ?, ?)""")
                .params(pathwayId, details.name(), details.relationship(), details.phone(), details.email(),
                        details.consentToShare(), JdbcTimes.utc(consentRecordedAt), JdbcTimes.utc(at), JdbcTimes.utc(at))
                .update(key, "id");
        long id = key.getKey().longValue();
        consentHistory(id, details.consentToShare(), consentRecordedAt, recordedBy, at);
        return id;
    }

    /** The pathway's carers, in the order they were recorded. */
    public List<Carer> list(String pathwayId) {
        return jdbc.sql("select * from carer where pathway_id = ? order by recorded_at, id").param(pathwayId)
                .query(CarerRegister::map).list();
    }

    public Optional<Carer> find(String pathwayId, long carerId) {
        return jdbc.sql("select * from carer where pathway_id = ? and id = ?").params(pathwayId, carerId)
                .query(CarerRegister::map).optional();
    }

    public Optional<Carer> find(long carerId) {
        return jdbc.sql("select * from carer where id = ?").param(carerId).query(CarerRegister::map).optional();
    }

    /** Replaces who the carer is and how to reach them; consent is changed only by {@link #recordConsent}. */
    public void updateContact(long carerId, CarerDetails details, Instant at) {
        jdbc.sql("update carer set name = ?, relationship = ?, phone = ?, email = ?, updated_at = ? where id = ?")
                .params(details.name(), details.relationship(), details.phone(), details.email(), JdbcTimes.utc(at),
                        carerId)
                .update();
    }

    /**
     * Records the person's decision: it becomes the carer's consent, and is kept with the others. A withdrawal stops
     * every message to the carer still waiting to go (seed 004: carers are told with the person's consent).
     */
    public void recordConsent(long carerId, boolean consentToShare, Instant consentRecordedAt, String recordedBy,
                              Instant at) {
        jdbc.sql("update carer set consent_to_share = ?, consent_recorded_at = ?, updated_at = ? where id = ?")
                .params(consentToShare, JdbcTimes.utc(consentRecordedAt), JdbcTimes.utc(at), carerId).update();
        consentHistory(carerId, consentToShare, consentRecordedAt, recordedBy, at);
        if (!consentToShare) {
            notices.withholdWaiting(carerId, CarerNotices.CONSENT_WITHDRAWN);
        }
    }

    /** Every consent decision for the carer, as entered. */
    public List<ConsentDecision> consentHistory(long carerId) {
        return jdbc.sql("select * from carer_consent where carer_id = ? order by entered_at, id").param(carerId)
                .query((rs, row) -> new ConsentDecision(rs.getBoolean("consent_to_share"),
                        JdbcTimes.instant(rs, "consent_recorded_at"), rs.getString("recorded_by"),
                        JdbcTimes.instant(rs, "entered_at")))
                .list();
    }

    private void consentHistory(long carerId, boolean consentToShare, Instant consentRecordedAt, String recordedBy,
                                Instant at) {
        jdbc.sql("""
                insert into carer_consent (carer_id, consent_to_share, consent_recorded_at, recorded_by, entered_at)
                values (?, ?, ?, ?, ?)""")
                .params(carerId, consentToShare, JdbcTimes.utc(consentRecordedAt), recordedBy, JdbcTimes.utc(at))
                .update();
    }

    /** One decision of the person about sharing with a carer: given or withdrawn, when, and who entered it. */
    public record ConsentDecision(boolean consentToShare, Instant consentRecordedAt, String recordedBy,
                                  Instant enteredAt) {
    }

    private static Carer map(ResultSet rs, int row) throws SQLException {
        return new Carer(rs.getLong("id"), rs.getString("pathway_id"), rs.getString("name"),
                rs.getString("relationship"), rs.getString("phone"), rs.getString("email"),
                rs.getBoolean("consent_to_share"), JdbcTimes.instant(rs, "consent_recorded_at"),
                JdbcTimes.instant(rs, "recorded_at"), JdbcTimes.instant(rs, "updated_at"));
    }
}
