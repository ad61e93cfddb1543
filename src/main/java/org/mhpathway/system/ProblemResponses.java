package org.mhpathway.system;

import com.fasterxml.jackson.databind.JsonMappingException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
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

    @ExceptionHandler(InvalidRequestException.class)
    ProblemDetail invalid(InvalidRequestException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST,
                e.problems().stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; ")));
        p.setType(INVALID_REQUEST);
        p.setTitle(e.title());
        p.setProperty("errors", e.problems());
        return p;
    }

    @ExceptionHandler(ConflictException.class)
    ProblemDetail conflict(ConflictException e) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.CONFLICT, e.getMessage());
        p.setType(CONFLICT);
        p.setTitle(e.title());
        p.setProperty("errors", List.of(new FieldProblem(e.field(), e.fieldMessage())));
        if (e.existingPathwayId() != null) {
            p.setProperty("pathwayId", e.existingPathwayId());
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

    /** Malformed JSON, or a value of the wrong type: name the field Jackson stopped at. */
    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex, HttpHeaders headers,
                                                                  HttpStatusCode status, WebRequest request) {
        String field = "body";
        String message = "is not valid JSON";
        if (ex.getCause() instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            field = mapping.getPath().stream()
                    .map(r -> r.getFieldName() != null ? r.getFieldName() : "[" + r.getIndex() + "]")
                    .collect(Collectors.joining("."));
            message = "has the wrong type";
        } else if (ex.getCause() == null || ex.getMessage() != null && ex.getMessage().contains("Required request body")) {
            message = "is required";
        }
        ProblemDetail p = ProblemDetail.forStatusAndDetail(HttpStatus.BAD_REQUEST, field + " " + message);
        p.setType(INVALID_REQUEST);
        p.setTitle("Unreadable request");
        p.setProperty("errors", List.of(new FieldProblem(field, message)));
        return ResponseEntity.badRequest().contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON).body(p);
    }

}
