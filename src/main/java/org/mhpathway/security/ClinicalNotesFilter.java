package org.mhpathway.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.http.MediaType;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * The discharge hub and housing work tasks of their own, but some run inside a process that holds the whole
 * pathway's variables, and Camunda's authorizations stop at the task: whoever may read a task reads every variable
 * in its scope. For a user whose only groups are {@link Roles#ESCALATION} this filter takes the clinical notes
 * ({@code mhpathway.security.clinical-notes}) out of a task's variables and form variables, on {@code /engine-rest}
 * and on the webapps' engine API, and refuses reading one of them by name. Everyone else is untouched.
 */
public class ClinicalNotesFilter extends HttpFilter {

    /** {@code [/engine/{name}]/task/{id}/variables|form-variables[/{name}[/data]]}. */
    static final Pattern TASK_VARIABLES = Pattern.compile(
            "^(?:/engine/[^/]+)?/task/[^/]+/(?:variables|form-variables)(?:/([^/]+)(?:/data)?)?/?$");

    private final transient String prefix;
    private final transient Function<HttpServletRequest, Set<String>> groupsOf;
    private final transient Set<String> clinicalNotes;
    private final transient ObjectMapper json;

    public ClinicalNotesFilter(String prefix, Function<HttpServletRequest, Set<String>> groupsOf,
                               Set<String> clinicalNotes, ObjectMapper json) {
        this.prefix = prefix;
        this.groupsOf = groupsOf;
        this.clinicalNotes = Set.copyOf(clinicalNotes);
        this.json = json;
    }

    /** True for a user who works escalations only: no clinical, managers' or administrators' group. */
    static boolean escalationOnly(Set<String> groups) {
        return groups != null && groups.stream().anyMatch(Roles.ESCALATION::contains)
                && groups.stream().noneMatch(g -> Roles.CLINICAL.contains(g) || Roles.MANAGERS.equals(g)
                        || Roles.ADMINISTRATORS.equals(g));
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        Matcher m = path.startsWith(prefix) ? TASK_VARIABLES.matcher(path.substring(prefix.length())) : null;
        if (!"GET".equals(request.getMethod()) || m == null || !m.matches() || !escalationOnly(groupsOf.apply(request))) {
            chain.doFilter(request, response);
            return;
        }
        String name = m.group(1);
        if (name != null) {
            if (clinicalNotes.contains(name)) {
                response.setStatus(HttpServletResponse.SC_FORBIDDEN);
                response.setContentType(MediaType.APPLICATION_JSON_VALUE);
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                json.writeValue(response.getOutputStream(), java.util.Map.of("type", "AuthorizationException",
                        "message", "Variable '" + name + "' is a clinical note: the discharge hub and housing do not read it"));
                return;
            }
            chain.doFilter(request, response);
            return;
        }
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        chain.doFilter(request, captured);
        byte[] body = captured.getContentAsByteArray();
        if (captured.getStatus() == HttpServletResponse.SC_OK && body.length > 0) {
            JsonNode variables = json.readTree(body);
            if (variables instanceof ObjectNode object) {
                object.remove(clinicalNotes);
                captured.resetBuffer();
                byte[] kept = json.writeValueAsBytes(object);
                captured.getOutputStream().write(kept);
            }
        }
        captured.copyBodyToResponse();
    }
}
