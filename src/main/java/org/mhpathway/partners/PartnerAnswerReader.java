package org.mhpathway.partners;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.mhpathway.partners.PartnerAnswer.Kind;
import org.mhpathway.sla.SlaPolicy;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.FieldProblem;
import org.mhpathway.system.InvalidRequestException;
import org.mhpathway.system.IsoDateTimes;
import org.mhpathway.system.JsonBodies;
import org.mhpathway.system.PlausibleDates;
import org.mhpathway.system.StrictJson;
import org.springframework.stereotype.Component;

/**
 * Reads the body of a partner's answer and checks it field by field, reporting every problem at once. Unknown
 * fields are refused by name, so that a misspelt {@code occuredAt} is not silently dropped.
 */
@Component
class PartnerAnswerReader {

    static final String TITLE = "Invalid partner message";
    static final int MAX_MESSAGE_ID = 200;
    static final int MAX_NOTE = 2000;
    private static final Set<String> FIELDS = JsonBodies.fieldsOf(PartnerMessageRequest.class);

    private final ObjectMapper json;
    private final SlaPolicy policy;

    public PartnerAnswerReader(ObjectMapper json, SlaPolicy policy) {
        this.json = json;
        this.policy = policy;
    }

    public PartnerAnswer read(String body) {
        if (body == null || body.isBlank()) {
            throw invalid(List.of(new FieldProblem("body", "is required")));
        }
        JsonNode root;
        try {
            root = json.readTree(body);
        } catch (JsonProcessingException e) {
            throw invalid(List.of(new FieldProblem("body", "is not valid JSON")));
        }
        if (root == null || !root.isObject()) {
            throw invalid(List.of(new FieldProblem("body", "must be a JSON object")));
        }
        List<FieldProblem> problems = new ArrayList<>();
        for (Iterator<String> names = root.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FIELDS.contains(name)) {
                problems.add(new FieldProblem(name, "is not a known field"));
            }
        }

        String messageId = text(root, "messageId", true, problems);
        if (messageId != null && messageId.length() > MAX_MESSAGE_ID) {
            problems.add(new FieldProblem("messageId", "must be at most " + MAX_MESSAGE_ID + " characters"));
        }
        String pathwayId = text(root, "pathwayId", true, problems);
        String notificationKey = text(root, "notificationKey", false, problems);

        Kind kind = null;
        String kindCode = text(root, "kind", false, problems);
        if (kindCode == null && isAbsent(root, "kind")) {
            problems.add(new FieldProblem("kind", "is required; one of " + Kind.codes()));
        } else if (kindCode != null) {
            kind = Kind.fromCode(kindCode);
            if (kind == null) {
                problems.add(new FieldProblem("kind", "must be one of " + Kind.codes()));
            }
        }

        String event = text(root, "event", false, problems);
        if (event != null && !event.matches("[a-z0-9][a-z0-9-]{0,59}")) {
            problems.add(new FieldProblem("event", "must be a lower-case event code such as follow-up"));
        }

        Instant now = EngineClock.now();
        Instant occurredAt = now;
        String occurred = text(root, "occurredAt", false, problems);
        if (occurred != null) {
            try {
                occurredAt = IsoDateTimes.toInstant(occurred, policy.zone());
                String implausible = PlausibleDates.pastProblem(occurredAt, now, policy.zone());
                if (implausible != null) {
                    problems.add(new FieldProblem("occurredAt", implausible));
                }
            } catch (DateTimeException e) {
                problems.add(new FieldProblem("occurredAt", "must be an ISO-8601 date-time"));
            }
        }

        String note = text(root, "note", false, problems);
        if (note != null && note.length() > MAX_NOTE) {
            problems.add(new FieldProblem("note", "must be at most " + MAX_NOTE + " characters"));
        }

        Boolean additionalSupportNeeded = null;
        JsonNode support = root.get("additionalSupportNeeded");
        if (support != null && !support.isNull()) {
            if (!support.isBoolean()) {
                problems.add(new FieldProblem("additionalSupportNeeded", "must be true or false"));
            } else if (kind != Kind.COMPLETED || !PartnerAnswer.FOLLOW_UP.equals(event)) {
                problems.add(new FieldProblem("additionalSupportNeeded",
                        "applies only to kind completed with event " + PartnerAnswer.FOLLOW_UP));
            } else {
                additionalSupportNeeded = support.booleanValue();
            }
        }

        LocalDate dueDate = null;
        String due = text(root, "dueDate", false, problems);
        if (due != null) {
            if (!PartnerAnswer.MADE_ACTIONS.equals(event)) {
                problems.add(new FieldProblem("dueDate", "applies only to event " + PartnerAnswer.MADE_ACTIONS));
            } else {
                try {
                    dueDate = LocalDate.parse(due);
                    if (PlausibleDates.problem(dueDate) != null) {
                        problems.add(new FieldProblem("dueDate", PlausibleDates.problem(dueDate)));
                    }
                } catch (DateTimeException e) {
                    problems.add(new FieldProblem("dueDate", "must be an ISO-8601 date"));
                }
            }
        }

        if (!problems.isEmpty()) {
            throw invalid(problems);
        }
        return new PartnerAnswer(messageId, pathwayId, notificationKey, kind, event, occurredAt, note,
                additionalSupportNeeded, dueDate);
    }

    /** A trimmed string, or null when absent; a value that is not a non-blank string is a problem. */
    private static String text(JsonNode root, String field, boolean required, List<FieldProblem> problems) {
        JsonNode value = root.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                problems.add(new FieldProblem(field, "is required"));
            }
            return null;
        }
        if (!value.isTextual()) {
            problems.add(new FieldProblem(field, "must be a string"));
            return null;
        }
        if (StrictJson.hasControlCharacter(value.textValue())) {
            problems.add(new FieldProblem(field, StrictJson.CONTROL_CHARACTERS));
            return null;
        }
        String text = value.textValue().trim();
        if (text.isEmpty()) {
            problems.add(new FieldProblem(field, required ? "is required" : "must not be blank"));
            return null;
        }
        return text;
    }

    private static boolean isAbsent(JsonNode root, String field) {
        return root.get(field) == null || root.get(field).isNull();
    }

    private static InvalidRequestException invalid(List<FieldProblem> problems) {
        return new InvalidRequestException(TITLE, problems);
    }

    /** A partner's answer as the API's OpenAPI description shows it; read field by field above. */
    @Schema(description = "A partner's answer to a notice; any other field is refused")
    record PartnerMessageRequest(
            @Schema(description = "the partner's own id for this message: the same id sent again is recorded once",
                    requiredMode = Schema.RequiredMode.REQUIRED, maxLength = MAX_MESSAGE_ID) String messageId,
            @Schema(description = "the pathway the notice named", requiredMode = Schema.RequiredMode.REQUIRED)
            String pathwayId,
            @Schema(description = "the notice's key, as the notice gave it") String notificationKey,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED,
                    allowableValues = {"acknowledged", "accepted", "declined", "completed"}) String kind,
            @Schema(description = "the event answered, a lower-case code such as follow-up or made-actions",
                    pattern = "[a-z0-9][a-z0-9-]{0,59}") String event,
            @Schema(description = "when it happened, ISO-8601; now when absent; not in the future",
                    format = "date-time") String occurredAt,
            @Schema(maxLength = MAX_NOTE) String note,
            @Schema(description = "only with kind completed and event follow-up") Boolean additionalSupportNeeded,
            @Schema(description = "only with event made-actions: when the agreed actions are due", format = "date")
            String dueDate) {
    }
}
