package org.mhpathway.forms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Answers a refused completion, or a refused variable, on the Camunda REST API ({@code /engine-rest}) and on the same
 * API as the webapps call it ({@code /camunda/api/engine}, where Tasklist submits its forms): 400 in the API's own
 * error form, {@code {"type", "message", "code"}}, with the field named.
 *
 * <pre>{"type": "InvalidRequestException", "message": "admitted must be true or false", "code": null,
 *  "field": "admitted", "errors": [{"field": "admitted", "message": "must be true or false"}]}</pre>
 *
 * {@code message} is what Tasklist shows the user; {@code field} is the first field refused and {@code errors} every
 * one, in the form's order. Registered with every Jersey application by {@link EngineRestRefusals}; it maps this one
 * exception only.
 */
@Provider
public class InvalidTaskValuesMapper implements ExceptionMapper<InvalidTaskValuesException> {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public Response toResponse(InvalidTaskValuesException refused) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "InvalidRequestException");
        body.put("message", refused.getMessage());
        body.put("code", null);
        body.put("field", refused.field());
        body.put("errors", refused.problems());
        String entity;
        try {
            entity = JSON.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        return Response.status(Response.Status.BAD_REQUEST).type(MediaType.APPLICATION_JSON_TYPE).entity(entity).build();
    }
}
