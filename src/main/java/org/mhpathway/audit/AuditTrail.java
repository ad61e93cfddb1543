package org.mhpathway.audit;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.mhpathway.audit.AuditEntry.Action;
import org.mhpathway.audit.AuditEntry.Surface;
import org.mhpathway.system.JdbcTimes;
import org.springframework.jdbc.core.BatchPreparedStatementSetter;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The {@code access_audit} table: written by the recorders of each surface, read by administrators, pruned daily. */
@Component
public class AuditTrail {

    static final int USER_ID_LENGTH = 64;
    static final int PATHWAY_ID_LENGTH = 64;
    static final int WHAT_LENGTH = 200;

    private final JdbcTemplate jdbc;
    private final JdbcClient client;

    public AuditTrail(JdbcTemplate jdbc, JdbcClient client) {
        this.jdbc = jdbc;
        this.client = client;
    }

    /**
     * One row per pathway (duplicates written once), all with the same time; with no pathway at all, one row
     * without pathway when {@code evenWithoutPathway}, else nothing.
     */
    public void record(String userId, Collection<String> pathwayIds, boolean evenWithoutPathway, Action action,
                       Surface surface, String what, int outcome) {
        List<String> rows = new ArrayList<>(new java.util.LinkedHashSet<>(pathwayIds));
        if (rows.isEmpty()) {
            if (!evenWithoutPathway) {
                return;
            }
            rows.add(null);
        }
        var at = JdbcTimes.utc(Instant.now());
        String user = clip(userId, USER_ID_LENGTH);
        String shown = clip(what, WHAT_LENGTH);
        jdbc.batchUpdate("""
                insert into access_audit (at, user_id, pathway_id, action, surface, what, outcome)
                values (?, ?, ?, ?, ?, ?, ?)
                """, new BatchPreparedStatementSetter() {
            @Override
            public void setValues(PreparedStatement ps, int i) throws SQLException {
                ps.setObject(1, at);
                ps.setString(2, user);
                String pathwayId = rows.get(i);
                if (pathwayId == null) {
                    ps.setNull(3, Types.VARCHAR);
                } else {
                    ps.setString(3, clip(pathwayId, PATHWAY_ID_LENGTH));
                }
                ps.setString(4, action.name());
                ps.setString(5, surface.code());
                ps.setString(6, shown);
                ps.setInt(7, outcome);
            }

            @Override
            public int getBatchSize() {
                return rows.size();
            }
        });
    }

    public void record(String userId, String pathwayId, Action action, Surface surface, String what, int outcome) {
        record(userId, pathwayId == null ? List.of() : List.of(pathwayId), false, action, surface, what, outcome);
    }

    /** Newest first; every filter optional ({@code from} inclusive, {@code to} exclusive). */
    public List<AuditEntry> find(String pathwayId, String userId, Instant from, Instant to, int limit) {
        StringBuilder sql = new StringBuilder("""
                select id, at, user_id, pathway_id, action, surface, what, outcome from access_audit where 1 = 1""");
        Map<String, Object> params = new LinkedHashMap<>();
        if (pathwayId != null) {
            sql.append(" and pathway_id = :pathwayId");
            params.put("pathwayId", pathwayId);
        }
        if (userId != null) {
            sql.append(" and user_id = :userId");
            params.put("userId", userId);
        }
        if (from != null) {
            sql.append(" and at >= :from");
            params.put("from", JdbcTimes.utc(from));
        }
        if (to != null) {
            sql.append(" and at < :to");
            params.put("to", JdbcTimes.utc(to));
        }
        sql.append(" order by at desc, id desc fetch first ").append(limit).append(" rows only");
        return client.sql(sql.toString()).params(params).query((rs, n) -> new AuditEntry(rs.getLong("id"),
                JdbcTimes.instant(rs, "at"), rs.getString("user_id"), rs.getString("pathway_id"),
                Action.valueOf(rs.getString("action")), Surface.ofCode(rs.getString("surface")), rs.getString("what"),
                rs.getInt("outcome"))).list();
    }

    /**
     * Deletes the entries from before {@code cutoff}, at most {@code batchSize} per statement, until none is left;
     * safe to run on several nodes at once. Returns how many this call deleted.
     */
    public int deleteBefore(Instant cutoff, int batchSize) {
        int total = 0;
        while (true) {
            int deleted = client.sql("""
                    delete from access_audit where id in
                      (select id from access_audit where at < :cutoff order by id fetch first %d rows only)
                    """.formatted(batchSize)).param("cutoff", JdbcTimes.utc(cutoff)).update();
            total += deleted;
            if (deleted < batchSize) {
                return total;
            }
        }
    }

    /** Printable and at most {@code max} characters: whatever a client sent, no line breaks or control characters. */
    static String clip(String value, int max) {
        if (value == null) {
            return null;
        }
        String shown = value.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > max ? shown.substring(0, max) : shown;
    }
}
