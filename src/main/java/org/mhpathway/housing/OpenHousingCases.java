package org.mhpathway.housing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.mhpathway.delay.DelayedDischargeQuery;
import org.mhpathway.discharge.ActionsOwed;
import org.mhpathway.discharge.ActionsOwed.ActionOwed;
import org.mhpathway.access.Allowed;
import org.mhpathway.access.Caller;
import org.mhpathway.access.Roles;
import org.mhpathway.sla.EscalationLadders;
import org.mhpathway.sla.SlaPolicy;
import org.mhpathway.system.ConsistentReads;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.FieldProblem;
import org.mhpathway.system.InvalidRequestException;
import org.mhpathway.system.JdbcTimes;
import org.mhpathway.system.NotPermittedException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/housing-cases}: every open housing case of an open pathway (PATHWAY.md sections 1 and 4: the
 * discharge hub sees every housing escalation by level and age, with the partner actions owed), oldest first; with the
 * pathway's open delay, if it has one, and where the case stands on the housing ladder.
 */
@RestController
class OpenHousingCases {

    private final JdbcClient jdbc;
    private final SlaPolicy policy;
    private final EscalationLadders ladders;
    private final ActionsOwed actionsOwed;
    private final ConsistentReads reads;

    OpenHousingCases(JdbcClient jdbc, SlaPolicy policy, EscalationLadders ladders, ActionsOwed actionsOwed,
                     ConsistentReads reads) {
        this.jdbc = jdbc;
        this.policy = policy;
        this.ladders = ladders;
        this.actionsOwed = actionsOwed;
        this.reads = reads;
    }

    @GetMapping("/api/housing-cases")
    @Allowed({Roles.DISCHARGE_HUB, Roles.HOUSING, Roles.WARD_CLINICIANS, Roles.MANAGERS})
    List<OpenHousingCase> open(@AuthenticationPrincipal Caller caller, @RequestParam(required = false) String ics,
                               @RequestParam(required = false) String ward,
                               @RequestParam(required = false) String level) {
        List<FieldProblem> problems = new ArrayList<>();
        if (ics != null && !policy.servesIcs(ics)) {
            problems.add(new FieldProblem("ics", "must be one of " + policy.icsCodes()));
        }
        if (ward != null && ward.isBlank()) {
            problems.add(new FieldProblem("ward", "must not be blank"));
        }
        Integer levelNumber = null;
        if (level != null) {
            try {
                levelNumber = Integer.valueOf(level.trim());
            } catch (NumberFormatException e) {
                levelNumber = 0;
            }
            if (levelNumber < 1) {
                problems.add(new FieldProblem("level", "must be a whole number from 1"));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Invalid filter", problems);
        }
        if (ics != null && !caller.worksIn(ics)) {
            throw new NotPermittedException("You see the housing cases of " + new TreeSet<>(caller.tenants())
                    + " only.", "ics", "is not an ICS you work in");
        }
        Set<String> visible = ics == null ? caller.tenants() : Set.of(ics);
        if (visible.isEmpty()) {
            return List.of();
        }
        Integer wantedLevel = levelNumber;
        return reads.read(() -> cases(visible, ward, wantedLevel));
    }

    private List<OpenHousingCase> cases(Set<String> visible, String ward, Integer level) {
        StringBuilder sql = new StringBuilder("""
                select h.*, p.home_ics, p.ward_type, p.ward, d.reason, d.attribution, d.started_at as delayed_since
                  from housing_case h join pathway p on p.pathway_id = h.pathway_id
                  left join delay_period d on d.pathway_id = h.pathway_id and d.ended_at is null
                 where h.secured_at is null and p.closed_at is null and p.home_ics in (:visible)""");
        Map<String, Object> params = new HashMap<>();
        params.put("visible", visible);
        if (ward != null) {
            sql.append(" and p.ward = :ward");
            params.put("ward", ward);
        }
        if (level != null) {
            sql.append(" and h.escalation_level = :level");
            params.put("level", level);
        }
        sql.append(" order by h.opened_at, h.id");
        Instant now = EngineClock.now();
        Map<String, List<ActionOwed>> owed = actionsOwed.ofOpenPathways(visible);
        return jdbc.sql(sql.toString()).params(params).query((rs, row) -> {
            HousingCases.HousingCase c = HousingCases.map(rs, row);
            String homeIcs = rs.getString("home_ics");
            Instant delayedSince = JdbcTimes.instant(rs, "delayed_since");
            return new OpenHousingCase(c.pathwayId(), homeIcs, rs.getString("ward_type"), rs.getString("ward"),
                    c.openedAt(), Duration.between(c.openedAt(), now).toDays(), c.needType(), c.chosenAuthority(),
                    c.referralSentAt(), c.authorityAnswer(), c.authorityAnsweredAt(), c.escalationLevel(),
                    c.escalationLevelName(), c.nextEscalationDue(),
                    c.nextEscalationDue() == null || c.escalationLevel() == null ? null
                            : DelayedDischargeQuery.nextLevelName(EscalationLadders.HOUSING, homeIcs,
                                    c.escalationLevel(), ladders),
                    delayedSince == null ? null : new Delay(rs.getString("reason"), rs.getString("attribution"),
                            delayedSince, Duration.between(delayedSince, now).toDays()),
                    owed.getOrDefault(c.pathwayId(), List.of()));
        }).list();
    }

    /** The pathway's open delayed discharge, when it has one. */
    record Delay(String reason, String attribution, Instant delayedSince, long daysDelayed) {
    }

    /** One open housing case, as the discharge hub and housing see it. */
    record OpenHousingCase(String pathwayId, String homeIcs, String wardType, String ward, Instant openedAt,
                           long daysOpen, String needType, String chosenAuthority, Instant referralSentAt,
                           String authorityAnswer, Instant authorityAnsweredAt, Integer escalationLevel,
                           String escalationLevelName, Instant nextEscalationDue, String nextEscalationLevelName,
                           Delay delay, List<ActionOwed> actionsOwed) {
    }
}
