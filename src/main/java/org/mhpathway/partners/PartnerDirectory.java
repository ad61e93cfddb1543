package org.mhpathway.partners;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mhpathway.system.JdbcTimes;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** The directory of partner organisations, per ICS. */
@Repository
public class PartnerDirectory {

    private final JdbcClient jdbc;

    public PartnerDirectory(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Partner> find(String id) {
        return jdbc.sql("select * from partner where id = ?").param(id).query(PartnerDirectory::map).optional();
    }

    /** Partners, optionally of one ICS and one role, active ones only unless asked. */
    public List<Partner> list(String ics, PartnerRole role, boolean includeInactive) {
        return entries(ics, role, includeInactive).stream().map(Entry::partner).toList();
    }

    /** The person's GP practice, by its ODS code. */
    public Optional<Partner> gpPractice(String odsCode) {
        return jdbc.sql("select * from partner where role = ? and ods_code = ? and active order by id")
                .params(PartnerRole.GP_PRACTICE.code(), odsCode).query(PartnerDirectory::map).list().stream().findFirst();
    }

    /** The partner an ICS uses for a role unless a clinician chooses another: the first active one. */
    public Optional<Partner> defaultFor(String ics, PartnerRole role) {
        return jdbc.sql("select * from partner where ics = ? and role = ? and active order by id")
                .params(ics, role.code()).query(PartnerDirectory::map).list().stream().findFirst();
    }

    /** Adds or replaces a partner; a null {@code credentialHash} keeps the credential already held. */
    @Transactional
    public void save(Partner p, String credentialHash, Instant at) {
        var ts = at.atOffset(ZoneOffset.UTC);
        int updated = jdbc.sql("""
                update partner set name = :name, role = :role, ods_code = :ods, ics = :ics, webhook_url = :url,
                       signing_secret = :secret, email = :email, email_secure = :secure, active = :active,
                       credential_hash = coalesce(:hash, credential_hash), updated_at = :at
                 where id = :id""")
                .param("name", p.name()).param("role", p.role().code()).param("ods", p.odsCode()).param("ics", p.ics())
                .param("url", p.webhookUrl()).param("secret", p.signingSecret()).param("email", p.email())
                .param("secure", p.emailSecure()).param("active", p.active()).param("hash", credentialHash)
                .param("at", ts).param("id", p.id()).update();
        if (updated == 0) {
            jdbc.sql("""
                    insert into partner (id, name, role, ods_code, ics, webhook_url, signing_secret, email, email_secure,
                                         credential_hash, active, created_at, updated_at)
                    values (:id, :name, :role, :ods, :ics, :url, :secret, :email, :secure, :hash, :active, :at, :at)""")
                    .param("id", p.id()).param("name", p.name()).param("role", p.role().code()).param("ods", p.odsCode())
                    .param("ics", p.ics()).param("url", p.webhookUrl()).param("secret", p.signingSecret())
                    .param("email", p.email()).param("secure", p.emailSecure()).param("hash", credentialHash)
                    .param("active", p.active()).param("at", ts).update();
        }
    }

    /** The BCrypt hash of the partner's API credential, if it has one. */
    public Optional<String> credentialHash(String id) {
        return jdbc.sql("select credential_hash from partner where id = ? and active").param(id)
                .query(String.class).optional().filter(h -> h != null && !h.isBlank());
    }

    /** A partner as the administrators see it: whether it holds a credential, and when it was added and changed. */
    public Optional<Entry> entry(String id) {
        return jdbc.sql("select * from partner where id = ?").param(id).query(PartnerDirectory::mapEntry).optional();
    }

    /** {@link #list} with what the administrators see of each partner. */
    public List<Entry> entries(String ics, PartnerRole role, boolean includeInactive) {
        // conditions are added only for the filters given: PostgreSQL cannot type a bare "? is null"
        StringBuilder sql = new StringBuilder("select * from partner where 1 = 1");
        Map<String, Object> params = new HashMap<>();
        if (ics != null) {
            sql.append(" and ics = :ics");
            params.put("ics", ics);
        }
        if (role != null) {
            sql.append(" and role = :role");
            params.put("role", role.code());
        }
        if (!includeInactive) {
            sql.append(" and active");
        }
        return jdbc.sql(sql.append(" order by ics, role, id").toString()).params(params)
                .query(PartnerDirectory::mapEntry).list();
    }

    /** A directory entry: the partner, whether an API credential is held (never the hash itself), and its dates. */
    public record Entry(Partner partner, boolean hasCredential, Instant createdAt, Instant updatedAt) {
    }

    public long count() {
        return jdbc.sql("select count(*) from partner").query(Long.class).single();
    }

    private static Entry mapEntry(ResultSet rs, int row) throws SQLException {
        String hash = rs.getString("credential_hash");
        return new Entry(map(rs, row), hash != null && !hash.isBlank(), JdbcTimes.instant(rs, "created_at"), JdbcTimes.instant(rs, "updated_at"));
    }


    static Partner map(ResultSet rs, int row) throws SQLException {
        return new Partner(rs.getString("id"), rs.getString("name"), PartnerRole.fromCode(rs.getString("role")),
                rs.getString("ods_code"), rs.getString("ics"), rs.getString("webhook_url"),
                rs.getString("signing_secret"), rs.getString("email"), rs.getBoolean("email_secure"),
                rs.getBoolean("active"));
    }
}
