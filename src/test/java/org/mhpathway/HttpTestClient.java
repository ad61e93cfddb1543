package org.mhpathway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

/**
 * Real HTTP to a running service, as its users send it: HTTP Basic to {@code /api} and {@code /engine-rest}, and a
 * browser's session (cookie and CSRF token) to the Camunda webapps.
 */
public final class HttpTestClient {

    private final int port;
    private final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();

    public HttpTestClient(int port) {
        this.port = port;
    }

    /** Sends {@code body} (JSON, or nothing when null) as {@code user} with {@code password}; no credentials when null. */
    public HttpResponse<String> send(String method, String path, String user, String password, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(url(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (user != null) {
            request.header("Authorization", ApiTestUsers.basic(user, password));
        }
        try {
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public JsonNode json(HttpResponse<String> answer) {
        try {
            return json.readTree(answer.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Logs in to a Camunda webapp as a browser would; {@link Browser#loggedIn()} says whether it was let in. */
    public Browser browser(String app, String user, String password) {
        return new Browser(app, user, password);
    }

    private URI url(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    /** A person logged in to one of the Camunda webapps: session cookie and CSRF token. */
    public final class Browser {

        private final CookieManager cookies = new CookieManager();
        private final HttpClient client = HttpClient.newBuilder().cookieHandler(cookies).build();
        private final boolean loggedIn;

        private Browser(String app, String user, String password) {
            call(HttpRequest.newBuilder(url("/camunda/app/" + app + "/default/")).build());
            String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                    + URLEncoder.encode(password, StandardCharsets.UTF_8);
            HttpResponse<String> login = call(HttpRequest.newBuilder(url("/camunda/api/admin/auth/user/default/login/" + app))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .header("X-XSRF-TOKEN", csrfToken())
                    .POST(HttpRequest.BodyPublishers.ofString(form)).build());
            loggedIn = login.statusCode() == 200;
            // the login starts a new session; as the webapp does, a first call fetches that session's CSRF token
            call(HttpRequest.newBuilder(url("/camunda/api/admin/auth/user/default")).header("X-XSRF-TOKEN", csrfToken())
                    .build());
        }

        public boolean loggedIn() {
            return loggedIn;
        }

        /** A call of the webapp's own engine API, e.g. {@code /camunda/api/engine/engine/default/task}. */
        public HttpResponse<String> send(String method, String path, String body, String accept) {
            HttpRequest.Builder request = HttpRequest.newBuilder(url(path)).header("X-XSRF-TOKEN", csrfToken())
                    .header("Accept", accept)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                            : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            return call(request.build());
        }

        public HttpResponse<String> get(String path) {
            return send("GET", path, null, "application/json");
        }

        private HttpResponse<String> call(HttpRequest request) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        private String csrfToken() {
            return cookies.getCookieStore().getCookies().stream().filter(c -> c.getName().equals("XSRF-TOKEN"))
                    .map(HttpCookie::getValue).findFirst().orElse("");
        }
    }
}
