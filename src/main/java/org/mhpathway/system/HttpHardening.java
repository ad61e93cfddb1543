package org.mhpathway.system;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpHeaders;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What every request to the service is held to before a handler sees it: a body no larger than {@link HttpLimits},
 * and, for the service's own API, strictly typed JSON ({@link StrictJson}), path variables and parameters without
 * control characters, and answers that no cache keeps.
 *
 * <p>The size filters run first of all, before the authentication filters: a body too large is refused without
 * checking a password (a cost worth sparing to a flood of large requests) and without reading a byte of it; the
 * refusal says nothing but the published limit.
 */
@Configuration(proxyBeanMethods = false)
public class HttpHardening implements WebMvcConfigurer {

    static final int ORDER = Ordered.HIGHEST_PRECEDENCE + 10;
    /**
     * The Camunda REST API, and the same API as the webapps call it with their session login (Tasklist submits forms
     * through {@code /camunda/api/engine}): both are held to the engine-rest limit and refuse Java-serialized values.
     */
    static final String[] ENGINE_APIS = {"/engine-rest/*", "/camunda/api/*"};

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> apiBodySizeLimitFilter(HttpLimits limits, ObjectMapper json) {
        return registration("apiBodySizeLimitFilter", limits.maxBodySize().toBytes(), json, "/api/*");
    }

    @Bean
    FilterRegistrationBean<BodySizeLimitFilter> engineRestBodySizeLimitFilter(HttpLimits limits, ObjectMapper json) {
        return registration("engineRestBodySizeLimitFilter", limits.engineRestMaxBodySize().toBytes(), json,
                ENGINE_APIS);
    }

    /**
     * After the size limit, before authentication: a Java-serialized value, a null body, a nesting too deep or a
     * negative page is refused whoever sends it ({@link EngineRequestFilter}).
     */
    @Bean
    FilterRegistrationBean<EngineRequestFilter> engineRequestFilter(ObjectMapper json) {
        FilterRegistrationBean<EngineRequestFilter> registration =
                new FilterRegistrationBean<>(new EngineRequestFilter(json));
        registration.addUrlPatterns(ENGINE_APIS);
        registration.setName("engineRequestFilter");
        registration.setOrder(ORDER + 10);
        return registration;
    }

    private static FilterRegistrationBean<BodySizeLimitFilter> registration(String name, long limit, ObjectMapper json,
                                                                            String... patterns) {
        FilterRegistrationBean<BodySizeLimitFilter> registration =
                new FilterRegistrationBean<>(new BodySizeLimitFilter(limit, json));
        registration.addUrlPatterns(patterns);
        registration.setName(name);
        registration.setOrder(ORDER);
        return registration;
    }

    /**
     * Every answer of the service's API (and of the demo's partner inbox) may carry patient data: no browser, proxy or
     * intermediary may keep a copy of it. Set before anything else runs, so refusals (401, 413) carry it too.
     */
    @Bean
    FilterRegistrationBean<HttpFilter> apiNoStoreFilter() {
        FilterRegistrationBean<HttpFilter> registration = new FilterRegistrationBean<>(new HttpFilter() {
            @Override
            protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws IOException, ServletException {
                response.setHeader(HttpHeaders.CACHE_CONTROL, CacheControl.noStore().getHeaderValue());
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns("/api/*", "/demo/*");
        registration.setName("apiNoStoreFilter");
        registration.setOrder(ORDER - 1);
        return registration;
    }

    /**
     * The API's request bodies are read strictly ({@link StrictJson}): a field of the wrong JSON type, with a control
     * character, given twice or not known to the endpoint is refused (400 naming it, see {@link ProblemResponses})
     * rather than coerced or silently dropped. The application's shared ObjectMapper is left as it is.
     */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (HttpMessageConverter<?> converter : converters) {
            if (converter instanceof MappingJackson2HttpMessageConverter jackson) {
                jackson.setObjectMapper(StrictJson.reader(jackson.getObjectMapper()));
            }
        }
    }

    /** Path variables and query parameters are held to the same text rule as bodies, before any handler reads them. */
    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        registry.addInterceptor(new ControlCharacterRefusal()).addPathPatterns("/api/**")
                .order(Ordered.HIGHEST_PRECEDENCE + 1);
    }

    /** 400 naming the first path variable or query parameter that holds a control character. */
    static final class ControlCharacterRefusal implements HandlerInterceptor {

        @Override
        public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
            @SuppressWarnings("unchecked")
            Map<String, String> variables =
                    (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
            if (variables != null) {
                variables.forEach(ControlCharacterRefusal::check);
            }
            request.getParameterMap().forEach((name, values) -> {
                check(name, name);
                for (String value : values) {
                    check(name, value);
                }
            });
            return true;
        }

        private static void check(String name, String value) {
            if (StrictJson.hasControlCharacter(value)) {
                String field = StrictJson.hasControlCharacter(name) ? "request" : name;
                throw new InvalidRequestException("Invalid request",
                        List.of(new FieldProblem(field, StrictJson.CONTROL_CHARACTERS)));
            }
        }
    }
}
