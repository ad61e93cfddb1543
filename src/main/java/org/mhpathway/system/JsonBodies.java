package org.mhpathway.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** A request body read as a JSON object, for controllers that check each field themselves and name the bad ones. */
public final class JsonBodies {

    private JsonBodies() {
    }

    /**
     * The fields a body may hold: the components of the record that describes it in the API's OpenAPI description,
     * so that the description and the check of unknown fields cannot differ.
     */
    public static Set<String> fieldsOf(Class<? extends Record> body) {
        return Arrays.stream(body.getRecordComponents()).map(RecordComponent::getName)
                .collect(Collectors.toUnmodifiableSet());
    }

    /** The body's object; a missing body, one that is not JSON, or not an object, is a 400 naming {@code body}. */
    public static JsonNode object(ObjectMapper json, String body, String title) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException(title, List.of(new FieldProblem("body", "is required")));
        }
        try {
            JsonNode root = json.readTree(body);
            if (root == null || !root.isObject()) {
                throw new InvalidRequestException(title, List.of(new FieldProblem("body", "must be a JSON object")));
            }
            return root;
        } catch (JsonProcessingException e) {
            throw new InvalidRequestException(title, List.of(new FieldProblem("body", "is not valid JSON")));
        }
    }

    /**
     * A text field of the object: trimmed; absent, null or blank is {@code null} (and "is required" when it must be
     * there); a value that is not a string, holds a control character or runs over {@code max} characters is named in
     * {@code problems} and answered as {@code null}.
     */
    public static String text(JsonNode root, String name, boolean required, int max, List<FieldProblem> problems) {
        JsonNode node = root.get(name);
        if (node == null || node.isNull() || (node.isTextual() && node.textValue().isBlank())) {
            if (required) {
                problems.add(new FieldProblem(name, "is required"));
            }
            return null;
        }
        if (!node.isTextual()) {
            problems.add(new FieldProblem(name, "must be a string"));
            return null;
        }
        String value = node.textValue().trim();
        if (StrictJson.hasControlCharacter(value)) {
            problems.add(new FieldProblem(name, StrictJson.CONTROL_CHARACTERS));
            return null;
        }
        if (value.length() > max) {
            problems.add(new FieldProblem(name, "must be at most " + max + " characters"));
            return null;
        }
        return value;
    }
}
