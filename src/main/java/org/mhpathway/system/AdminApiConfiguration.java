package org.mhpathway.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.camunda.bpm.engine.IdentityService;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The parts of the service's API that only administrators may use. */
@Configuration(proxyBeanMethods = false)
public class AdminApiConfiguration {

    /** The partner directory: {@code /api/partners} and everything under it. */
    public static final String PARTNER_DIRECTORY = "/api/partners/*";

    @Bean
    FilterRegistrationBean<AdminAuthenticationFilter> adminAuthenticationFilter(IdentityService identity,
                                                                              ObjectMapper json) {
        FilterRegistrationBean<AdminAuthenticationFilter> registration =
                new FilterRegistrationBean<>(new AdminAuthenticationFilter(identity, json));
        registration.addUrlPatterns(PARTNER_DIRECTORY);
        registration.setName("adminAuthenticationFilter");
        return registration;
    }
}
