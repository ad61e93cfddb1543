package org.mhpathway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;
import java.util.Set;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.camunda.bpm.webapp.impl.security.filter.util.CsrfConstants;

/** The user logged in to Tasklist or Cockpit: held in the webapp's HTTP session, one login per process engine. */
public final class WebappUsers {

    public static final String DEFAULT_ENGINE = "default";
    /** The header Camunda's webapps send their session's CSRF token in; the service's pages send it to /api too. */
    public static final String CSRF_TOKEN_HEADER = CsrfConstants.CSRF_TOKEN_HEADER_NAME;

    private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

    private WebappUsers() {
    }

    /** The request's logged-in user for the engine (the default engine when null), if any. */
    public static Optional<UserAuthentication> of(HttpServletRequest request, String engine) {
        HttpSession session = request.getSession(false);
        Authentications all = session == null ? null : AuthenticationUtil.getAuthsFromSession(session);
        Authentication login = all == null ? null
                : all.getAuthenticationForProcessEngine(engine == null ? DEFAULT_ENGINE : engine);
        return login instanceof UserAuthentication user ? Optional.of(user) : Optional.empty();
    }

    /** The CSRF token Camunda's webapps hold in this request's session (set on the session's first page), if any. */
    public static Optional<String> csrfToken(HttpServletRequest request) {
        HttpSession session = request.getSession(false);
        Object token = session == null ? null : session.getAttribute(CsrfConstants.CSRF_TOKEN_SESSION_ATTR_NAME);
        return token instanceof String value && !value.isEmpty() ? Optional.of(value) : Optional.empty();
    }

    /** True when the request carries its session's CSRF token in {@link #CSRF_TOKEN_HEADER}. */
    public static boolean csrfTokenMatches(HttpServletRequest request) {
        String sent = request.getHeader(CSRF_TOKEN_HEADER);
        return sent != null && csrfToken(request).map(held -> MessageDigest.isEqual(
                held.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8))).orElse(false);
    }

    /** GET, HEAD and OPTIONS change nothing, so a session needs no CSRF token for them (as in Camunda's webapps). */
    public static boolean safeMethod(HttpServletRequest request) {
        return SAFE_METHODS.contains(request.getMethod());
    }
}
