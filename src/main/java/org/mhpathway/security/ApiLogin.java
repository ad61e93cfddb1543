package org.mhpathway.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.session.NullAuthenticatedSessionStrategy;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;
import org.springframework.security.web.csrf.DefaultCsrfToken;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerExceptionResolver;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

/**
 * The login of the service's API, as one Spring Security filter chain per place it guards ({@code /api}, and the
 * demo's inbox). A request carries HTTP Basic credentials of a Camunda user ({@link CamundaUsers}: the same users,
 * passwords and lock-out as Tasklist and Cockpit), or, without an {@code Authorization} header, comes from a browser
 * logged in to Tasklist or Cockpit (the service's own pages, such as {@code /referral/}): the webapp session names the
 * user, and a request that changes anything must carry that session's CSRF token in {@code X-XSRF-TOKEN}, as
 * Camunda's own webapp API requires. What each user may then do is {@link ApiAccessRules}. No session of Spring
 * Security's own is kept; no or bad credentials answer 401 with a Basic challenge, before anything is read or
 * recorded ({@link ProblemAnswers}).
 */
@Component
public class ApiLogin {

    public static final String REALM = "mh-pathway";

    private final CamundaUsers users;
    private final ApiAccessRules rules;
    private final ProblemAnswers problems;

    ApiLogin(CamundaUsers users, PathwayAccess pathways,
             @Qualifier("requestMappingHandlerMapping") ObjectProvider<RequestMappingHandlerMapping> handlers,
             @Qualifier("handlerExceptionResolver") HandlerExceptionResolver resolver) {
        this.users = users;
        this.rules = new ApiAccessRules(pathways, handlers);
        this.problems = new ProblemAnswers(resolver, REALM,
                "Send your user id and password (the ones you use for Tasklist) with HTTP Basic.",
                "is required: HTTP Basic with your user id and password, or a Tasklist login in this browser",
                "does not name a user with this password",
                "user id or password");
    }

    /** The chain guarding the paths that match {@code pattern} (a Spring path pattern, {@code /api/**}). */
    public SecurityFilterChain chain(HttpSecurity http, String pattern) throws Exception {
        return http.securityMatcher(PathPatternRequestMatcher.withDefaults().matcher(pattern))
                .authenticationManager(new ProviderManager(users))
                .httpBasic(basic -> basic.realmName(REALM).authenticationEntryPoint(problems))
                .addFilterBefore(new TasklistSessionLogin(users), BasicAuthenticationFilter.class)
                .csrf(csrf -> csrf.csrfTokenRepository(new TasklistSessionTokens())
                        .csrfTokenRequestHandler(new CsrfTokenRequestAttributeHandler())
                        .requireCsrfProtectionMatcher(ApiLogin::changeThroughTasklistSession))
                .authorizeHttpRequests(requests -> requests.anyRequest().access(rules))
                .exceptionHandling(refusals -> refusals.authenticationEntryPoint(problems).accessDeniedHandler(problems))
                // the Tasklist session is Camunda's: read, never renewed (a new id would log out its other calls)
                .sessionManagement(sessions -> sessions.sessionCreationPolicy(SessionCreationPolicy.STATELESS)
                        .sessionAuthenticationStrategy(new NullAuthenticatedSessionStrategy()))
                .requestCache(cache -> cache.disable())
                .logout(logout -> logout.disable())
                .build();
    }

    /** A change (not GET, HEAD or OPTIONS) sent without HTTP Basic by a browser logged in to Tasklist or Cockpit. */
    private static boolean changeThroughTasklistSession(HttpServletRequest request) {
        return !WebappUsers.safeMethod(request) && request.getHeader(HttpHeaders.AUTHORIZATION) == null
                && WebappUsers.of(request, null).isPresent();
    }

    /** The Tasklist or Cockpit login of the browser, when the request carries no {@code Authorization} header. */
    static final class TasklistSessionLogin extends OncePerRequestFilter {

        private final CamundaUsers users;
        private final SecurityContextHolderStrategy contexts = SecurityContextHolder.getContextHolderStrategy();

        TasklistSessionLogin(CamundaUsers users) {
            this.users = users;
        }

        @Override
        protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws ServletException, IOException {
            if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
                WebappUsers.of(request, null).map(UserAuthentication::getIdentityId).filter(users::exists)
                        .ifPresent(userId -> {
                            SecurityContext context = contexts.createEmptyContext();
                            context.setAuthentication(users.authenticated(userId));
                            contexts.setContext(context);
                        });
            }
            chain.doFilter(request, response);
        }
    }

    /**
     * The CSRF token Camunda's webapps keep in their session, read and never written: a session without one (or no
     * session) is given a random token nobody knows, so its changes are refused.
     */
    static final class TasklistSessionTokens implements CsrfTokenRepository {

        @Override
        public CsrfToken generateToken(HttpServletRequest request) {
            return new DefaultCsrfToken(WebappUsers.CSRF_TOKEN_HEADER, "_csrf", UUID.randomUUID().toString());
        }

        @Override
        public void saveToken(CsrfToken token, HttpServletRequest request, HttpServletResponse response) {
            // the webapps own the token
        }

        @Override
        public CsrfToken loadToken(HttpServletRequest request) {
            return WebappUsers.csrfToken(request)
                    .map(token -> new DefaultCsrfToken(WebappUsers.CSRF_TOKEN_HEADER, "_csrf", token)).orElse(null);
        }
    }
}
