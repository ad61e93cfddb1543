package org.mhpathway.partners;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
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

    public void assign(String pathwayId, PartnerRole role, String partnerId, Instant at) {
        jdbc.sql("delete from care_team_member where pathway_id = ? and role = ?").params(pathwayId, role.code()).update();
        jdbc.sql("insert into care_team_member (pathway_id, role, partner_id, assigned_at) values (?, ?, ?, ?)")
                .params(pathwayId, role.code(), partnerId, at.atOffset(ZoneOffset.UTC)).update();
    }

    public void remove(String pathwayId, PartnerRole role) {
        jdbc.sql("delete from care_team_member where pathway_id = ? and role = ?").params(pathwayId, role.code()).update();
    }

    public Map<PartnerRole, Partner> members(String pathwayId) {
        Map<PartnerRole, Partner> team = new EnumMap<>(PartnerRole.class);
        jdbc.sql("""
                select p.* from care_team_member c join partner p on p.id = c.partner_id
                 where c.pathway_id = ? order by c.role""")
                .param(pathwayId).query(PartnerDirectory::map).list().forEach(p -> team.put(p.role(), p));
        return team;
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
