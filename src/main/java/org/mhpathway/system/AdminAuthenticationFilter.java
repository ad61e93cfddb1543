package org.mhpathway.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.authorization.Groups;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Admits only Camunda administrators: HTTP Basic, checked against Camunda's users (the same as the Admin web
 * app's login) and membership of {@code camunda-admin}. No or bad credentials answer 401 with a Basic
 * challenge; a user who is not an administrator answers 403. Both as problem+json.
 *
 * <p>Camunda's brute-force protection applies: after a wrong password the user is refused for a few seconds,
 * growing with each failure, and locked after {@code loginMaxAttempts} failures until an administrator unlocks
 * them in Camunda Admin.
 */
public class AdminAuthenticationFilter extends HttpFilter {

    public static final String REALM = "mh-pathway";
    public static final URI UNAUTHORIZED = URI.create("urn:mh-pathway:problem:unauthorized");
    public static final URI FORBIDDEN = URI.create("urn:mh-pathway:problem:forbidden");

    private static final Logger log = LoggerFactory.getLogger(AdminAuthenticationFilter.class);

    private final transient IdentityService identity;
    private final transient ObjectMapper json;

    public AdminAuthenticationFilter(IdentityService identity, ObjectMapper json) {
        this.identity = identity;
        this.json = json;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String[] credentials = basicCredentials(request.getHeader(HttpHeaders.AUTHORIZATION));
        if (credentials == null) {
            unauthorized(request, response, "is required: HTTP Basic with a Camunda administrator's user id and password");
            return;
        }
        String userId = credentials[0];
        if (userId.isEmpty() || !identity.checkPassword(userId, credentials[1])) {
            log.warn("Refused {} {}: wrong user id or password for '{}'", request.getMethod(), request.getRequestURI(),
                    printable(userId));
            unauthorized(request, response, "does not name a user with this password");
            return;
        }
        if (identity.createUserQuery().userId(userId).memberOfGroup(Groups.CAMUNDA_ADMIN).count() == 0) {
            log.warn("Refused {} {}: '{}' is not in {}", request.getMethod(), request.getRequestURI(), userId,
                    Groups.CAMUNDA_ADMIN);
            problem(request, response, HttpServletResponse.SC_FORBIDDEN, FORBIDDEN, "Administrators only",
                    "Only members of " + Groups.CAMUNDA_ADMIN + " may manage the partner directory.",
                    "Authorization", "names a user who is not in " + Groups.CAMUNDA_ADMIN);
            return;
        }
        chain.doFilter(request, response);
    }

    /** The user id as it may appear in the log: whatever a client sends, no line breaks or control characters. */
    private static String printable(String userId) {
        String shown = userId.replaceAll("\\p{Cntrl}", "?");
        return shown.length() > 64 ? shown.substring(0, 64) + "…" : shown;
    }

    /** {user, password} from a Basic {@code Authorization} header, or null when there is none or it is unreadable. */
    static String[] basicCredentials(String header) {
        if (header == null || header.length() < 6 || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : new String[] {decoded.substring(0, colon), decoded.substring(colon + 1)};
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    private void unauthorized(HttpServletRequest request, HttpServletResponse response, String message) throws IOException {
        response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"" + REALM + "\"");
        problem(request, response, HttpServletResponse.SC_UNAUTHORIZED, UNAUTHORIZED, "Authentication required",
                "The partner directory is for administrators: send a Camunda administrator's user id and password"
                        + " with HTTP Basic.", "Authorization", message);
    }

    private void problem(HttpServletRequest request, HttpServletResponse response, int status, URI type, String title,
                         String detail, String field, String message) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.toString());
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        body.put("errors", List.of(new FieldProblem(field, message)));
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), body);
    }
}
