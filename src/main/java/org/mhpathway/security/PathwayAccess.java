package org.mhpathway.security;

import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The facts about a pathway that decide who may see it: its ICS, and whether an escalation stands behind it. */
@Component
public class PathwayAccess {

    private final JdbcClient jdbc;

    public PathwayAccess(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The ICS the pathway belongs to (the referring ICS), or empty when there is no such pathway. */
    public Optional<String> icsOf(String pathwayId) {
        return jdbc.sql("select home_ics from pathway where pathway_id = ?").param(pathwayId).query(String.class)
                .optional();
    }

    /**
     * True when the pathway has, or had, a delayed discharge, a housing case or a multi-agency discharge event: the
     * work of the discharge hub and housing.
     */
    public boolean behindEscalation(String pathwayId) {
        return jdbc.sql("""
                select case when exists (select 1 from delay_period where pathway_id = :id)
                              or exists (select 1 from housing_case where pathway_id = :id)
                              or exists (select 1 from made_event where pathway_id = :id)
                            then 1 else 0 end
                """).param("id", pathwayId).query(Integer.class).single() == 1;
    }
}
