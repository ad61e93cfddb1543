package org.mhpathway.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.mhpathway.ApiTestUsers;
import org.mhpathway.MhPathwayApplication;
import org.springframework.beans.factory.config.YamlPropertiesFactoryBean;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.io.ClassPathResource;

/**
 * Issue 16, item 5: the demo's public passwords never outlive the demo. The demo keeps its data apart from an
 * installation's; a database the demo laid out, with its users and their published passwords, is refused outside the
 * demo profile, saying why and what to do; and the demo's partner inbox, which shows NHS numbers, is for an
 * administrator who has logged in. The real application is started twice on one database, as a user would: first as
 * the demo, then without it.
 */
class DemoProfileTest {

    private final HttpClient http = HttpClient.newHttpClient();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void theDemoKeepsItsOwnFilesApartFromAnInstallations() {
        String installation = property("application.yml", "spring.datasource.url");
        String demo = property("application-demo.yml", "spring.datasource.url");
        assertThat(installation).startsWith("jdbc:h2:file:./data/mh-pathway");
        assertThat(demo).startsWith("jdbc:h2:file:./data/demo/").isNotEqualTo(installation);
    }

    @Test
    void aDatabaseTheDemoLaidOutNeverServesOutsideTheDemo(@TempDir Path data) throws Exception {
        String database = "jdbc:h2:file:" + data.resolve("mh-pathway") + ";DB_CLOSE_ON_EXIT=FALSE";
        int port = freePort();
        // as command-line arguments: they take precedence over application*.yml, as an operator's would
        try (ConfigurableApplicationContext demo = new SpringApplicationBuilder(MhPathwayApplication.class)
                .profiles("demo")
                .run("--server.port=" + port, "--spring.datasource.url=" + database,
                        // no PUBLIC_URL: the demo partners' webhooks go to this service's own inbox on this port
                        "--camunda.bpm.job-execution.enabled=false",
                        // its own engine name: closing it closes its engine, not one of another test
                        "--camunda.bpm.process-engine-name=demoprofile")) {
            String inbox = "http://localhost:" + port + "/demo/partner-inbox";

            // the inbox's messages carry NHS numbers: an administrator's login, nobody else's
            HttpResponse<String> anonymous = get(inbox, null, null);
            assertThat(anonymous.statusCode()).isEqualTo(401);
            assertThat(anonymous.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                    v -> assertThat(v).startsWith("Basic realm="));
            assertThat(anonymous.body()).doesNotContain("Bundle");
            assertThat(get(inbox, "clinician", "clinician").statusCode()).isEqualTo(403);
            assertThat(get(inbox, "manager", "wrong password").statusCode()).isEqualTo(401);
            HttpResponse<String> administrator = get(inbox, "demo", "demo");
            assertThat(administrator.statusCode()).isEqualTo(200);
            assertThat(administrator.headers().firstValue("Cache-Control")).hasValue("no-store");
            JsonNode received = json.readTree(administrator.body());
            assertThat(received).as("the sample patients' notices, delivered to the inbox").isNotEmpty();
            // deliveries still arrive without a login: they are checked by their signature
            HttpResponse<String> unsigned = http.send(HttpRequest.newBuilder(URI.create(inbox + "/qj2-icb"))
                    .header("Content-Type", "application/fhir+json").POST(BodyPublishers.ofString("{}")).build(),
                    BodyHandlers.ofString());
            assertThat(unsigned.statusCode()).isEqualTo(401);
            assertThat(unsigned.body()).contains("signature does not verify");
        }

        // the demo again on another port, still without PUBLIC_URL: its partners' webhooks follow it
        int another = freePort();
        try (ConfigurableApplicationContext ignored = new SpringApplicationBuilder(MhPathwayApplication.class)
                .profiles("demo")
                .run("--server.port=" + another, "--spring.datasource.url=" + database,
                        "--camunda.bpm.job-execution.enabled=false",
                        "--camunda.bpm.process-engine-name=demoagain")) {
            HttpResponse<String> partner = get("http://localhost:" + another + "/api/partners/qj2-icb", "demo", "demo");
            assertThat(partner.statusCode()).isEqualTo(200);
            assertThat(json.readTree(partner.body()).path("webhookUrl").asText())
                    .isEqualTo("http://localhost:" + another + "/demo/partner-inbox/qj2-icb");
        }

        // the same database without the demo: refused, saying why and what to do
        assertThatThrownBy(() -> {
            try (ConfigurableApplicationContext ignored = new SpringApplicationBuilder(MhPathwayApplication.class)
                    .run("--server.port=0", "--spring.datasource.url=" + database,
                            "--camunda.bpm.job-execution.enabled=false",
                            "--mhpathway.admin.password=" + ApiTestUsers.ADMIN_PASSWORD,
                            "--camunda.bpm.process-engine-name=afterdemo")) {
                // started: the assertion below fails
            }
        }).hasStackTraceContaining("Refusing to start: this database holds the demo's users with their published"
                        + " passwords (demo, clinician, bedmanager, hub, housing, cmht, manager, nottsclinician)")
                .hasStackTraceContaining("./mvnw spring-boot:run")
                .hasStackTraceContaining("a database of its own");
    }

    private HttpResponse<String> get(String url, String user, String password) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).header("Accept", "application/json");
        if (user != null) {
            request.header("Authorization", ApiTestUsers.basic(user, password));
        }
        return http.send(request.build(), BodyHandlers.ofString());
    }

    private static String property(String file, String name) {
        YamlPropertiesFactoryBean yaml = new YamlPropertiesFactoryBean();
        yaml.setResources(new ClassPathResource(file));
        Properties properties = yaml.getObject();
        return properties == null ? null : properties.getProperty(name);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
