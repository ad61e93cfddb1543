package org.mhpathway.system;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.Map;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.junit.jupiter.api.Test;

/**
 * The engine's answer to a change that met another at the same moment (its optimistic locking, code 1, or a database
 * deadlock, code 10000) is a 409 the caller can act on by trying again, not a server fault; other engine faults keep
 * their 500. The REST API wraps the engine's exception in its own ({@code RestException}) and keeps the code, so the
 * code, not the type, decides.
 */
class EngineErrorAnswersTest {

    private final EngineErrorAnswers answers = new EngineErrorAnswers();

    @Test
    void aCompletionThatMetAJobOfTheSamePathwayIsAConflictToTryAgain() {
        Map<String, Object> response = answer("POST", 500, "RestException", 1, "Cannot complete task 5ec3b0cb: ENGINE-03005"
                + " Execution of 'UPDATE ExecutionEntity[5e01c039]' failed. Entity was updated by another transaction"
                + " concurrently.");

        assertThat(response.get("status")).isEqualTo(409);
        ExceptionDto body = (ExceptionDto) response.get("entity");
        assertThat(body.getMessage()).isEqualTo(EngineErrorAnswers.CHANGED_MEANWHILE).doesNotContain("ENGINE-");
        assertThat(body.getType()).isEqualTo("InvalidRequestException");
        assertThat(body.getCode()).isEqualTo(1);
    }

    @Test
    void aDatabaseDeadlockIsAConflictToTryAgainToo() {
        Map<String, Object> response = answer("POST", 500, "RestException", 10_000, "deadlock detected");

        assertThat(response.get("status")).isEqualTo(409);
        assertThat(((ExceptionDto) response.get("entity")).getCode()).isEqualTo(10_000);
    }

    @Test
    void anyOtherEngineFaultStaysAServerFault() {
        Map<String, Object> response = answer("POST", 500, "RestException", 0, "Cannot complete task x: something broke");

        assertThat(response.get("status")).isEqualTo(500);
        assertThat(((ExceptionDto) response.get("entity")).getMessage()).contains("something broke");
    }

    @Test
    void aConflictTheApiAlreadyAnsweredIsLeftAsItIs() {
        Map<String, Object> response = answer("POST", 400, "RestException", 1, "already refused");

        assertThat(response.get("status")).isEqualTo(400);
    }

    /** Runs the filter over an answer of the REST API with that status and error; returns what it became. */
    private Map<String, Object> answer(String method, int status, String type, Integer code, String message) {
        ExceptionDto error = new ExceptionDto();
        error.setType(type);
        error.setCode(code);
        error.setMessage(message);
        Map<String, Object> state = new HashMap<>(Map.of("status", status, "entity", error));
        ContainerRequestContext request = (ContainerRequestContext) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {ContainerRequestContext.class}, (proxy, m, args) -> switch (m.getName()) {
                    case "getMethod" -> method;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        ContainerResponseContext response = (ContainerResponseContext) Proxy.newProxyInstance(
                getClass().getClassLoader(), new Class<?>[] {ContainerResponseContext.class}, (proxy, m, args) ->
                        switch (m.getName()) {
                            case "getStatus" -> state.get("status");
                            case "getEntity" -> state.get("entity");
                            case "setStatus" -> state.put("status", args[0]);
                            case "setEntity" -> state.put("entity", args[0]);
                            default -> throw new UnsupportedOperationException(m.getName());
                        });
        answers.filter(request, response);
        return state;
    }
}
