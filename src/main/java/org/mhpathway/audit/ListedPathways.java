package org.mhpathway.audit;

import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.core.MethodParameter;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageConverter;
import org.springframework.http.server.ServerHttpRequest;
import org.springframework.http.server.ServerHttpResponse;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.servlet.mvc.method.annotation.ResponseBodyAdvice;

/**
 * Notes the pathways an answer shows without naming them in its path, for {@link ApiAuditInterceptor} to record one
 * row per pathway: the items of a list ({@code GET /api/delayed-discharges} and any other list whose items carry a
 * {@code pathwayId}), and the pathways an answer names as a {@link PathwayListing}.
 */
@ControllerAdvice
class ListedPathways implements ResponseBodyAdvice<Object> {

    static final String ATTRIBUTE = ListedPathways.class.getName();

    /** The {@code pathwayId()} accessor of each record type, or none. */
    private static final Map<Class<?>, Optional<Method>> ACCESSORS = new ConcurrentHashMap<>();

    @Override
    public boolean supports(MethodParameter returnType, Class<? extends HttpMessageConverter<?>> converterType) {
        return true;
    }

    @Override
    public Object beforeBodyWrite(Object body, MethodParameter returnType, MediaType contentType,
                                  Class<? extends HttpMessageConverter<?>> converterType, ServerHttpRequest request,
                                  ServerHttpResponse response) {
        if (body instanceof PathwayListing listing && request instanceof ServletServerHttpRequest http
                && http.getServletRequest().getRequestURI().contains("/api/")) {
            Set<String> ids = new LinkedHashSet<>(listing.listedPathwayIds());
            if (!ids.isEmpty()) {
                http.getServletRequest().setAttribute(ATTRIBUTE, ids);
            }
        } else if (body instanceof Collection<?> items && !items.isEmpty()
                && request instanceof ServletServerHttpRequest http
                && http.getServletRequest().getRequestURI().contains("/api/")) {
            Set<String> ids = new LinkedHashSet<>();
            for (Object item : items) {
                String id = pathwayIdOf(item);
                if (id != null) {
                    ids.add(id);
                }
            }
            if (!ids.isEmpty()) {
                http.getServletRequest().setAttribute(ATTRIBUTE, ids);
            }
        }
        return body;
    }

    static String pathwayIdOf(Object item) {
        if (item instanceof Map<?, ?> map) {
            return map.get("pathwayId") instanceof String id ? id : null;
        }
        if (item == null || !item.getClass().isRecord()) {
            return null;
        }
        Optional<Method> accessor = ACCESSORS.computeIfAbsent(item.getClass(), type -> {
            for (RecordComponent component : type.getRecordComponents()) {
                if ("pathwayId".equals(component.getName()) && component.getType() == String.class) {
                    Method m = component.getAccessor();
                    m.setAccessible(true);
                    return Optional.of(m);
                }
            }
            return Optional.empty();
        });
        if (accessor.isEmpty()) {
            return null;
        }
        try {
            return (String) accessor.get().invoke(item);
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
