package org.mhpathway.audit;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.mhpathway.access.Allowed;
import org.mhpathway.access.Roles;
import org.mhpathway.system.FieldProblem;
import org.mhpathway.system.InvalidRequestException;
import org.mhpathway.system.PlausibleDates;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/audit}: who viewed or changed which pathway and when, for administrators. */
@RestController
class AuditController {

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    private final AuditTrail trail;
    private final ZoneId zone;

    AuditController(AuditTrail trail, AuditProperties properties) {
        this.trail = trail;
        this.zone = ZoneId.of(properties.zone());
    }

    @GetMapping(ApiAuditInterceptor.AUDIT_PATH)
    @Allowed(Roles.ADMINISTRATORS)
    List<AuditEntry> audit(@RequestParam(required = false) String pathwayId,
                           @RequestParam(required = false) String userId,
                           @RequestParam(required = false) String from,
                           @RequestParam(required = false) String to,
                           @RequestParam(required = false) String limit) {
        List<FieldProblem> problems = new ArrayList<>();
        if (pathwayId != null && (pathwayId.isBlank() || pathwayId.length() > AuditTrail.PATHWAY_ID_LENGTH)) {
            problems.add(new FieldProblem("pathwayId", "must be a pathway id (1 to 64 characters) or left out"));
        }
        if (userId != null && (userId.isBlank() || userId.length() > AuditTrail.USER_ID_LENGTH)) {
            problems.add(new FieldProblem("userId", "must be a user id (1 to 64 characters) or left out"));
        }
        Instant since = instant("from", from, problems);
        Instant until = instant("to", to, problems);
        if (since != null && until != null && !since.isBefore(until)) {
            problems.add(new FieldProblem("to", "must be after from"));
        }
        int rows = DEFAULT_LIMIT;
        if (limit != null) {
            try {
                rows = Integer.parseInt(limit.trim());
            } catch (NumberFormatException e) {
                rows = -1;
            }
            if (rows < 1 || rows > MAX_LIMIT) {
                problems.add(new FieldProblem("limit", "must be a whole number from 1 to " + MAX_LIMIT));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidRequestException("Invalid audit query", problems);
        }
        return trail.find(pathwayId, userId, since, until, rows);
    }

    /** An ISO-8601 date-time with offset, or a date (midnight in the service's zone). */
    private Instant instant(String field, String value, List<FieldProblem> problems) {
        if (value == null) {
            return null;
        }
        Instant instant;
        try {
            instant = OffsetDateTime.parse(value.trim()).toInstant();
        } catch (DateTimeException notDateTime) {
            try {
                instant = LocalDate.parse(value.trim()).atStartOfDay(zone).toInstant();
            } catch (DateTimeException notDate) {
                problems.add(new FieldProblem(field, "must be an ISO-8601 date-time with offset"
                        + " (2026-11-24T09:00:00Z) or a date (2026-11-24)"));
                return null;
            }
        }
        String implausible = PlausibleDates.problem(instant, zone);
        if (implausible != null) {
            problems.add(new FieldProblem(field, implausible));
            return null;
        }
        return instant;
    }
}
