package org.mhpathway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import java.util.Optional;
import org.camunda.bpm.webapp.impl.security.auth.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.AuthenticationUtil;
import org.camunda.bpm.webapp.impl.security.auth.Authentications;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;

/** The user logged in to Tasklist or Cockpit: held in the webapp's HTTP session, one login per process engine. */
public final class WebappUsers {

    public static final String DEFAULT_ENGINE = "default";

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
}
