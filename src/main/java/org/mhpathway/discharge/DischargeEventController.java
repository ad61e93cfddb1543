package org.mhpathway.discharge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.ArraySchema;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.mhpathway.discharge.DischargeEventRecords.DischargeEvent;
import org.mhpathway.partners.PartnerRole;
import org.mhpathway.pathway.PathwayRegister;
import org.mhpathway.access.Allowed;
import org.mhpathway.access.Roles;
import org.mhpathway.system.ConsistentReads;
import org.mhpathway.system.FieldProblem;
import org.mhpathway.system.InvalidRequestException;
import org.mhpathway.system.JsonBodies;
import org.mhpathway.system.NotFoundException;
import org.mhpathway.system.StrictJson;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** The discharge hub convenes a multi-agency discharge event on demand, and reads the events of a pathway. */
@RestController
@RequestMapping("/api/pathways/{pathwayId}/discharge-events")
class DischargeEventController {

    static final String TITLE = "Invalid discharge event";
    static final int MAX_REASON = 500;
    private static final Set<String> FIELDS = JsonBodies.fieldsOf(ConveneRequest.class);

    private final MultiAgencyDischargeEvents events;
    private final DischargeEventRecords records;
    private final PathwayRegister register;
    private final ObjectMapper json;
    private final ConsistentReads reads;

    DischargeEventController(MultiAgencyDischargeEvents events, DischargeEventRecords records, PathwayRegister register,
                             ObjectMapper json, ConsistentReads reads) {
        this.reads = reads;
        this.events = events;
        this.records = records;
        this.register = register;
        this.json = json;
    }

    @GetMapping
    @Allowed({Roles.DISCHARGE_HUB, Roles.HOUSING, Roles.WARD_CLINICIANS, Roles.COMMUNITY_MH_TEAM, Roles.MANAGERS})
    List<DischargeEvent> events(@PathVariable String pathwayId) {
        return reads.read(() -> {
            register.find(pathwayId).orElseThrow(() -> new NotFoundException("No pathway " + pathwayId, "pathwayId"));
            return records.forPathway(pathwayId);
        });
    }

    /** 201 with the event as recorded; 404 unknown pathway; 400 naming each bad field; 409 closed or already running. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed({Roles.DISCHARGE_HUB, Roles.WARD_CLINICIANS})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = ConveneRequest.class)))
    ResponseEntity<DischargeEvent> convene(@PathVariable String pathwayId, @RequestBody(required = false) String body) {
        register.find(pathwayId).orElseThrow(() -> new NotFoundException("No pathway " + pathwayId, "pathwayId"));
        JsonNode root = read(body);
        List<FieldProblem> problems = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add(new FieldProblem(name, "is not a known field"));
            }
        }
        JsonNode reasonNode = root.get("reason");
        String reason = null;
        if (reasonNode == null || reasonNode.isNull()) {
            problems.add(new FieldProblem("reason", "is required"));
        } else if (!reasonNode.isTextual()) {
            problems.add(new FieldProblem("reason", "must be a string"));
        } else if (StrictJson.hasControlCharacter(reasonNode.textValue())) {
            problems.add(new FieldProblem("reason", StrictJson.CONTROL_CHARACTERS));
        } else if (reasonNode.textValue().isBlank()) {
            problems.add(new FieldProblem("reason", "is required"));
        } else if (reasonNode.textValue().trim().length() > MAX_REASON) {
            problems.add(new FieldProblem("reason", "must be at most " + MAX_REASON + " characters"));
        } else {
            reason = reasonNode.textValue().trim();
        }
        JsonNode rolesNode = root.get("invitedRoles");
        List<String> roles = new ArrayList<>();
        if (rolesNode == null || rolesNode.isNull()) {
            problems.add(new FieldProblem("invitedRoles", "is required; a list of " + PartnerRole.codes()));
        } else if (!rolesNode.isArray() || rolesNode.isEmpty()) {
            problems.add(new FieldProblem("invitedRoles", "must be a non-empty list of " + PartnerRole.codes()));
        } else {
            for (JsonNode role : rolesNode) {
                if (!role.isTextual() || !PartnerRole.codes().contains(role.textValue())) {
                    problems.add(new FieldProblem("invitedRoles", role + " is not one of " + PartnerRole.codes()));
                } else {
                    roles.add(role.textValue());
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(TITLE, problems);
        }
        events.convene(pathwayId, reason, roles);
        List<DischargeEvent> all = records.forPathway(pathwayId);
        return ResponseEntity.status(HttpStatus.CREATED).body(all.get(all.size() - 1));
    }

    private JsonNode read(String body) {
        return JsonBodies.object(json, body, TITLE);
    }

    /** What the hub or the ward sends to convene an event; read field by field above. */
    @Schema(description = "A multi-agency discharge event to convene; any other field is refused")
    record ConveneRequest(
            @Schema(description = "why the event is needed", requiredMode = Schema.RequiredMode.REQUIRED,
                    maxLength = MAX_REASON) String reason,
            @ArraySchema(minItems = 1, schema = @Schema(description = "a partner role to invite",
                    allowableValues = {"gp-practice", "community-mh-team", "crisis-team", "local-authority",
                            "housing-authority", "vcse-advocacy", "commissioner"}),
                    arraySchema = @Schema(requiredMode = Schema.RequiredMode.REQUIRED)) List<String> invitedRoles) {
    }
}
