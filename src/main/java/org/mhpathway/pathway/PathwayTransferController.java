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
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.mhpathway.pathway.WardTransfers.Transfer;
import org.mhpathway.access.Allowed;
import org.mhpathway.access.Roles;
import org.mhpathway.sla.SlaPolicy;
import org.mhpathway.system.ConflictException;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.FieldProblem;
import org.mhpathway.system.InvalidRequestException;
import org.mhpathway.system.IsoDateTimes;
import org.mhpathway.system.JsonBodies;
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
 * Bed management records a move during the stay (PATHWAY.md section 5b): to another ward, hospital or bed, perhaps a
 * ward of another type, in or out of the home ICS. The register shows the new place, the reviews that depend on the
 * ward type or on the placement start or stop, and the commissioner is told when an out-of-area placement starts or
 * ends (repatriation).
 */
@RestController
@RequestMapping("/api/pathways/{pathwayId}/transfer")
class PathwayTransferController {

    static final String TITLE = "Invalid transfer";
    static final int MAX_WARD = 100;
    static final int MAX_HOSPITAL = 200;
    static final int MAX_BED = 40;
    static final int MAX_REASON = 1000;
    private static final Set<String> FIELDS = JsonBodies.fieldsOf(TransferRequest.class);
    private static final Logger log = LoggerFactory.getLogger(PathwayTransferController.class);

    private final PathwayRegister register;
    private final WardTransfers transfers;
    private final PathwayMessages messages;
    private final SlaPolicy policy;
    private final ObjectMapper json;

    PathwayTransferController(PathwayRegister register, WardTransfers transfers, PathwayMessages messages,
                              SlaPolicy policy, ObjectMapper json) {
        this.register = register;
        this.transfers = transfers;
        this.messages = messages;
        this.policy = policy;
        this.json = json;
    }

    /** 201 with the move as recorded; 400 naming each bad field; 404 unknown pathway; 409 not in a stay. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @Allowed({Roles.BED_MANAGEMENT})
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE, schema = @Schema(implementation = TransferRequest.class)))
    ResponseEntity<MoveRecorded> record(@PathVariable String pathwayId, @RequestBody(required = false) String body) {
        PathwayRecord pathway = register.find(pathwayId)
                .orElseThrow(() -> new NotFoundException("No pathway " + pathwayId, "pathwayId"));
        JsonNode root = JsonBodies.object(json, body, TITLE);
        List<FieldProblem> problems = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add(new FieldProblem(name, "is not a known field"));
            }
        }
        Instant transferredAt = transferredAt(root, pathway, problems);
        String ward = JsonBodies.text(root, "ward", true, MAX_WARD, problems);
        String hospital = JsonBodies.text(root, "hospital", true, MAX_HOSPITAL, problems);
        String bed = JsonBodies.text(root, "bed", false, MAX_BED, problems);
        String wardType = JsonBodies.text(root, "wardType", false, Integer.MAX_VALUE, problems);
        if (wardType != null && !WardType.codes().contains(wardType)) {
            problems.add(new FieldProblem("wardType", "must be one of " + WardType.codes()));
            wardType = null;
        }
        Boolean outOfArea = null;
        JsonNode flag = root.get("outOfArea");
        if (flag == null || flag.isNull()) {
            problems.add(new FieldProblem("outOfArea", "is required"));
        } else if (!flag.isBoolean()) {
            problems.add(new FieldProblem("outOfArea", "must be true or false"));
        } else {
            outOfArea = flag.booleanValue();
        }
        String reason = JsonBodies.text(root, "reason", true, MAX_REASON, problems);
        if (problems.isEmpty() && Objects.equals(ward, pathway.ward()) && Objects.equals(hospital, pathway.hospital())
                && Objects.equals(bed, pathway.bed()) && (wardType == null || wardType.equals(pathway.wardType()))
                && outOfArea == pathway.outOfArea()) {
            problems.add(new FieldProblem("ward", "is where the person is already: name the new ward, hospital or bed"));
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException(TITLE, problems);
        }
        if (!inStay(pathway) || !messages.personMoved(pathwayId, transferredAt, ward, hospital, bed,
                wardType == null || wardType.equals(pathway.wardType()) ? null : wardType, outOfArea, reason)) {
            throw new ConflictException("Not in a hospital stay", "Pathway " + pathwayId
                    + " has no hospital stay to move: the person is not admitted yet, has been discharged, or the pathway"
                    + " is closed.", "pathwayId", "is not in a hospital stay", null);
        }
        List<Transfer> moves = transfers.forPathway(pathwayId);
        Transfer move = moves.get(moves.size() - 1);
        log.info("Pathway {}: move recorded by bed management", pathwayId);
        return ResponseEntity.status(HttpStatus.CREATED).body(new MoveRecorded(pathwayId, move.id(),
                move.transferredAt(), move.toWard(), move.toHospital(), move.toBed(), move.toWardType(),
                move.toOutOfArea(), WardTransfers.PlacementChange.of(move.fromOutOfArea(), move.toOutOfArea()).code(),
                !Objects.equals(move.fromWardType(), move.toWardType())));
    }

    /** Admitted, not discharged, not dead, not closed: a stay the move can belong to. */
    private static boolean inStay(PathwayRecord pathway) {
        return pathway.admittedAt() != null && pathway.dischargedAt() == null && pathway.diedAt() == null
                && pathway.closedAt() == null;
    }

    private Instant transferredAt(JsonNode root, PathwayRecord pathway, List<FieldProblem> problems) {
        String text = JsonBodies.text(root, "transferredAt", true, Integer.MAX_VALUE, problems);
        if (text == null) {
            return null;
        }
        Instant at;
        try {
            at = IsoDateTimes.toInstant(text, policy.zone());
        } catch (DateTimeException e) {
            problems.add(new FieldProblem("transferredAt", "must be an ISO-8601 date-time"));
            return null;
        }
        String implausible = PlausibleDates.pastProblem(at, EngineClock.now(), policy.zone());
        Optional<Instant> lastMove = transfers.lastMoveAt(pathway.pathwayId());
        if (implausible != null) {
            problems.add(new FieldProblem("transferredAt", implausible));
        } else if (pathway.admittedAt() != null && at.isBefore(pathway.admittedAt())) {
            problems.add(new FieldProblem("transferredAt", "is before the admission (" + pathway.admittedAt() + ")"));
        } else if (lastMove.isPresent() && at.isBefore(lastMove.get())) {
            problems.add(new FieldProblem("transferredAt", "is before the last move (" + lastMove.get() + ")"));
        }
        return at;
    }


    /** What bed management records; the body is read field by field, so that each bad field is named. */
    @Schema(description = "A move during the stay to another ward, hospital or bed; any other field is refused")
    record TransferRequest(
            @Schema(description = "when the person moved, ISO-8601; not in the future, not before the admission or the"
                    + " last move", requiredMode = Schema.RequiredMode.REQUIRED, format = "date-time")
            String transferredAt,
            @Schema(description = "the new ward", requiredMode = Schema.RequiredMode.REQUIRED, maxLength = MAX_WARD)
            String ward,
            @Schema(description = "the new hospital", requiredMode = Schema.RequiredMode.REQUIRED,
                    maxLength = MAX_HOSPITAL)
            String hospital,
            @Schema(description = "the new bed", maxLength = MAX_BED) String bed,
            @Schema(description = "the new ward's type, when it differs", allowableValues = {"adult-acute",
                    "older-adult", "picu", "rehabilitation", "learning-disability-and-autism"}) String wardType,
            @Schema(description = "whether the new place is outside the person's home ICS",
                    requiredMode = Schema.RequiredMode.REQUIRED) boolean outOfArea,
            @Schema(description = "why the person moved", requiredMode = Schema.RequiredMode.REQUIRED,
                    maxLength = MAX_REASON)
            String reason) {
    }

    /**
     * What was recorded: the move's id, when, where to, and what it did to the out-of-area placement ({@code started},
     * {@code ended}, {@code continues}, {@code none}) and to the ward type.
     */
    record MoveRecorded(String pathwayId, long transferId, Instant transferredAt, String ward, String hospital,
                        String bed, String wardType, boolean outOfArea, String outOfAreaPlacement,
                        boolean wardTypeChanged) {
    }
}
