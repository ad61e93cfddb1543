package org.mhpathway.partners;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mhpathway.partners.CareTeam.Member;
import org.mhpathway.pathway.PathwayRecord;
import org.mhpathway.pathway.PathwayRegister;
import org.mhpathway.system.ConflictException;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.FieldProblem;
import org.mhpathway.system.InvalidRequestException;
import org.mhpathway.system.NotFoundException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Isolation;
import org.springframework.transaction.annotation.Transactional;

/** Clinicians' changes to a person's care team: any partner of the directory, active, in the role it plays. */
@Service
class CareTeamEditor {

    private static final Logger log = LoggerFactory.getLogger(CareTeamEditor.class);

    private final CareTeam careTeam;
    private final PartnerDirectory directory;
    private final PathwayRegister register;

    CareTeamEditor(CareTeam careTeam, PartnerDirectory directory, PathwayRegister register) {
        this.careTeam = careTeam;
        this.directory = directory;
        this.register = register;
    }

    /** Every role, in a fixed order, with the partner playing it or {@code null} where nobody does. */
    @Transactional(readOnly = true, isolation = Isolation.REPEATABLE_READ)
    public Map<String, MemberSummary> view(String pathwayId) {
        pathway(pathwayId);
        Map<String, MemberSummary> team = new LinkedHashMap<>();
        for (PartnerRole role : PartnerRole.values()) {
            team.put(role.code(), null);
        }
        for (Member m : careTeam.list(pathwayId)) {
            team.put(m.role().code(), MemberSummary.of(m));
        }
        return team;
    }

    @Transactional
    public Map<String, MemberSummary> assign(String pathwayId, String roleCode, Assignment body) {
        PathwayRecord pathway = pathway(pathwayId);
        List<FieldProblem> problems = new ArrayList<>();
        PartnerRole role = role(roleCode, problems);
        if (body == null) {
            problems.add(new FieldProblem("body", "is required"));
            throw new InvalidRequestException("Invalid care team change", problems);
        }
        String partnerId = body == null || body.partnerId() == null || body.partnerId().isBlank() ? null
                : body.partnerId().trim();
        if (partnerId == null) {
            problems.add(new FieldProblem("partnerId", "is required"));
        } else {
            Optional<Partner> partner = directory.find(partnerId);
            if (partner.isEmpty()) {
                problems.add(new FieldProblem("partnerId", "is not in the partner directory"));
            } else if (!partner.get().active()) {
                problems.add(new FieldProblem("partnerId", "is an inactive partner"));
            } else if (role != null && partner.get().role() != role) {
                problems.add(new FieldProblem("partnerId", "is a " + partner.get().role().code() + ", not a " + role.code()));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Invalid care team change", problems);
        }
        requireOpen(pathway);
        Instant now = EngineClock.now();
        careTeam.assign(pathwayId, role, partnerId, now);
        log.info("Pathway {}: {} is now {}", pathwayId, role.code(), partnerId);
        return view(pathwayId);
    }

    @Transactional
    public Map<String, MemberSummary> remove(String pathwayId, String roleCode) {
        PathwayRecord pathway = pathway(pathwayId);
        List<FieldProblem> problems = new ArrayList<>();
        PartnerRole role = role(roleCode, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Invalid care team change", problems);
        }
        requireOpen(pathway);
        careTeam.remove(pathwayId, role);
        log.info("Pathway {}: nobody is {} any more", pathwayId, role.code());
        return view(pathwayId);
    }

    private PathwayRecord pathway(String pathwayId) {
        return register.find(pathwayId).orElseThrow(() -> new NotFoundException("No pathway " + pathwayId, "pathwayId"));
    }

    private static PartnerRole role(String code, List<FieldProblem> problems) {
        if (!PartnerRole.codes().contains(code)) {
            problems.add(new FieldProblem("role", "must be one of " + PartnerRole.codes()));
            return null;
        }
        return PartnerRole.fromCode(code);
    }

    /** A closed pathway's care team is the record of who was involved; it is not rewritten afterwards. */
    private static void requireOpen(PathwayRecord pathway) {
        if (pathway.closedAt() != null) {
            throw new ConflictException("Pathway closed", "Pathway " + pathway.pathwayId() + " closed at "
                    + pathway.closedAt() + "; its care team is kept as it was.", "pathwayId", "is closed", null);
        }
    }

    /** The body of {@code PUT /api/pathways/{id}/care-team/{role}}. */
    record Assignment(String partnerId) {
    }

    /** The partner playing a role for this person. */
    record MemberSummary(String partnerId, String name, String odsCode, String ics, boolean active, Instant assignedAt) {
        static MemberSummary of(Member m) {
            Partner p = m.partner();
            return new MemberSummary(p.id(), p.name(), p.odsCode(), p.ics(), p.active(), m.assignedAt());
        }
    }
}
