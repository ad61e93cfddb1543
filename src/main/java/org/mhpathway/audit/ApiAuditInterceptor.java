package org.mhpathway.audit;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.mhpathway.audit.AuditEntry.Action;
import org.mhpathway.audit.AuditEntry.Surface;
import org.mhpathway.security.ApiAccessRules;
import org.mhpathway.access.Caller;
import org.mhpathway.system.ConflictException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authorization.event.AuthorizationDeniedEvent;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Records, after each {@code /api} request of a logged-in user, one row per pathway it touched: the {@code {pathwayId}}
 * of its path, the pathway a {@code POST /api/referrals} created (its {@code Location}), and each pathway a list
 * answered with ({@link ListedPathways}). GET and HEAD are views, the rest changes; the row carries the status answered,
 * so a refusal (403, or 404 for a pathway of another ICS) is recorded like a success: a request the access rules
 * refuse before any handler runs is recorded from Spring Security's {@link AuthorizationDeniedEvent}. Reading the
 * audit is recorded once, without a pathway. An audit failure is logged and the answer stands.
 */
@Component
class ApiAuditInterceptor implements HandlerInterceptor {

    static final String AUDIT_PATH = "/api/audit";
    private static final String CREATED_PATHWAY = "/api/pathways/";
    private static final Logger log = LoggerFactory.getLogger(ApiAuditInterceptor.class);

    private final AuditTrail trail;

    ApiAuditInterceptor(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void afterCompletion(HttpServletRequest request, HttpServletResponse response, Object handler, Exception ex) {
        if (request.getUserPrincipal() instanceof Authentication login && login.getPrincipal() instanceof Caller caller) {
            record(caller, request, ex != null && response.getStatus() < 400 ? 500 : response.getStatus(),
                    response.getHeader(HttpHeaders.LOCATION));
        }
    }

    /**
     * A request the access rules refused ({@link ApiAccessRules}): it never reaches a handler, and is recorded with the
     * status it is answered with. Their look-up of the handler left its path template and variables on the request.
     */
    @EventListener
    public void refused(AuthorizationDeniedEvent<?> event) {
        if (event.getSource() instanceof HttpServletRequest request
                && event.getAuthorizationResult() instanceof ApiAccessRules.Refusal refusal
                && event.getAuthentication().get() != null
                && event.getAuthentication().get().getPrincipal() instanceof Caller caller) {
            record(caller, request, refusal.status().value(), null);
        }
    }

    private void record(Caller caller, HttpServletRequest request, int outcome, String location) {
        String pattern = (String) request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        if (pattern == null) {
            return;
        }
        String what = request.getMethod() + " " + pattern;
        try {
            if (AUDIT_PATH.equals(pattern)) {
                trail.record(caller.userId(), List.of(), true, Action.VIEW, Surface.API, what, outcome);
                return;
            }
            Set<String> pathways = new LinkedHashSet<>();
            @SuppressWarnings("unchecked")
            Map<String, String> variables =
                    (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
            if (variables != null && variables.get("pathwayId") != null) {
                pathways.add(variables.get("pathwayId"));
            }
            if (outcome == 201 && location != null && location.startsWith(CREATED_PATHWAY)
                    && location.indexOf('/', CREATED_PATHWAY.length()) < 0) {
                pathways.add(location.substring(CREATED_PATHWAY.length()));
            }
            if (request.getAttribute(ListedPathways.ATTRIBUTE) instanceof Collection<?> listed) {
                listed.forEach(id -> pathways.add(id.toString()));
            }
            // the pathway a refused request clashed with (a referral for a person who has one): not shown, recorded
            if (request.getAttribute(ConflictException.AUDITED_PATHWAY) instanceof String clashedWith) {
                pathways.add(clashedWith);
            }
            trail.record(caller.userId(), pathways, false, Action.of(request.getMethod()),
                    Surface.API, what, outcome);
        } catch (RuntimeException e) {
            log.error("Could not record '{}' by '{}' in the audit trail: {}", what, caller.userId(), e.toString());
        }
    }
}
