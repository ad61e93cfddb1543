package org.mhpathway.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/**
 * JSON over HTTP to one node, always with HTTP Basic credentials (the API will require them). Also used by the
 * national-load benchmark ({@code org.mhpathway.benchmark}), which asks for Tasklist's HAL answers and waits longer.
 */
public final class NodeClient {

    public static final ObjectMapper JSON = new ObjectMapper();
    /** What Tasklist's engine client sends: HAL, with embedded variables and users, else plain JSON. */
    public static final String TASKLIST_ACCEPT = "application/hal+json, application/json; q=0.5";
    private static final String JSON_ACCEPT = "application/json";
    private static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public record Answer(int status, String body) {
        public JsonNode json() {
            try {
                return body.isEmpty() ? JSON.nullNode() : JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException("not JSON: " + body, e);
            }
        }

        public Answer expect(int... statuses) {
            for (int s : statuses) {
                if (s == status) {
                    return this;
                }
            }
            throw new AssertionError("HTTP " + status + ": " + body);
        }
    }

    private final String baseUrl;
    private final String authorization;
    private final Duration timeout;

    public NodeClient(String baseUrl, String user, String password) {
        this(baseUrl, user, password, DEFAULT_TIMEOUT);
    }

    /** A client that waits up to {@code timeout} for each answer. */
    public NodeClient(String baseUrl, String user, String password, Duration timeout) {
        this.baseUrl = baseUrl;
        this.timeout = timeout;
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    public String baseUrl() {
        return baseUrl;
    }

    public Answer get(String path) {
        return send(request(path, JSON_ACCEPT).GET());
    }

    /** A GET that accepts what the caller names, e.g. {@link #TASKLIST_ACCEPT}. */
    public Answer get(String path, String accept) {
        return send(request(path, accept).GET());
    }

    public Answer post(String path, Object body) {
        return send(request(path, JSON_ACCEPT).POST(body(body)));
    }

    /** A POST that accepts what the caller names, e.g. {@link #TASKLIST_ACCEPT}. */
    public Answer post(String path, Object body, String accept) {
        return send(request(path, accept).POST(body(body)));
    }

    public Answer put(String path, Object body) {
        return send(request(path, JSON_ACCEPT).PUT(body(body)));
    }

    public static String q(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private HttpRequest.Builder request(String path, String accept) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(timeout)
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .header("Accept", accept);
    }

    private static HttpRequest.BodyPublisher body(Object body) {
        try {
            return body == null ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Answer send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> r = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(r.statusCode(), r.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
