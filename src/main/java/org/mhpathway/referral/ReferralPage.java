package org.mhpathway.referral;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The referral page, {@code /referral/}: static HTML and script ({@code static/referral/}) that refer a person
 * through {@code POST /api/referrals} with the Tasklist login of the browser, so bed managers and ward clinicians
 * need no other tool. The page loads nothing from anywhere but this service, and its headers say so.
 */
@Configuration(proxyBeanMethods = false)
class ReferralPage implements WebMvcConfigurer {

    static final String PATH = "/referral/";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'; object-src 'none'";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        registry.addRedirectViewController("/referral", PATH);
        registry.addViewController(PATH).setViewName("forward:" + PATH + "index.html");
    }

    @Bean
    FilterRegistrationBean<HttpFilter> referralPageHeaders() {
        FilterRegistrationBean<HttpFilter> registration = new FilterRegistrationBean<>(new HttpFilter() {
            @Override
            protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setHeader("Referrer-Policy", "same-origin");
                response.setHeader("Cache-Control", "no-cache");
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/referral", PATH + "*");
        registration.setName("referralPageHeaders");
        return registration;
    }
}
