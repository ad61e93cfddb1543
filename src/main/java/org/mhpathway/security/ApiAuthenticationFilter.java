package org.mhpathway.security;

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
import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.mhpathway.system.FieldProblem;
import org.mhpathway.system.LogSafe;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;

/**
 * Every {@code /api} request but the partners' own ({@code /api/partner-messages}, authenticated with each partner's
 * credential) must carry HTTP Basic credentials of a Camunda user: the same users, passwords and lock-out as the
 * Tasklist and Cockpit login. A request without an {@code Authorization} header may instead come from a browser
 * logged in to Tasklist or Cockpit (the service's own pages, such as {@code /referral/}): the webapp session names
 * the user, and a request that changes anything must carry that session's CSRF token in {@code X-XSRF-TOKEN}, as
 * Camunda's own webapp API requires. The user's groups and ICSs (tenant memberships) travel with the request as a
 * {@link Caller}; what each may do is decided per endpoint by {@link Allowed}. No or bad credentials answer 401
 * with a Basic challenge, as problem+json naming {@code Authorization}, before anything is read or recorded.
 *
 * <p>Camunda's brute-force protection applies: after a wrong password the user is refused for a few seconds,
 * growing with each failure up to a minute, and never locked for good ({@code loginDelay*} in application.yml). A
 * refused login is logged without the user id: it is whatever was typed.
 */
public class ApiAuthenticationFilter extends HttpFilter {

    public static final String REALM = "mh-pathway";
    public static final URI UNAUTHORIZED = URI.create("urn:mh-pathway:problem:unauthorized");
    public static final URI CSRF_TOKEN_MISSING = URI.create("urn:mh-pathway:problem:session-token-required");
    /** Partners authenticate themselves with their own credential there (see PartnerMessageController). */
    static final String PARTNER_MESSAGES = "/api/partner-messages";

    private static final Logger log = LoggerFactory.getLogger(ApiAuthenticationFilter.class);

    private final transient IdentityService identity;
    private final transient ObjectMapper json;

    public ApiAuthenticationFilter(IdentityService identity, ObjectMapper json) {
        this.identity = identity;
        this.json = json;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String path = request.getRequestURI().substring(request.getContextPath().length());
        if (path.equals(PARTNER_MESSAGES) || path.startsWith(PARTNER_MESSAGES + "/")) {
            chain.doFilter(request, response);
            return;
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String userId;
        if (authorization == null && WebappUsers.of(request, null).isPresent()) {
            userId = WebappUsers.of(request, null).get().getIdentityId();
            if (!WebappUsers.safeMethod(request) && !WebappUsers.csrfTokenMatches(request)) {
                log.warn("Refused {} {}: Tasklist session without its CSRF token", request.getMethod(),
                        LogSafe.redact(path));
                forbidden(request, response, WebappUsers.CSRF_TOKEN_HEADER,
                        "must carry the token of your Tasklist session (GET /api/me gives it)");
                return;
            }
            if (identity.createUserQuery().userId(userId).count() == 0) {
                unauthorized(request, response, "names a user who no longer exists: log in again");
                return;
            }
        } else {
            String[] credentials = basicCredentials(authorization);
            if (credentials == null) {
                unauthorized(request, response, "is required: HTTP Basic with your user id and password, "
                        + "or a Tasklist login in this browser");
                return;
            }
            userId = credentials[0];
            if (userId.isEmpty() || !identity.checkPassword(userId, credentials[1])) {
                // not the user id: it is whatever was typed, an NHS number pasted into the wrong field as well as a name
                log.warn("Refused {} {}: wrong user id or password", request.getMethod(), LogSafe.redact(path));
                unauthorized(request, response, "does not name a user with this password");
                return;
            }
        }
        Set<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId)
                .collect(Collectors.toSet());
        Set<String> tenants = identity.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list()
                .stream().map(Tenant::getId).collect(Collectors.toSet());
        request.setAttribute(Caller.ATTRIBUTE, new Caller(userId, groups, tenants));
        chain.doFilter(request, response);
    }

    /** {user, password} from a Basic {@code Authorization} header, or null when there is none or it is unreadable. */
    public static String[] basicCredentials(String header) {
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
                "Send your user id and password (the ones you use for Tasklist) with HTTP Basic.",
                new FieldProblem("Authorization", message));
    }

    private void forbidden(HttpServletRequest request, HttpServletResponse response, String field, String message)
            throws IOException {
        problem(request, response, HttpServletResponse.SC_FORBIDDEN, CSRF_TOKEN_MISSING, "Session token required",
                "A change made with a Tasklist login must carry the session's token in the " + field + " header.",
                new FieldProblem(field, message));
    }

    private void problem(HttpServletRequest request, HttpServletResponse response, int status, URI type, String title,
                         String detail, FieldProblem error) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", type.toString());
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("instance", request.getRequestURI());
        body.put("errors", List.of(error));
        response.setStatus(status);
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        json.writeValue(response.getOutputStream(), body);
    }
}
