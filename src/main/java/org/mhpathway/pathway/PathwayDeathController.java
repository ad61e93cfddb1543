package org.mhpathway.pathway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.mhpathway.access.Allowed;
import org.mhpathway.access.Roles;
import org.mhpathway.sla.SlaPolicy;
import org.mhpathway.system.ConflictException;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.FieldProblem;
import org.mhpathway.system.InvalidRequestException;
import org.mhpathway.system.JsonBodies;
import org.mhpathway.system.IsoDateTimes;
import org.mhpathway.system.NotFoundException;
import org.mhpathway.system.PlausibleDates;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The ward records a death at any point of the pathway: every running step ends, the GP, the community team and the
 * commissioner are told, and the pathway closes. No follow-up after discharge is due.
 */
@RestController
@RequestMapping("/api/pathways/{pathwayId}/death")
class PathwayDeathController {

    static final String TITLE = "Invalid death record";
    static final int MAX_PLACE = 200;
    static final int MAX_NOTES = 2000;
    private static final Set<String> FIELDS = JsonBodies.fieldsOf(DeathRequest.class);
    private static final Logger log = LoggerFactory.getLogger(PathwayDeathController.class);

    private final PathwayRegister register;
    private final PathwayMessages messages;
    private final SlaPolicy policy;
    private final ObjectMapper json;

    PathwayDeathController(PathwayRegister register, PathwayMessages messages, SlaPolicy policy, ObjectMapper json) {
        this.register = register;
        this.messages = messages;
        this.policy = policy;
        this.json = json;
    }

    /** 201 with the death as recorded; 400 naming each bad field; 404 unknown pathway; 409 closed or already recorded. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed({Roles.WARD_CLINICIANS})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = DeathRequest.class)))
    ResponseEntity<DeathRecorded> record(@PathVariable String pathwayId, @RequestBody(required = false) String body) {
        PathwayRecord pathway = register.find(pathwayId)
                .orElseThrow(() -> new NotFoundException("No pathway " + pathwayId, "pathwayId"));
        JsonNode root = read(body);
        List<FieldProblem> problems = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add(new FieldProblem(name, "is not a known field"));
            }
        }
        Instant diedAt = null;
        String died = JsonBodies.text(root, "diedAt", true, Integer.MAX_VALUE, problems);
        if (died != null) {
            try {
                diedAt = IsoDateTimes.toInstant(died, policy.zone());
            } catch (DateTimeException e) {
                problems.add(new FieldProblem("diedAt", "must be an ISO-8601 date-time"));
            }
        }
        if (diedAt != null) {
            String implausible = PlausibleDates.pastProblem(diedAt, EngineClock.now(), policy.zone());
            Instant earliest = pathway.admittedAt() != null ? pathway.admittedAt() : pathway.referredAt();
            if (implausible != null) {
                problems.add(new FieldProblem("diedAt", implausible));
            } else if (earliest != null && diedAt.isBefore(earliest)) {
                problems.add(new FieldProblem("diedAt", (pathway.admittedAt() != null ? "is before the admission ("
                        : "is before the referral (") + earliest + ")"));
            }
        }
        String place = JsonBodies.text(root, "placeOfDeath", false, MAX_PLACE, problems);
        String notes = JsonBodies.text(root, "notes", false, MAX_NOTES, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(TITLE, problems);
        }
        if (pathway.closedAt() != null || pathway.diedAt() != null
                || !messages.personDied(pathwayId, diedAt, place, notes)) {
            throw new ConflictException("Pathway closed", "Pathway " + pathwayId
                    + " is closed or its death is already recorded.", "pathwayId", "is closed", null);
        }
        log.info("Pathway {}: death recorded by the ward", pathwayId);
        return ResponseEntity.status(HttpStatus.CREATED)
                .body(new DeathRecorded(pathwayId, diedAt, place, Stage.CLOSED_AFTER_DEATH));
    }


    private JsonNode read(String body) {
        return JsonBodies.object(json, body, TITLE);
    }

    /** What the ward records; the body is read field by field, so that each bad field is named. */
    @Schema(description = "A death during the pathway; any other field is refused")
    record DeathRequest(
            @Schema(description = "when the person died, ISO-8601; not in the future, not before the admission"
                    + " (or the referral)", requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time")
            String diedAt,
            @Schema(description = "where the person died", maxLength = MAX_PLACE) String placeOfDeath,
            @Schema(description = "the ward's notes", maxLength = MAX_NOTES) String notes) {
    }

    /** What was recorded: the pathway, when and where the person died, and the pathway's stage. */
    record DeathRecorded(String pathwayId, Instant diedAt, String placeOfDeath, Stage stage) {
    }
}
