package org.mhpathway.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;

/**
 * Refuses, with 400, any Camunda REST request whose body carries a Java-serialized value (the data format
 * {@code application/x-java-serialized-object}, in a JSON variable or a multipart part), before the engine sees it.
 * The engine refuses them too ({@code javaSerializationFormatEnabled: false}), but answers a task completion that
 * carries one with a 500; here the client is told plainly that it sent something the service never takes. The answer
 * has the shape of the Camunda REST API's own errors ({@code type}, {@code message}). A JSON body that does not parse
 * is refused the same way (the REST API would answer it with the parser's bare message as text).
 *
 * <p>Runs after {@link BodySizeLimitFilter}, so at most the engine-rest limit is ever held in memory.
 */
public class JavaSerializationRefusalFilter extends HttpFilter {

    static final String JAVA_SERIALIZED = "x-java-serialized-object";
    private static final Logger log = LoggerFactory.getLogger(JavaSerializationRefusalFilter.class);

    private final transient ObjectMapper json;

    public JavaSerializationRefusalFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String contentType = request.getContentType();
        boolean form = contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
        if (form || request.getContentLengthLong() == 0 || "GET".equals(request.getMethod())) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (BodySizeLimitFilter.BodyTooLargeException tooLarge) {
            return; // answered 413 by the size filter
        }
        String refusal = refusal(body, contentType);
        if (refusal != null) {
            log.warn("Refused {} {}: {}", request.getMethod(),
                    request.getRequestURI().substring(request.getContextPath().length()), refusal);
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("type", "InvalidRequestException");
            answer.put("message", refusal);
            answer.put("code", null);
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            json.writeValue(response.getOutputStream(), answer);
            return;
        }
        chain.doFilter(new BufferedRequest(request, body), response);
    }

    static final String JAVA_SERIALIZED_REFUSED = "Java-serialized values (application/" + JAVA_SERIALIZED
            + ") are not accepted; send objects as JSON (application/json).";
    static final String NOT_JSON = "The body is not valid JSON.";

    /**
     * Why the body is refused, or null: the Java-serialized format named anywhere in the bytes (a multipart part's
     * type) or in any JSON string (escapes decoded); or a JSON body that does not parse, answered here in the shape of
     * the API's other errors rather than with the parser's own message.
     */
    String refusal(byte[] body, String contentType) {
        if (new String(body, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).contains(JAVA_SERIALIZED)) {
            return JAVA_SERIALIZED_REFUSED;
        }
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            return null;
        }
        try {
            return mentions(json.readTree(body)) ? JAVA_SERIALIZED_REFUSED : null;
        } catch (IOException notJson) {
            return NOT_JSON;
        }
    }

    private static boolean mentions(JsonNode node) {
        if (node == null) {
            return false;
        }
        if (node.isTextual()) {
            return node.textValue().toLowerCase(Locale.ROOT).contains(JAVA_SERIALIZED);
        }
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            if (field.getKey().toLowerCase(Locale.ROOT).contains(JAVA_SERIALIZED) || mentions(field.getValue())) {
                return true;
            }
        }
        if (node.isArray()) {
            for (JsonNode element : node) {
                if (mentions(element)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The request with its body read once and served again from memory. */
    static final class BufferedRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        BufferedRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new IllegalStateException("not asynchronous");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
