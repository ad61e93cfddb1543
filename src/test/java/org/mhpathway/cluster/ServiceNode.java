package org.mhpathway.cluster;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.core.ConditionTimeoutException;
import org.mhpathway.PostgresTestDatabase;

/**
 * One mh-pathway node as production runs it: its own JVM, started from the given class path with the
 * {@code postgres} profile, its own HTTP port and its own {@code NODE_NAME}, the Camunda host name the engine writes
 * to {@code ACT_HI_JOB_LOG.HOSTNAME_}. Its output goes to {@code target/cluster-logs/<test>-<node>.log}. Also used
 * by the national-load benchmark ({@code org.mhpathway.benchmark}), which gives the JVM production's options.
 */
public final class ServiceNode {

    /** The cluster tests' JVM: small, and quick to start rather than quick once warm. */
    static final List<String> TEST_JVM = List.of("-Xmx512m", "-XX:TieredStopAtLevel=1", "-Xss512k");

    static final Path LOGS = Path.of("target", "cluster-logs");

    private final String name;
    private final String test;
    private final String classPath;
    private final String databaseUrl;
    private final String adminPassword;
    private final List<String> arguments;
    private final List<String> jvmOptions;
    private final int port;
    private Process process;
    private int starts;

    ServiceNode(String name, String test, String classPath, String databaseUrl, String adminPassword,
            List<String> arguments) {
        this(name, test, classPath, databaseUrl, adminPassword, arguments, TEST_JVM);
    }

    /** As the cluster tests' node, with the given JVM options instead of theirs. */
    public ServiceNode(String name, String test, String classPath, String databaseUrl, String adminPassword,
            List<String> arguments, List<String> jvmOptions) {
        this.jvmOptions = List.copyOf(jvmOptions);
        this.name = name;
        this.test = test;
        this.classPath = classPath;
        this.databaseUrl = databaseUrl;
        this.adminPassword = adminPassword;
        this.arguments = List.copyOf(arguments);
        this.port = freePort();
    }

    /** The first administrator's user id, which the service creates from {@code MHPATHWAY_ADMIN_USER}. */
    public static String adminUser() {
        return ClusterIdentity.ADMIN;
    }

    public String name() {
        return name;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    public Path log() {
        return LOGS.resolve(test + "-" + name + ".log");
    }

    /** The ERROR lines in this node's log so far, over all its starts. */
    public long errorLines() throws IOException {
        try (var lines = Files.lines(log())) {
            return lines.filter(l -> l.contains(" ERROR ")).count();
        }
    }

    /** Launches the JVM and returns at once; {@link #awaitUp} waits for it to answer. */
    public ServiceNode start() {
        return start(classPath);
    }

    public ServiceNode start(String withClassPath) {
        if (process != null && process.isAlive()) {
            throw new IllegalStateException(name + " is already running");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.addAll(List.of(
                "-cp", withClassPath, "org.mhpathway.MhPathwayApplication",
                "--server.port=" + port,
                "--spring.profiles.active=postgres"));
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        Map<String, String> env = builder.environment();
        env.put("MHPATHWAY_ADMIN_USER", ClusterIdentity.ADMIN);
        env.put("MHPATHWAY_ADMIN_PASSWORD", adminPassword);
        // the engine's host name (postgres profile): who ran each job, in ACT_HI_JOB_LOG.HOSTNAME_
        env.put("NODE_NAME", name);
        // the postgres profile's own variables, as an operator sets them
        env.put("DB_URL", databaseUrl);
        env.put("DB_USER", PostgresTestDatabase.user());
        env.put("DB_PASSWORD", PostgresTestDatabase.password());
        try {
            Files.createDirectories(LOGS);
            Files.writeString(log(), "---- start " + (++starts) + " of " + name + " at " + java.time.Instant.now() + "\n",
                    java.nio.file.StandardOpenOption.CREATE, starts == 1 ? java.nio.file.StandardOpenOption.TRUNCATE_EXISTING
                            : java.nio.file.StandardOpenOption.APPEND);
            builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log().toFile()));
            process = builder.start();
            // a test JVM that ends without its @AfterAll (killed, timed out) takes its nodes with it
            Process started = process;
            Runtime.getRuntime().addShutdownHook(new Thread(started::destroyForcibly));
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name, e);
        }
    }

    /** Waits until {@code /actuator/health} answers UP; fails with the end of the node's log if it died or took too long. */
    public ServiceNode awaitUp(Duration patience) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            await("node " + name + " up").atMost(patience).pollInterval(Duration.ofMillis(500)).until(() -> {
                if (!process.isAlive()) {
                    throw new AssertionError(name + " exited with " + process.exitValue() + ":\n" + tail());
                }
                try {
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(baseUrl() + "/actuator/health"))
                            .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
                    return r.statusCode() == 200 && r.body().contains("\"UP\"");
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError(name + " not up within " + patience + ":\n" + tail(), e);
        }
        return this;
    }

    public boolean alive() {
        return process != null && process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no unlocking of jobs, no transaction finished. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor();
        }
    }

    /** SIGTERM: Spring closes the context and the job executor hands back what it holds. */
    public void stop() {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!waitFor()) {
                process.destroyForcibly();
                waitFor();
            }
        }
    }

    private boolean waitFor() {
        try {
            return process.waitFor(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    public String tail() {
        try {
            List<String> lines = Files.readAllLines(log());
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
        } catch (IOException e) {
            return "(no log: " + e.getMessage() + ")";
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
