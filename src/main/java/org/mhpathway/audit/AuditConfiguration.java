package org.mhpathway.audit;

import jakarta.servlet.http.HttpServletRequest;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.webapp.impl.security.auth.UserAuthentication;
import org.mhpathway.security.WebappUsers;
import org.mhpathway.audit.AuditEntry.Surface;
import org.mhpathway.security.SecurityConfiguration;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.security.authorization.AuthorizationEventPublisher;
import org.springframework.security.authorization.SpringAuthorizationEventPublisher;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Where the audit trail is recorded: {@code /api} by {@link ApiAuditInterceptor} (with the refusals of the access
 * rules, which Spring Security publishes), {@code /engine-rest} and the webapps' engine API by {@link EngineAuditFilter}. Also turns on Spring's
 * scheduler for {@link AuditRetention}.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class AuditConfiguration implements WebMvcConfigurer {

    static final String ENGINE_REST = "/engine-rest";
    static final String WEBAPP_ENGINE_API = "/camunda/api/engine";

    private final AuditTrail trail;
    private final ApiAuditInterceptor apiAudit;

    AuditConfiguration(AuditTrail trail, ApiAuditInterceptor apiAudit) {
        this.trail = trail;
        this.apiAudit = apiAudit;
    }

    /** Spring Security publishes each refusal of its access rules, for {@link ApiAuditInterceptor} to record. */
    @Bean
    AuthorizationEventPublisher authorizationEventPublisher(ApplicationEventPublisher events) {
        return new SpringAuthorizationEventPublisher(events);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(apiAudit).addPathPatterns("/api/**")
                .order(Ordered.HIGHEST_PRECEDENCE);
    }

    /** After Camunda's authentication of {@code /engine-rest}: the user is then the engine's current authentication. */
    @Bean
    FilterRegistrationBean<EngineAuditFilter> engineRestAuditFilter(EnginePathways pathways, IdentityService identity) {
        FilterRegistrationBean<EngineAuditFilter> registration = new FilterRegistrationBean<>(new EngineAuditFilter(
                Surface.ENGINE_REST, ENGINE_REST, (request, engine) -> {
                    Authentication current = identity.getCurrentAuthentication();
                    return current == null ? null : current.getUserId();
                }, pathways, trail));
        registration.addUrlPatterns(ENGINE_REST + "/*");
        registration.setName("engineRestAuditFilter");
        registration.setOrder(SecurityConfiguration.ENGINE_REST_AUTHENTICATION_ORDER + 1);
        return registration;
    }

    /** Tasklist and Cockpit: the user is the one logged in to the webapp session for the engine in the path. */
    @Bean
    FilterRegistrationBean<EngineAuditFilter> webappAuditFilter(EnginePathways pathways) {
        FilterRegistrationBean<EngineAuditFilter> registration = new FilterRegistrationBean<>(new EngineAuditFilter(
                Surface.WEBAPP, WEBAPP_ENGINE_API, AuditConfiguration::webappUser, pathways, trail));
        registration.addUrlPatterns(WEBAPP_ENGINE_API + "/*");
        registration.setName("webappAuditFilter");
        return registration;
    }

    static String webappUser(HttpServletRequest request, String engine) {
        return WebappUsers.of(request, engine).map(UserAuthentication::getName).orElse(null);
    }
}
