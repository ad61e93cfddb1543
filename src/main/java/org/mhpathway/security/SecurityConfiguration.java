package org.mhpathway.security;

import java.util.List;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.mhpathway.access.Allowed;
import org.mhpathway.system.FieldProblem;
import org.mhpathway.system.InvalidRequestException;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.web.servlet.DelegatingFilterProxyRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.AbstractSecurityWebApplicationInitializer;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.RequestRejectedHandler;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.web.servlet.HandlerExceptionResolver;

/**
 * Who may reach what. The Camunda webapps (Tasklist, Cockpit, Admin) keep their own session login; {@code /engine-rest}
 * authenticates each request with HTTP Basic against the same users, so the engine's authorizations and tenant checks
 * apply to it; {@code /api} is Spring Security's: Camunda users log in through {@link ApiLogin} and each endpoint's
 * {@link Allowed} decides ({@link ApiAccessRules}), while partners send their own credential to
 * {@code /api/partner-messages} on a chain of their own. Only {@code /actuator/health} and its liveness and readiness
 * probes, and the API's OpenAPI description ({@code /api-docs}), answer without credentials.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration {

    /** Where Camunda's authentication runs among the {@code /engine-rest} filters: filters that need the user follow it. */
    public static final int ENGINE_REST_AUTHENTICATION_ORDER = Ordered.LOWEST_PRECEDENCE - 100;

    /** The partners' own chain ({@code /api/partner-messages}) comes first: {@code /api/**} would match it too. */
    public static final int PARTNER_API_ORDER = 1;
    public static final int API_ORDER = 2;
    /** Further places that use the API's login ({@link ApiLogin}), such as the demo's inbox. */
    public static final int API_LOGIN_ELSEWHERE_ORDER = 3;

    /** {@code /api} but the partners' messages: Camunda users, through {@link ApiLogin} and {@link ApiAccessRules}. */
    @Bean
    @Order(API_ORDER)
    SecurityFilterChain apiFilterChain(HttpSecurity http, ApiLogin login) throws Exception {
        return login.chain(http, "/api/**");
    }

    /**
     * Spring Security's filter sees only the paths its chains guard: the API, and the demo's inbox, which takes the
     * API's login. {@code /engine-rest} and the webapps keep Camunda's own filter and login, untouched by it.
     */
    public static final List<String> SPRING_SECURITY_PATHS = List.of("/api/*", "/demo/partner-inbox");

    @Bean
    static BeanPostProcessor springSecurityOnlyWhereItGuards() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessBeforeInitialization(Object bean, String name) {
                if (bean instanceof DelegatingFilterProxyRegistrationBean registration
                        && AbstractSecurityWebApplicationInitializer.DEFAULT_FILTER_NAME.equals(registration.getFilterName())) {
                    registration.setUrlPatterns(SPRING_SECURITY_PATHS);
                }
                return bean;
            }
        };
    }

    /**
     * Spring Security's firewall, but for control characters in a path or parameter: those reach
     * {@code HttpHardening}, which answers 400 naming the field that holds one. Anything else it refuses is answered
     * as problem+json too.
     */
    @Bean
    static HttpFirewall apiFirewall() {
        StrictHttpFirewall firewall = new StrictHttpFirewall();
        firewall.setAllowNull(true);
        firewall.setAllowedParameterValues(value -> true);
        return firewall;
    }

    /** Answered by {@code ProblemResponses}, as every other bad request of the API. */
    @Bean
    static RequestRejectedHandler apiRequestRejected(
            @Qualifier("handlerExceptionResolver") ObjectProvider<HandlerExceptionResolver> resolver) {
        return (request, response, rejected) -> resolver.getObject().resolveException(request, response, null,
                new InvalidRequestException("Invalid request", List.of(new FieldProblem("request", "is malformed"))));
    }

    /** Camunda's own filter for its REST API: HTTP Basic, then the user's groups and tenants for every engine call. */
    @Bean
    FilterRegistrationBean<ProcessEngineAuthenticationFilter> engineRestAuthenticationFilter() {
        FilterRegistrationBean<ProcessEngineAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ProcessEngineAuthenticationFilter());
        registration.addInitParameter(ProcessEngineAuthenticationFilter.AUTHENTICATION_PROVIDER_PARAM,
                HttpBasicAuthenticationProvider.class.getName());
        registration.addUrlPatterns("/engine-rest/*");
        registration.setName("engineRestAuthenticationFilter");
        registration.setOrder(ENGINE_REST_AUTHENTICATION_ORDER);
        return registration;
    }

    /**
     * The engine's side of the rules: every process instance belongs to the ICS of its pathway (a Camunda tenant, see
     * {@link PathwayTenants}); no authorization rows per task, the groups' grants being on process definitions
     * ({@link PathwayAuthorizationProvider}, {@link GroupAuthorizations}); and a task worked only by its candidates
     * ({@link TaskWorkGuard}, through the engine's own task and form services).
     */
    @Bean
    static ProcessEnginePlugin engineSecurityPlugin() {
        return new AbstractProcessEnginePlugin() {
            @Override
            public void preInit(ProcessEngineConfigurationImpl configuration) {
                configuration.setTenantIdProvider(new PathwayTenants());
                configuration.setResourceAuthorizationProvider(new PathwayAuthorizationProvider());
                configuration.setTaskService(new GuardedTaskService());
                configuration.setFormService(new GuardedFormService());
            }
        };
    }
}
