package org.mhpathway.dashboard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.ViewControllerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * The dashboards, pages people open instead of reading JSON (issue 13): the managers' indicators and deadlines, the
 * discharge hub's board, and a pathway's view that each opens. Static HTML and script ({@code static/dashboards/})
 * that call {@code /api} with the browser's Tasklist or Cockpit login, so the API's own rules decide what each user
 * sees. Charts are Apache ECharts from its webjar, served by this service: the pages load nothing from anywhere
 * else, and their headers say so.
 */
@Configuration(proxyBeanMethods = false)
class DashboardPages implements WebMvcConfigurer {

    static final String ROOT = "/dashboards/";
    /** Each page, at {@code /dashboards/<page>/}. */
    static final List<String> PAGES = List.of("indicators", "deadlines", "discharge-hub", "pathway");
    static final String ECHARTS = "/webjars/echarts/";
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: blob:; connect-src 'self'; form-action 'self'; frame-ancestors 'none'; "
            + "base-uri 'none'; object-src 'none'";

    @Override
    public void addViewControllers(ViewControllerRegistry registry) {
        for (String page : PAGES) {
            registry.addRedirectViewController(ROOT + page, ROOT + page + "/").setKeepQueryParams(true);
            registry.addViewController(ROOT + page + "/").setViewName("forward:" + ROOT + page + "/index.html");
        }
    }

    @Bean
    FilterRegistrationBean<HttpFilter> dashboardPageHeaders() {
        FilterRegistrationBean<HttpFilter> registration = new FilterRegistrationBean<>(new HttpFilter() {
            @Override
            protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                response.setHeader("Content-Security-Policy", CONTENT_SECURITY_POLICY);
                response.setHeader("X-Content-Type-Options", "nosniff");
                response.setHeader("Referrer-Policy", "same-origin");
                if (request.getRequestURI().startsWith(request.getContextPath() + ROOT)) {
                    response.setHeader("Cache-Control", "no-cache");
                }
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/dashboards", ROOT + "*", ECHARTS + "*");
        registration.setName("dashboardPageHeaders");
        return registration;
    }
}
