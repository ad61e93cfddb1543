package org.mhpathway.system;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;

/** A request body read as a JSON object, for controllers that check each field themselves and name the bad ones. */
public final class JsonBodies {

    private JsonBodies() {
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
}
