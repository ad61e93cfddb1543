package org.mhpathway.housing;

import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.mhpathway.housing.HousingCases.HousingAction;
import org.mhpathway.housing.HousingCases.HousingCase;
import org.mhpathway.pathway.PathwayRegister;
import org.mhpathway.access.Allowed;
import org.mhpathway.access.Roles;
import org.mhpathway.system.ConflictException;
import org.mhpathway.system.ConsistentReads;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.FieldProblem;
import org.mhpathway.system.InvalidRequestException;
import org.mhpathway.system.NotFoundException;
import org.mhpathway.system.PlausibleDates;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The housing escalations of a pathway (PATHWAY.md section 4), and the practical blockers the housing officer
 * works as actions with owners and due dates.
 */
@RestController
@RequestMapping("/api/pathways/{pathwayId}/housing")
class HousingController {

    static final String TITLE = "Invalid housing action";
    static final Set<String> BLOCKERS = Set.of("repairs", "deep-clean", "adaptations",
            "temporary-accommodation-sign-up", "tenancy", "other");

    private final HousingCases cases;
    private final HousingReferrals escalations;
    private final PathwayRegister register;
    private final ConsistentReads reads;

    HousingController(HousingCases cases, HousingReferrals escalations, PathwayRegister register,
                      ConsistentReads reads) {
        this.reads = reads;
        this.cases = cases;
        this.escalations = escalations;
        this.register = register;
    }

    @GetMapping
    @Allowed({Roles.HOUSING, Roles.DISCHARGE_HUB, Roles.WARD_CLINICIANS, Roles.MANAGERS})
    Housing housing(@PathVariable String pathwayId) {
        return reads.read(() -> {
            known(pathwayId);
            List<CaseView> views = cases.forPathway(pathwayId).stream()
                    .map(c -> new CaseView(c, cases.actions(c.id()))).toList();
            return new Housing(pathwayId, escalations.running(pathwayId), views);
        });
    }

    /** 201 with the action; 400 naming each bad field; 409 when the pathway has no open housing case. */
    @PostMapping("/actions")
    @Allowed({Roles.HOUSING, Roles.DISCHARGE_HUB})
    ResponseEntity<HousingAction> addAction(@PathVariable String pathwayId, @RequestBody(required = false) ActionRequest body) {
        known(pathwayId);
        List<FieldProblem> problems = new ArrayList<>();
        if (body == null) {
            throw new InvalidRequestException(TITLE, List.of(new FieldProblem("body", "is required")));
        }
        if (body.blocker() == null || !BLOCKERS.contains(body.blocker())) {
            problems.add(new FieldProblem("blocker", "must be one of " + BLOCKERS.stream().sorted().toList()));
        }
        if (body.action() == null || body.action().isBlank() || body.action().length() > 2000) {
            problems.add(new FieldProblem("action", "is required, at most 2000 characters"));
        }
        if (body.owner() == null || body.owner().isBlank() || body.owner().length() > 200) {
            problems.add(new FieldProblem("owner", "is required, at most 200 characters"));
        }
        LocalDate due = null;
        try {
            due = body.dueDate() == null ? null : LocalDate.parse(body.dueDate());
        } catch (DateTimeException e) {
            // reported below
        }
        if (due == null) {
            problems.add(new FieldProblem("dueDate", "is required, a date like 2026-03-31"));
        } else if (PlausibleDates.problem(due) != null) {
            problems.add(new FieldProblem("dueDate", PlausibleDates.problem(due)));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(TITLE, problems);
        }
        HousingCase open = openCase(pathwayId);
        long id = cases.addAction(open.id(), body.blocker(), body.action().trim(), body.owner().trim(), due);
        HousingAction added = cases.actions(open.id()).stream().filter(a -> a.id() == id).findFirst().orElseThrow();
        return ResponseEntity.status(HttpStatus.CREATED).body(added);
    }

    /** The action is done; 404 when the open case has no such action not yet done. */
    @PostMapping("/actions/{actionId}/done")
    @Allowed({Roles.HOUSING, Roles.DISCHARGE_HUB})
    HousingAction done(@PathVariable String pathwayId, @PathVariable long actionId) {
        known(pathwayId);
        HousingCase open = openCase(pathwayId);
        if (cases.actionDone(open.id(), actionId, EngineClock.now()) == 0) {
            throw new NotFoundException("No open housing action " + actionId + " for pathway " + pathwayId, "actionId");
        }
        return cases.actions(open.id()).stream().filter(a -> a.id() == actionId).findFirst().orElseThrow();
    }

    private HousingCase openCase(String pathwayId) {
        return cases.open(pathwayId).orElseThrow(() -> new ConflictException("No open housing case",
                "Pathway " + pathwayId + " has no housing escalation running.", "pathwayId",
                "has no open housing case", null));
    }

    private void known(String pathwayId) {
        register.find(pathwayId).orElseThrow(() -> new NotFoundException("No pathway " + pathwayId, "pathwayId"));
    }

    record ActionRequest(String blocker, String action, String owner, String dueDate) {
    }

    record CaseView(HousingCase housingCase, List<HousingAction> actions) {
    }

    record Housing(String pathwayId, boolean escalationRunning, List<CaseView> cases) {
    }
}
