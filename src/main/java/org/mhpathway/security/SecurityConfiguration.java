package org.mhpathway.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.camunda.bpm.engine.rest.security.auth.ProcessEngineAuthenticationFilter;
import org.camunda.bpm.engine.rest.security.auth.impl.HttpBasicAuthenticationProvider;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.core.Ordered;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * Who may reach what. The Camunda webapps (Tasklist, Cockpit, Admin) keep their own session login; {@code /engine-rest}
 * authenticates each request with HTTP Basic against the same users, so the engine's authorizations and tenant checks
 * apply to it; {@code /api} is authenticated by {@link ApiAuthenticationFilter} and decided per endpoint by
 * {@link Allowed}. Only {@code /actuator/health} and its liveness and readiness probes answer without credentials.
 */
@Configuration(proxyBeanMethods = false)
public class SecurityConfiguration implements WebMvcConfigurer {

    /** Where Camunda's authentication runs among the {@code /engine-rest} filters: filters that need the user follow it. */
    public static final int ENGINE_REST_AUTHENTICATION_ORDER = Ordered.LOWEST_PRECEDENCE - 100;

    private final PathwayAccess pathways;

    public SecurityConfiguration(PathwayAccess pathways) {
        this.pathways = pathways;
    }

    @Bean
    FilterRegistrationBean<ApiAuthenticationFilter> apiAuthenticationFilter(IdentityService identity, ObjectMapper json) {
        FilterRegistrationBean<ApiAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new ApiAuthenticationFilter(identity, json));
        registration.addUrlPatterns("/api/*");
        registration.setName("apiAuthenticationFilter");
        return registration;
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

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ApiAccessInterceptor(pathways)).addPathPatterns("/api/**");
    }

    @Override
    public void addArgumentResolvers(List<HandlerMethodArgumentResolver> resolvers) {
        resolvers.add(new HandlerMethodArgumentResolver() {
            @Override
            public boolean supportsParameter(MethodParameter parameter) {
                return Caller.class.equals(parameter.getParameterType());
            }

            @Override
            public Object resolveArgument(MethodParameter parameter, ModelAndViewContainer mav, NativeWebRequest request,
                                          WebDataBinderFactory binders) {
                return request.getAttribute(Caller.ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
            }
        });
    }
}
