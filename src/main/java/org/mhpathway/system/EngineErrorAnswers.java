package org.mhpathway.system;

import jakarta.ws.rs.ConstrainedTo;
import jakarta.ws.rs.RuntimeType;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.core.FeatureContext;
import jakarta.ws.rs.core.Response.Status;
import java.util.Set;
import java.util.regex.Pattern;
import org.camunda.bpm.engine.impl.errorcode.BuiltinExceptionCode;
import org.camunda.bpm.engine.rest.dto.ExceptionDto;
import org.glassfish.jersey.internal.spi.ForcedAutoDiscoverable;

/**
 * Answers the Camunda REST API's errors as what they are, on {@code /engine-rest} and on the webapps' engine API
 * ({@code /camunda/api/engine}) alike. The engine reports several refusals as server faults (500):
 * <ul>
 *   <li>a tenant refusal, {@code ENGINE-13034 Cannot read the task '…' because it belongs to no authenticated tenant}:
 *       for this user the task or instance does not exist. It is answered 404, exactly as an id that exists nowhere,
 *       and the answer for an unknown id is made the same (the API answers some of those 500, some 400), so a user
 *       of one ICS cannot tell another ICS's task from no task at all;</li>
 *   <li>a missing body where one is needed (a NullPointerException in the API, named with its class): 400;</li>
 *   <li>a change that met another at the same moment (the engine's optimistic locking, or a database deadlock, for
 *       instance a task completed while a job of the same pathway runs on another node): 409. Nothing of the change
 *       was written, and the same call made again normally succeeds; the answer says so, and keeps the engine's
 *       {@code code} so a client can tell it from other conflicts.</li>
 * </ul>
 * The answer keeps the API's error shape ({@code type}, {@code message}) with the type the API uses for its own 404s
 * and 400s, and no engine class name or message. Registered in every Jersey application of the service (the REST
 * API and the webapps' APIs) through Jersey's auto-discovery (see {@code META-INF/services}), so no API of the engine
 * is left out.
 */
@ConstrainedTo(RuntimeType.SERVER)
public class EngineErrorAnswers implements ContainerResponseFilter {

    static final String TYPE = "InvalidRequestException";
    public static final String NOT_FOUND = "Not found: nothing with this id is visible to you.";
    public static final String BODY_MISSING = "The body is missing or lacks what this call needs.";
    public static final String CHANGED_MEANWHILE = "This pathway was changed by someone else at the same moment, so"
            + " nothing was saved. Try again.";
    /** The engine's codes for a change that met another: a retry is the answer. */
    private static final Set<Integer> MET_ANOTHER_CHANGE = Set.of(BuiltinExceptionCode.OPTIMISTIC_LOCKING.getCode(),
            BuiltinExceptionCode.DEADLOCK.getCode());
    /** A tenant refusal: for this user the entity is not there. */
    private static final String TENANT_REFUSAL = "ENGINE-13034";
    /**
     * The engine's words for an entity that is not there: its null check of the entity it looked up
     * ({@code task X doesn't exist: task is null}, {@code Cannot find task with id X: task is null}), alone or quoted
     * in the REST API's own message. Nothing else (a refused value, a failed form) is taken for "not there".
     */
    private static final Pattern ENTITY_NOT_THERE = Pattern.compile(
            "(doesn't exist|does not exist|not found|cannot find)[^\\n]*: [a-z ]+ is null", Pattern.CASE_INSENSITIVE);
    /** The exceptions the engine uses for "no such entity" (and for "no such parameter", a 400 either way). */
    private static final Set<String> NULL_OR_BAD_INPUT = Set.of("NullValueException", "BadUserRequestException");

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        if (!(response.getEntity() instanceof ExceptionDto error)) {
            return;
        }
        int status = response.getStatus();
        String message = error.getMessage() == null ? "" : error.getMessage();
        boolean notThere = message.contains(TENANT_REFUSAL) || ENTITY_NOT_THERE.matcher(message).find();
        if (notThere && (status == 500 || status == 400 && NULL_OR_BAD_INPUT.contains(error.getType()))) {
            answer(response, Status.NOT_FOUND, NOT_FOUND);
        } else if (status == 500 && "NullPointerException".equals(error.getType())) {
            boolean reading = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
            // read: what was asked for is not there; written: the body that would say what to do is not there
            answer(response, reading ? Status.NOT_FOUND : Status.BAD_REQUEST, reading ? NOT_FOUND : BODY_MISSING);
        } else if (status == 500 && "NullValueException".equals(error.getType())) {
            answer(response, Status.BAD_REQUEST, BODY_MISSING);
        } else if (status == 500 && error.getCode() != null && MET_ANOTHER_CHANGE.contains(error.getCode())) {
            ExceptionDto answer = answer(response, Status.CONFLICT, CHANGED_MEANWHILE);
            answer.setCode(error.getCode());
        }
    }

    private static ExceptionDto answer(ContainerResponseContext response, Status status, String message) {
        ExceptionDto answer = new ExceptionDto();
        answer.setType(TYPE);
        answer.setMessage(message);
        response.setStatus(status.getStatusCode());
        response.setEntity(answer);
        return answer;
    }

    /** Puts the filter into every Jersey application, whoever configured it. */
    public static final class Registration implements ForcedAutoDiscoverable {

        @Override
        public void configure(FeatureContext context) {
            if (!context.getConfiguration().isRegistered(EngineErrorAnswers.class)) {
                context.register(EngineErrorAnswers.class);
            }
        }
    }
}
