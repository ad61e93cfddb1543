package org.mhpathway.system;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
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
import java.net.URLDecoder;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;

/**
 * What the Camunda REST API (and the same API as the webapps reach it) is held to before the engine sees a request:
 * each refusal is a 400 in the shape of the API's own errors ({@code type}, {@code message}), where the engine would
 * have answered 500 or stored something that breaks later reads.
 * <ul>
 *   <li>a Java-serialized value ({@code application/x-java-serialized-object}, in a JSON variable or a multipart
 *       part): the engine refuses them too ({@code javaSerializationFormatEnabled: false}), but answers a task
 *       completion that carries one with a 500;</li>
 *   <li>a JSON body that does not parse (the API would answer with the parser's bare message), or is JSON
 *       {@code null} (a task completion or a message correlation answered 500 with a NullPointerException);</li>
 *   <li>a JSON body, or a {@code Json} or JSON-serialized {@code Object} variable value, nested deeper than
 *       {@link #MAX_DEPTH} levels, or such a value that is not JSON: the engine stores the value as text without
 *       reading it, and every later read of it (a task list with its variables, for everyone) fails;</li>
 *   <li>a negative {@code firstResult} or {@code maxResults} (the database refuses a negative offset or limit:
 *       500).</li>
 * </ul>
 * Runs after {@link BodySizeLimitFilter}, so at most the engine-rest limit is ever held in memory.
 */
class EngineRequestFilter extends HttpFilter {

    static final String JAVA_SERIALIZED = "x-java-serialized-object";
    /**
     * How deeply a JSON body or variable value may nest. The process models' JSON values are flat lists (depth 1),
     * Camunda's own request bodies stay within 6 levels; the JSON parser's own limit (1000) is far beyond what any
     * reader of a variable should have to survive.
     */
    public static final int MAX_DEPTH = 32;
    private static final Logger log = LoggerFactory.getLogger(EngineRequestFilter.class);
    private static final List<String> PAGING = List.of("firstResult", "maxResults");

    private final transient ObjectMapper json;

    public EngineRequestFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        String refusal = pagingRefusal(request);
        String contentType = request.getContentType();
        boolean form = contentType != null
                && contentType.toLowerCase(Locale.ROOT).startsWith(MediaType.APPLICATION_FORM_URLENCODED_VALUE);
        if (refusal == null && (form || request.getContentLengthLong() == 0 || "GET".equals(request.getMethod()))) {
            chain.doFilter(request, response);
            return;
        }
        byte[] body = null;
        if (refusal == null) {
            try {
                body = request.getInputStream().readAllBytes();
            } catch (BodySizeLimitFilter.BodyTooLargeException tooLarge) {
                return; // answered 413 by the size filter
            }
            refusal = refusal(body, contentType);
        }
        if (refusal != null) {
            log.warn("Refused {} {}: {}", request.getMethod(),
                    LogSafe.redact(request.getRequestURI().substring(request.getContextPath().length())), refusal);
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
    static final String NULL_BODY = "The body must be a JSON object, not null.";
    static final String TOO_DEEP = "The body is nested deeper than " + MAX_DEPTH + " levels.";

    /**
     * A negative first result or page size: the API's own answer would be the database's refusal, as a 500. Read from
     * the query string only: asking the request for its parameters would consume a form post (the webapps' login).
     */
    private static String pagingRefusal(HttpServletRequest request) {
        String query = request.getQueryString();
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            int equals = pair.indexOf('=');
            if (equals < 0) {
                continue;
            }
            try {
                String name = URLDecoder.decode(pair.substring(0, equals), StandardCharsets.UTF_8);
                if (PAGING.contains(name)
                        && Integer.parseInt(URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8)) < 0) {
                    return name + " must be zero or more.";
                }
            } catch (IllegalArgumentException notANumberOrNotDecodable) {
                // the API answers that itself (404, as it does for any query parameter that does not convert)
            }
        }
        return null;
    }

    /**
     * Why the body is refused, or null: the Java-serialized format named anywhere in the bytes (a multipart part's
     * type) or in any JSON string (escapes decoded); or a JSON body that does not parse, is {@code null}, nests too
     * deeply or carries a JSON variable value that is not JSON or nests too deeply.
     */
    String refusal(byte[] body, String contentType) {
        if (new String(body, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT).contains(JAVA_SERIALIZED)) {
            return JAVA_SERIALIZED_REFUSED;
        }
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).contains("json")) {
            return null;
        }
        JsonNode root;
        try {
            if (depth(body) > MAX_DEPTH) {
                return TOO_DEEP;
            }
            root = json.readTree(body);
        } catch (IOException notJson) {
            return NOT_JSON;
        }
        if (root == null || root.isMissingNode()) {
            return null; // a blank body: the API treats it as no body
        }
        if (root.isNull()) {
            return NULL_BODY;
        }
        if (mentions(root)) {
            return JAVA_SERIALIZED_REFUSED;
        }
        return jsonValueRefusal(root);
    }

    /** How deeply the JSON nests, read as a stream: no tree is built for a body that is refused for it. */
    private int depth(byte[] body) throws IOException {
        int deepest = 0;
        try (JsonParser parser = json.getFactory().createParser(body)) {
            int depth = 0;
            for (JsonToken token = parser.nextToken(); token != null; token = parser.nextToken()) {
                if (token.isStructStart()) {
                    deepest = Math.max(deepest, ++depth);
                    if (deepest > MAX_DEPTH) {
                        return deepest;
                    }
                } else if (token.isStructEnd()) {
                    depth--;
                }
            }
        }
        return deepest;
    }

    /**
     * A typed variable value ({@code {"type": "Json", "value": "..."}}, or an {@code Object} serialized as JSON)
     * anywhere in the body whose text is not JSON or nests deeper than {@link #MAX_DEPTH}, or null.
     */
    private String jsonValueRefusal(JsonNode node) {
        if (node.isObject()) {
            JsonNode type = node.get("type");
            JsonNode value = node.get("value");
            if (type != null && type.isTextual() && value != null && value.isTextual() && isJson(type.textValue(), node)) {
                try {
                    if (depth(value.textValue().getBytes(StandardCharsets.UTF_8)) > MAX_DEPTH) {
                        return "A JSON variable value is nested deeper than " + MAX_DEPTH + " levels.";
                    }
                } catch (IOException notJson) {
                    return "A JSON variable value is not valid JSON.";
                }
            }
        }
        for (JsonNode child : node) {
            String refusal = jsonValueRefusal(child);
            if (refusal != null) {
                return refusal;
            }
        }
        return null;
    }

    private static boolean isJson(String type, JsonNode variable) {
        if (type.equalsIgnoreCase("json")) {
            return true;
        }
        JsonNode format = variable.path("valueInfo").path("serializationDataFormat");
        return type.equalsIgnoreCase("object") && format.isTextual()
                && format.textValue().toLowerCase(Locale.ROOT).contains("json");
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
