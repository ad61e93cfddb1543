package org.mhpathway.system;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.converter.json.MappingJackson2HttpMessageConverter;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * What every request to the service is held to before a handler sees it: a body no larger than {@link HttpLimits},
 * and, for the service's own API, JSON with no field the endpoint does not know.
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

    /** After the size limit, before authentication: a Java-serialized value is refused whoever sends it. */
    @Bean
    FilterRegistrationBean<JavaSerializationRefusalFilter> engineRestJavaSerializationRefusalFilter(ObjectMapper json) {
        FilterRegistrationBean<JavaSerializationRefusalFilter> registration =
                new FilterRegistrationBean<>(new JavaSerializationRefusalFilter(json));
        registration.addUrlPatterns(ENGINE_APIS);
        registration.setName("engineRestJavaSerializationRefusalFilter");
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
     * A field the endpoint does not know is refused (400 naming it, see {@link ProblemResponses}) rather than
     * silently dropped, as a misspelt optional field would otherwise be. Only the API's request bodies are read this
     * way; the application's shared ObjectMapper is left as it is.
     */
    @Override
    public void extendMessageConverters(List<HttpMessageConverter<?>> converters) {
        for (HttpMessageConverter<?> converter : converters) {
            if (converter instanceof MappingJackson2HttpMessageConverter jackson) {
                ObjectMapper strict = jackson.getObjectMapper().copy()
                        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
                jackson.setObjectMapper(strict);
            }
        }
    }
}
