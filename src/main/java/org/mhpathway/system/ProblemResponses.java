package org.mhpathway.system;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error of the service's own API as RFC 9457 problem+json. Bad fields are listed under {@code errors}
 * as {@code {field, message}}; no stack trace or SQL ever reaches the body.
 */
@RestControllerAdvice
public class ProblemResponses extends ResponseEntityExceptionHandler {

    public static final URI INVALID_REQUEST = URI.create("urn:mh-pathway:problem:invalid-request");
    public static final URI CONFLICT = URI.create("urn:mh-pathway:problem:conflict");
    public static final URI NOT_FOUND = URI.create("urn:mh-pathway:problem:not-found");
    public static final URI UNAUTHORIZED = URI.create("urn:mh-pathway:problem:unauthorized");
    public static final URI FORBIDDEN = URI.create("urn:mh-pathway:problem:forbidden");
    public static final URI SESSION_TOKEN_REQUIRED = URI.create("urn:mh-pathway:problem:session-token-required");
    public static final URI PAYLOAD_TOO_LARGE = URI.create("urn:mh-pathway:problem:payload-too-large");
    public static final URI UNSUPPORTED_MEDIA_TYPE = URI.create("urn:mh-pathway:problem:unsupported-media-type");
    public static final URI INTERNAL_ERROR = URI.create("urn:mh-pathway:problem:internal-error");

    private static final Logger log = LoggerFactory.getLogger(ProblemResponses.class);

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                e.problems().stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; ")));
        p.setType(INVALID_REQUEST);
        p.setTitle(e.title());
        p.setProperty("errors", e.problems());
        return p;
    }

    /** The pathway a conflict is with goes to the audit trail, not into the answer (docs/security.md). */
    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e, HttpServletRequest request) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        p.setType(CONFLICT);
        p.setTitle(e.title());
        p.setProperty("errors", List.of(new FieldProblem(e.field(), e.fieldMessage())));
        if (e.existingPathwayId() != null) {
            request.setAttribute(ConflictException.AUDITED_PATHWAY, e.existingPathwayId());
        }
        return p;
    }

    @ExceptionHandler(NotFoundException.class)
    ProblemDetail notFound(NotFoundException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
        p.setType(NOT_FOUND);
        p.setTitle("Not found");
        p.setProperty("errors", List.of(new FieldProblem(e.field(), "is not known")));
        return p;
    }

    /** Says only that the credential did not check out, never whether the caller's id is known. */
    @ExceptionHandler(AuthenticationRequiredException.class)
    ResponseEntity<ProblemDetail> unauthorized(AuthenticationRequiredException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNAUTHORIZED, e.getMessage());
        p.setType(UNAUTHORIZED);
        p.setTitle("Authentication required");
        if (e.field() != null) {
            p.setProperty("errors", List.of(new FieldProblem(e.field(), e.fieldMessage())));
        }
        return ResponseEntity.status(HttpStatus.UNAUTHORIZED)
                .header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + e.realm() + "\"")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    @ExceptionHandler(NotPermittedException.class)
    ProblemDetail forbidden(NotPermittedException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.FORBIDDEN, e.getMessage());
        p.setType(FORBIDDEN);
        p.setTitle("Not permitted");
        p.setProperty("errors", List.of(new FieldProblem(e.field(), e.fieldMessage())));
        return p;
    }

    @ExceptionHandler(SessionTokenRequiredException.class)
    ProblemDetail sessionTokenRequired(SessionTokenRequiredException e) {
        ProblemDetail p = forbidden(e);
        p.setType(SESSION_TOKEN_REQUIRED);
        p.setTitle("Session token required");
        return p;
    }

    /**
     * Malformed JSON, a value of the wrong type or a field the endpoint does not know: name the field Jackson stopped
     * at. A body cut off at the size limit is a 413. Jackson's own message (which may quote the body) is not shown.
     */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        BodySizeLimitFilter.BodyTooLargeException tooLarge = causeOf(ex, BodySizeLimitFilter.BodyTooLargeException.class);
        if (tooLarge != null) {
            return tooLarge(tooLarge.limit());
        }
        String field = "body";
        String message = "is not valid JSON";
        if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            message = mapping instanceof UnrecognizedPropertyException ? "is not a known field" : wrongValue(mapping);
        } else if (ex.getCause() instanceof MismatchedInputException mismatched) {
            // an empty (all blank) body, or an array or a value where an object belongs
            boolean empty = mismatched.getMessage() != null && mismatched.getMessage().startsWith("No content to map");
            message = empty ? "is required" : "must be a JSON object";
        } else if (ex.getCause() == null || ex.getMessage() != null && ex.getMessage().contains("Required request body")) {
            message = "is required";
        }
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + " " + message);
        p.setType(INVALID_REQUEST);
        p.setTitle("Unreadable request");
        p.setProperty("errors", List.of(new FieldProblem(field, message)));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    /** What a field of the wrong JSON type should have been, as the API documents it. */
    private static String wrongValue(JsonMappingException mapping) {
        if (mapping instanceof StrictJson.ControlCharacterException) {
            return StrictJson.CONTROL_CHARACTERS;
        }
        Class<?> expected = mapping instanceof MismatchedInputException mismatched ? mismatched.getTargetType() : null;
        if (expected == Boolean.class || expected == boolean.class) {
            return "must be true or false";
        }
        if (expected == String.class) {
            return "must be a string";
        }
        if (expected != null && java.util.Collection.class.isAssignableFrom(expected)) {
            return "must be a list";
        }
        return "has the wrong type";
    }

    /** A body that is not JSON where JSON is expected: 415 naming {@code Content-Type}, with the types accepted. */
    @Override
    protected ResponseEntity<Object> handleHttpMediaTypeNotSupported(HttpMediaTypeNotSupportedException ex,
                                                                     HttpHeaders headers, HttpStatusCode status,
                                                                     WebRequest request) {
        String message = "must be " + MediaType.APPLICATION_JSON_VALUE;
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Content-Type " + message);
        p.setType(UNSUPPORTED_MEDIA_TYPE);
        p.setTitle("Unsupported media type");
        p.setProperty("errors", List.of(new FieldProblem("Content-Type", message)));
        HttpHeaders answer = new HttpHeaders();
        answer.addAll(headers);
        answer.setContentType(MediaType.APPLICATION_PROBLEM_JSON);
        return ResponseEntity.status(HttpStatus.UNSUPPORTED_MEDIA_TYPE).headers(answer).body(p);
    }

    /** A path variable or parameter that does not convert (an action id that is not a number): 400 naming it. */
    @Override
    protected ResponseEntity<Object> handleTypeMismatch(TypeMismatchException ex, HttpHeaders headers,
                                                        HttpStatusCode status, WebRequest request) {
        String field = ex.getPropertyName() == null ? "request" : ex.getPropertyName();
        return badRequest("Invalid request", field, "has the wrong type");
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return badRequest("Invalid request", ex.getParameterName(), "is required");
    }

    /**
     * Anything not answered above is a fault of the service, not of the request: 500 with a generic detail and an
     * incident id to quote; the exception goes to the log under that id, with the request's method and path, its
     * messages cleared of anything that looks like an NHS number or a date. Never a class name, SQL or stack in the body.
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, HttpServletRequest request) throws Exception {
        if (e instanceof ErrorResponse || AnnotatedElementUtils.hasAnnotation(e.getClass(), ResponseStatus.class)) {
            throw e; // answered as it says by Spring MVC
        }
        String incident = UUID.randomUUID().toString();
        log.error("Unexpected failure of {} {} (incident {})", request.getMethod(), LogSafe.redact(request.getRequestURI()),
                incident,
                LogSafe.redacted(e));
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.INTERNAL_SERVER_ERROR,
                "The service could not answer this request. Quote incident " + incident + " when reporting it.");
        p.setType(INTERNAL_ERROR);
        p.setTitle("Internal error");
        p.setProperty("incident", incident);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(p);
    }

    static ResponseEntity<Object> tooLarge(long limit) {
        String message = BodySizeLimitFilter.tooLarge(limit);
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.PAYLOAD_TOO_LARGE, "body " + message);
        p.setType(PAYLOAD_TOO_LARGE);
        p.setTitle(BodySizeLimitFilter.TITLE);
        p.setProperty("errors", List.of(new FieldProblem("body", message)));
        return ResponseEntity.status(HttpStatus.PAYLOAD_TOO_LARGE).header(HttpHeaders.CONNECTION, "close")
                .contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    private static ResponseEntity<Object> badRequest(String title, String field, String message) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + " " + message);
        p.setType(INVALID_REQUEST);
        p.setTitle(title);
        p.setProperty("errors", List.of(new FieldProblem(field, message)));
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

    private static <T extends Throwable> T causeOf(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null && t.getCause() != t; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
