package org.mhpathway.audit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.mhpathway.audit.AuditEntry.Action;
import org.mhpathway.audit.AuditEntry.Surface;
import org.mhpathway.audit.EnginePathways.Resolved;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records who viewed or changed a pathway's tasks and process instances through Camunda's REST API: {@code /engine-rest}
 * and the webapps' {@code /camunda/api/engine}. Only these resources are matched (any other path costs a regular
 * expression and nothing else):
 * <ul>
 *   <li>views (GET): {@code task/{id}}, its {@code form-variables}, {@code variables}, {@code localVariables},
 *       {@code rendered-form}, {@code deployed-form}, {@code comment} and {@code attachment};
 *       {@code process-instance/{id}} and its {@code variables}; {@code history/process-instance/{id}};</li>
 *   <li>changes (any other method): everything under {@code task/{id}} (complete, submit-form, claim, assignee,
 *       variables, ...) and {@code process-instance/{id}}, and {@code history/process-instance/{id}}.</li>
 * </ul>
 * Paths are matched as the container decoded and normalised them, without path parameters ({@code ;x}), so however a
 * path is spelt the engine acts on nothing that is not recorded.
 * The pathway is resolved before the request goes on (a completed task is gone afterwards), with one query, and
 * only for a request with a logged-in user. The row carries the status answered. An audit failure is logged and the
 * request goes on.
 */
class EngineAuditFilter extends HttpFilter {

    private static final Logger log = LoggerFactory.getLogger(EngineAuditFilter.class);

    /** An optional engine name ({@code /engine/default}), then the resource. */
    private static final Pattern ENGINE = Pattern.compile("^(?:/engine/([^/]+))?(/.*)$");
    private static final Pattern TASK = Pattern.compile("^/task/([^/]+)(/.*)?$");
    private static final Pattern PROCESS_INSTANCE = Pattern.compile("^/process-instance/([^/]+)(/.*)?$");
    private static final Pattern HISTORIC_PROCESS_INSTANCE = Pattern.compile("^/history/process-instance/([^/]+)$");
    private static final Pattern TASK_VIEWS = Pattern.compile(
            "^(|/form-variables|/rendered-form|/deployed-form|/(variables|localVariables|comment|attachment)(/[^/]+)?(/data)?)$");
    private static final Pattern PROCESS_INSTANCE_VIEWS = Pattern.compile("^(|/variables(/[^/]+)?(/data)?)$");
    /** Collection resources beside the ids. */
    private static final Set<String> NOT_IDS = Set.of("count", "create", "report", "suspended", "delete",
            "job-retries", "variables-async", "message-async", "delete-historic-query-based",
            "job-retries-historic-query-based", "set-removal-time", "batch");

    private final transient Surface surface;
    private final String prefix;
    private final transient BiFunction<HttpServletRequest, String, String> currentUser;
    private final transient EnginePathways pathways;
    private final transient AuditTrail trail;

    /**
     * @param prefix      the path the engine resources are under ({@code /engine-rest})
     * @param currentUser the logged-in user of the request for an engine name (null: the default engine), or null
     */
    EngineAuditFilter(Surface surface, String prefix, BiFunction<HttpServletRequest, String, String> currentUser,
                      EnginePathways pathways, AuditTrail trail) {
        this.surface = surface;
        this.prefix = prefix;
        this.currentUser = currentUser;
        this.pathways = pathways;
        this.trail = trail;
    }

    /**
     * The path as the servlet container mapped it, and as the REST API matches it: decoded, normalised and without
     * path parameters. The raw request URI would let {@code /task/{id}/variables;x}, {@code /task/{id};x/claim} or a
     * percent-encoded id reach the engine without matching here.
     */
    static String path(HttpServletRequest request) {
        return request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
    }

    /** What a request is about: filled in before it goes on. */
    private record Access(String userId, String pathwayId, Action action, String what) {
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Access access = null;
        try {
            access = access(request);
        } catch (RuntimeException e) {
            log.error("Could not find the pathway of {} {} for the audit trail: {}", request.getMethod(),
                    surface.code(), e.toString());
        }
        if (access == null) {
            chain.doFilter(request, response);
            return;
        }
        int outcome = 500;
        try {
            chain.doFilter(request, response);
            outcome = response.getStatus();
        } finally {
            try {
                trail.record(access.userId(), access.pathwayId(), access.action(), surface, access.what(), outcome);
            } catch (RuntimeException e) {
                log.error("Could not record '{}' on pathway {} in the audit trail: {}", access.what(),
                        access.pathwayId(), e.toString());
            }
        }
    }

    private Access access(HttpServletRequest request) {
        String path = path(request);
        if (!path.startsWith(prefix)) {
            return null;
        }
        Matcher engine = ENGINE.matcher(path.substring(prefix.length()));
        if (!engine.matches()) {
            return null;
        }
        String resource = engine.group(2);
        String method = request.getMethod();
        Action action = Action.of(method);
        Matcher m;
        String template;
        String id;
        boolean task;
        if ((m = TASK.matcher(resource)).matches()) {
            String sub = m.group(2) == null ? "" : m.group(2);
            if (action == Action.VIEW && !TASK_VIEWS.matcher(sub).matches()) {
                return null;
            }
            template = "task/{id}" + sub.replaceAll("^/(variables|localVariables|comment|attachment)/[^/]+", "/$1/{name}");
            id = m.group(1);
            task = true;
        } else if ((m = PROCESS_INSTANCE.matcher(resource)).matches()) {
            String sub = m.group(2) == null ? "" : m.group(2);
            if (action == Action.VIEW && !PROCESS_INSTANCE_VIEWS.matcher(sub).matches()) {
                return null;
            }
            template = "process-instance/{id}" + sub.replaceAll("^/variables/[^/]+", "/variables/{name}");
            id = m.group(1);
            task = false;
        } else if ((m = HISTORIC_PROCESS_INSTANCE.matcher(resource)).matches()) {
            template = "history/process-instance/{id}";
            id = m.group(1);
            task = false;
        } else {
            return null;
        }
        if (NOT_IDS.contains(id)) {
            return null;
        }
        String userId = currentUser.apply(request, engine.group(1));
        if (userId == null) {
            return null;
        }
        Optional<Resolved> resolved = task ? pathways.ofTask(id) : pathways.ofProcessInstance(id);
        if (resolved.isEmpty() || resolved.get().pathwayId() == null) {
            return null;
        }
        String kind = resolved.get().kind() == null ? "" : " " + resolved.get().kind();
        return new Access(userId, resolved.get().pathwayId(), action, method + " " + template + kind);
    }
}
