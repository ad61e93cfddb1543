package org.mhpathway.partners;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * Which partner plays which role for one person: their GP practice from the referral, and the ICS's community
 * mental health team, crisis team, local authority, housing authority, advocacy and commissioner unless a
 * clinician chooses others.
 */
@Repository
public class CareTeam {

    private final JdbcClient jdbc;
    private final PartnerDirectory directory;

    public CareTeam(JdbcClient jdbc, PartnerDirectory directory) {
        this.jdbc = jdbc;
        this.directory = directory;
    }

    /** Sets the care team of a new pathway from the directory; roles the ICS has no partner for stay empty. */
    public void assignDefaults(String pathwayId, String ics, String gpPracticeCode, Instant at) {
        for (PartnerRole role : PartnerRole.values()) {
            Optional<Partner> partner = role == PartnerRole.GP_PRACTICE
                    ? directory.gpPractice(gpPracticeCode)
                    : directory.defaultFor(ics, role);
            partner.ifPresent(p -> assign(pathwayId, role, p.id(), at));
        }
    }

    /** Sets who plays the role: replaces the partner already in it, or adds one. */
    public void assign(String pathwayId, PartnerRole role, String partnerId, Instant at) {
        if (replace(pathwayId, role, partnerId, at) > 0) {
            return;
        }
        try {
            jdbc.sql("insert into care_team_member (pathway_id, role, partner_id, assigned_at) values (?, ?, ?, ?)")
                    .params(pathwayId, role.code(), partnerId, at.atOffset(ZoneOffset.UTC)).update();
        } catch (org.springframework.dao.DuplicateKeyException setMeanwhile) {
            // another request added the role first; outside a transaction this one then replaces it
            replace(pathwayId, role, partnerId, at);
        }
    }

    private int replace(String pathwayId, PartnerRole role, String partnerId, Instant at) {
        return jdbc.sql("update care_team_member set partner_id = ?, assigned_at = ? where pathway_id = ? and role = ?")
                .params(partnerId, at.atOffset(ZoneOffset.UTC), pathwayId, role.code()).update();
    }

    public void remove(String pathwayId, PartnerRole role) {
        jdbc.sql("delete from care_team_member where pathway_id = ? and role = ?").params(pathwayId, role.code()).update();
    }

    /** Keyed by the role recorded for this person, which is the role the partner was assigned to play. */
    public Map<PartnerRole, Partner> members(String pathwayId) {
        Map<PartnerRole, Partner> team = new EnumMap<>(PartnerRole.class);
        list(pathwayId).forEach(m -> team.put(m.role(), m.partner()));
        return team;
    }

    /** The care team in role order, with when each partner was assigned. */
    public List<Member> list(String pathwayId) {
        List<Member> team = new ArrayList<>(jdbc.sql("""
                select c.role as care_team_role, c.assigned_at, p.* from care_team_member c
                  join partner p on p.id = c.partner_id
                 where c.pathway_id = ?""")
                .param(pathwayId).query((rs, row) -> new Member(PartnerRole.fromCode(rs.getString("care_team_role")),
                        PartnerDirectory.map(rs, row), rs.getObject("assigned_at", OffsetDateTime.class).toInstant()))
                .list());
        team.sort(Comparator.comparing(Member::role));
        return team;
    }

    /** How many care team places the partner holds or has held, on any pathway. */
    public long placesHeldBy(String partnerId) {
        return jdbc.sql("select count(*) from care_team_member where partner_id = ?").param(partnerId)
                .query(Long.class).single();
    }

    /** One place in a care team: the role, the partner playing it and since when. */
    public record Member(PartnerRole role, Partner partner, Instant assignedAt) {
    }

    public Optional<Partner> member(String pathwayId, PartnerRole role) {
        return Optional.ofNullable(members(pathwayId).get(role));
    }

    /** Whether the partner plays any role in this person's care. */
    public boolean includes(String pathwayId, String partnerId) {
        return jdbc.sql("select count(*) from care_team_member where pathway_id = ? and partner_id = ?")
                .params(pathwayId, partnerId).query(Long.class).single() > 0;
    }
}
