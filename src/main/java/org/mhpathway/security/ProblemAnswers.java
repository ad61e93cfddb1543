package org.mhpathway.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.mhpathway.system.AuthenticationRequiredException;
import org.mhpathway.system.LogSafe;
import org.mhpathway.system.NotPermittedException;
import org.mhpathway.system.SessionTokenRequiredException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.csrf.CsrfException;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Spring Security's refusals answered as every other error of the API: the exception is handed to Spring MVC's
 * exception resolvers, so {@code ProblemResponses} writes the same problem+json (401 with a Basic challenge naming
 * {@code Authorization}; 403 or 404 as {@link ApiAccessRules} decided; 403 naming {@code X-XSRF-TOKEN} for a
 * Tasklist session's change without its token). A refused login is logged without the user id: it is whatever was
 * typed, an NHS number pasted into the wrong field as well as a name.
 */
public class ProblemAnswers implements AuthenticationEntryPoint, AccessDeniedHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemAnswers.class);

    private final HandlerExceptionResolver resolver;
    private final String realm;
    private final String detail;
    private final String missing;
    private final String wrong;
    private final String credential;

    /**
     * @param realm   the Basic challenge's realm
     * @param detail  what to send, said on every 401
     * @param missing what is wrong with the {@code Authorization} header when there is none
     * @param wrong   what is wrong with it when its credentials do not check out
     * @param credential what the credential is, for the log of a refused one ("user id or password")
     */
    public ProblemAnswers(HandlerExceptionResolver resolver, String realm, String detail, String missing, String wrong,
                          String credential) {
        this.resolver = resolver;
        this.realm = realm;
        this.detail = detail;
        this.missing = missing;
        this.wrong = wrong;
        this.credential = credential;
    }

    @Override
    public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
            throws IOException {
        String message = missing;
        if (e instanceof BadCredentialsException) {
            log.warn("Refused {} {}: wrong {}", request.getMethod(), LogSafe.redact(request.getRequestURI()), credential);
            message = wrong;
        }
        answer(request, response, new AuthenticationRequiredException(realm, detail, "Authorization", message));
    }

    @Override
    public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
            throws IOException {
        RuntimeException problem;
        if (e instanceof CsrfException) {
            log.warn("Refused {} {}: Tasklist session without its CSRF token", request.getMethod(),
                    LogSafe.redact(request.getRequestURI()));
            problem = new SessionTokenRequiredException(WebappUsers.CSRF_TOKEN_HEADER);
        } else if (e instanceof AuthorizationDeniedException denied
                && denied.getAuthorizationResult() instanceof ApiAccessRules.Refusal refusal) {
            problem = refusal.problem();
        } else {
            problem = new NotPermittedException("You may not do this.", "Authorization", "may not call it");
        }
        answer(request, response, problem);
    }

    private void answer(HttpServletRequest request, HttpServletResponse response, RuntimeException problem)
            throws IOException {
        if (resolver.resolveException(request, response, null, problem) == null) {
            response.sendError(problem instanceof AuthenticationRequiredException ? 401 : 403);
        }
    }
}
