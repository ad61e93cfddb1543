package org.mhpathway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.mhpathway.system.AuthenticationRequiredException;
import org.mhpathway.system.NotFoundException;
import org.mhpathway.system.NotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * Decides, before any {@code /api} handler runs, whether its {@link Caller} may: their group against the handler's
 * {@link Allowed}; managers only read; a pathway in the path must belong to one of the caller's ICSs (else 404, as if
 * it did not exist) and, for the discharge hub and housing, stand behind an escalation. Refusals change nothing.
 */
public class ApiAccessInterceptor implements HandlerInterceptor {

    static final String PATHWAY_ID = "pathwayId";
    private static final Logger log = LoggerFactory.getLogger(ApiAccessInterceptor.class);

    private final PathwayAccess pathways;

    public ApiAccessInterceptor(PathwayAccess pathways) {
        this.pathways = pathways;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.startsWith(ApiAuthenticationFilter.PARTNER_MESSAGES)) {
            return true;
        }
        Allowed allowed = method.getMethodAnnotation(Allowed.class);
        if (allowed == null) {
            allowed = method.getBeanType().getAnnotation(Allowed.class);
        }
        if (allowed == null) {
            log.error("{} {} has no @Allowed: refused to everyone", request.getMethod(), template(request));
            throw new NotPermittedException("This endpoint is open to no group.", "Authorization", "may not call it");
        }
        Caller caller = (Caller) request.getAttribute(Caller.ATTRIBUTE);
        if (caller == null) {
            throw new AuthenticationRequiredException(ApiAuthenticationFilter.REALM, "Send your user id and password with HTTP Basic.");
        }
        boolean reading = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        Set<String> groups = Arrays.stream(allowed.value()).filter(g -> reading || !Roles.MANAGERS.equals(g))
                .collect(Collectors.toSet());
        if (!caller.inAnyOf(groups)) {
            log.warn("Refused {} {} to '{}': not in {}", request.getMethod(), template(request), caller.userId(), groups);
            throw new NotPermittedException(groups.isEmpty() ? "Managers read; they do not change anything."
                    : "This needs membership of one of " + groups.stream().sorted().toList() + ".",
                    "Authorization", "names a user in none of the groups that may do this");
        }
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String pathwayId = variables == null ? null : variables.get(PATHWAY_ID);
        if (pathwayId != null) {
            String ics = pathways.icsOf(pathwayId).orElse(null);
            if (!caller.worksIn(ics)) {
                if (ics != null) {
                    log.warn("Refused {} {} on pathway {} to '{}': pathway of another ICS", request.getMethod(),
                            template(request), pathwayId, caller.userId());
                }
                throw new NotFoundException("No pathway " + pathwayId + " in your ICS.", PATHWAY_ID);
            }
            boolean onlyThroughEscalation = groups.stream().filter(caller.groups()::contains).allMatch(Roles.ESCALATION::contains);
            if (onlyThroughEscalation && !pathways.behindEscalation(pathwayId)) {
                throw new NotPermittedException("The discharge hub and housing see a pathway once it has a delayed "
                        + "discharge, a housing case or a discharge event.", PATHWAY_ID,
                        "has no delayed discharge, housing case or discharge event");
            }
        }
        return true;
    }

    /** The path as the handler's template ({@code /api/pathways/{pathwayId}}): a typed path may hold anything. */
    private static String template(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return pattern != null ? pattern.toString() : "(no handler)";
    }
}
