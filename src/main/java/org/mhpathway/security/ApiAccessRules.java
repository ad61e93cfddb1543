package org.mhpathway.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.mhpathway.access.Allowed;
import org.mhpathway.access.Caller;
import org.mhpathway.access.Roles;
import org.mhpathway.system.FieldProblem;
import org.mhpathway.system.InvalidRequestException;
import org.mhpathway.system.NotFoundException;
import org.mhpathway.system.NotPermittedException;
import org.mhpathway.system.StrictJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * Spring Security's access decision for {@code /api}, taken before the handler runs and before its body is read:
 * the caller's groups against the handler's {@link Allowed}; managers only read; a pathway in the path must belong to
 * one of the caller's ICSs (else 404, as if it did not exist) and, for the discharge hub and housing, stand behind an
 * escalation. A refusal is a {@link Refusal} carrying the problem to answer ({@link ProblemAnswers}) and changes
 * nothing. A request with no handler (an unknown path or method) is left to Spring MVC's 404 or 405.
 */
public class ApiAccessRules implements AuthorizationManager<RequestAuthorizationContext> {

    static final String PATHWAY_ID = "pathwayId";
    private static final Logger log = LoggerFactory.getLogger(ApiAccessRules.class);
    private static final AuthorizationDecision GRANTED = new AuthorizationDecision(true);
    private static final AuthorizationDecision NOT_AUTHENTICATED = new AuthorizationDecision(false);

    private final PathwayAccess pathways;
    private final ObjectProvider<RequestMappingHandlerMapping> handlers;

    public ApiAccessRules(PathwayAccess pathways, ObjectProvider<RequestMappingHandlerMapping> handlers) {
        this.pathways = pathways;
        this.handlers = handlers;
    }

    /** A refused request: what to answer (403, 404 or 400, problem+json naming the field that decided it). */
    public static final class Refusal extends AuthorizationDecision {

        private final RuntimeException problem;

        Refusal(RuntimeException problem) {
            super(false);
            this.problem = problem;
        }

        public RuntimeException problem() {
            return problem;
        }

        public HttpStatus status() {
            return problem instanceof NotFoundException ? HttpStatus.NOT_FOUND
                    : problem instanceof InvalidRequestException ? HttpStatus.BAD_REQUEST : HttpStatus.FORBIDDEN;
        }
    }

    @Override
    public AuthorizationDecision check(Supplier<Authentication> authentication, RequestAuthorizationContext context) {
        Authentication who = authentication.get();
        if (who == null || !(who.getPrincipal() instanceof Caller caller)) {
            return NOT_AUTHENTICATED; // answered 401 with a Basic challenge
        }
        HttpServletRequest request = context.getRequest();
        HandlerMethod method = handlerOf(request);
        if (method == null) {
            return GRANTED;
        }
        RuntimeException refusal = refusal(caller, request, method);
        return refusal == null ? GRANTED : new Refusal(refusal);
    }

    private RuntimeException refusal(Caller caller, HttpServletRequest request, HandlerMethod method) {
        Allowed allowed = method.getMethodAnnotation(Allowed.class);
        if (allowed == null) {
            allowed = method.getBeanType().getAnnotation(Allowed.class);
        }
        if (allowed == null) {
            log.error("{} {} has no @Allowed: refused to everyone", request.getMethod(), template(request));
            return new NotPermittedException("This endpoint is open to no group.", "Authorization", "may not call it");
        }
        boolean reading = "GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod());
        Set<String> groups = Arrays.stream(allowed.value()).filter(g -> reading || !Roles.MANAGERS.equals(g))
                .collect(Collectors.toSet());
        if (!caller.inAnyOf(groups)) {
            log.warn("Refused {} {} to '{}': not in {}", request.getMethod(), template(request), caller.userId(), groups);
            return new NotPermittedException(groups.isEmpty() ? "Managers read; they do not change anything."
                    : "This needs membership of one of " + groups.stream().sorted().toList() + ".",
                    "Authorization", "names a user in none of the groups that may do this");
        }
        @SuppressWarnings("unchecked")
        Map<String, String> variables = (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
        String pathwayId = variables == null ? null : variables.get(PATHWAY_ID);
        if (pathwayId == null) {
            return null;
        }
        if (StrictJson.hasControlCharacter(pathwayId)) {
            // no pathway id holds one: refused as the service's other input is, naming the field
            return new InvalidRequestException("Invalid request",
                    List.of(new FieldProblem(PATHWAY_ID, StrictJson.CONTROL_CHARACTERS)));
        }
        String ics = pathways.icsOf(pathwayId).orElse(null);
        if (!caller.worksIn(ics)) {
            if (ics != null) {
                log.warn("Refused {} {} on pathway {} to '{}': pathway of another ICS", request.getMethod(),
                        template(request), pathwayId, caller.userId());
            }
            return new NotFoundException("No pathway " + pathwayId + " in your ICS.", PATHWAY_ID);
        }
        boolean onlyThroughEscalation = groups.stream().filter(caller.groups()::contains).allMatch(Roles.ESCALATION::contains);
        if (onlyThroughEscalation && !pathways.behindEscalation(pathwayId)) {
            return new NotPermittedException("The discharge hub and housing see a pathway once it has a delayed "
                    + "discharge, a housing case or a discharge event.", PATHWAY_ID,
                    "has no delayed discharge, housing case or discharge event");
        }
        return null;
    }

    /**
     * The handler Spring MVC will call for this request, found as the DispatcherServlet finds it; this also sets the
     * request's path template and variables ({@link HandlerMapping#URI_TEMPLATE_VARIABLES_ATTRIBUTE}). Null when no
     * handler matches (the path, method or content type of no endpoint).
     */
    private HandlerMethod handlerOf(HttpServletRequest request) {
        Object parsed = request.getAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE);
        ServletRequestPathUtils.parseAndCache(request);
        try {
            HandlerExecutionChain chain = handlers.getObject().getHandler(request);
            return chain != null && chain.getHandler() instanceof HandlerMethod method ? method : null;
        } catch (Exception noMatch) {
            return null;
        } finally {
            if (parsed == null) {
                ServletRequestPathUtils.clearParsedRequestPath(request);
            } else {
                request.setAttribute(ServletRequestPathUtils.PATH_ATTRIBUTE, parsed);
            }
        }
    }

    /** The path as the handler's template ({@code /api/pathways/{pathwayId}}): a typed path may hold anything. */
    static String template(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return pattern != null ? pattern.toString() : "(no handler)";
    }
}
