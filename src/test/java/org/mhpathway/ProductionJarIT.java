package org.mhpathway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The jar {@code ./mvnw package} builds, as an installation runs it: it carries no demo (the demo's users, sample
 * patients, partner inbox and settings live in {@code src/demo} and run with {@code ./mvnw spring-boot:run}), but it
 * does carry the check that refuses a database the demo laid out; and one logging backend with one bridge per
 * logging API. Runs after {@code package} ({@code ./mvnw verify}).
 */
class ProductionJarIT {

    private static final String CLASSES = "BOOT-INF/classes/";

    @Test
    void theServicesJarCarriesNoDemo() throws IOException {
        List<String> entries = entries();
        assertThat(entries).as("the service's own classes").contains(CLASSES + "org/mhpathway/MhPathwayApplication.class")
                .contains(CLASSES + "org/mhpathway/security/DemoUsersOutsideTheDemo.class")
                .contains(CLASSES + "application.yml");
        assertThat(entries).as("the demo, which runs only with ./mvnw spring-boot:run")
                .noneMatch(e -> e.startsWith(CLASSES + "org/mhpathway/demo/"))
                .noneMatch(e -> e.startsWith(CLASSES + "demo/"))
                .doesNotContain(CLASSES + "application-demo.yml");
    }

    @Test
    void theJarHasOneLoggingBackendAndNoBridgeTwice() throws IOException {
        List<String> libraries = entries().stream().filter(e -> e.startsWith("BOOT-INF/lib/"))
                .map(e -> e.substring("BOOT-INF/lib/".length())).toList();
        assertThat(libraries).filteredOn(l -> l.startsWith("logback-classic-")).hasSize(1);
        assertThat(libraries).as("SLF4J backends other than Logback")
                .noneMatch(l -> l.startsWith("slf4j-simple-") || l.startsWith("slf4j-reload4j-")
                        || l.startsWith("log4j-slf4j") || l.startsWith("slf4j-jdk14-"));
        // commons-logging is bridged by Spring's own spring-jcl; a second bridge would fight it for the same classes
        assertThat(libraries).noneMatch(l -> l.startsWith("jcl-over-slf4j-") || l.startsWith("commons-logging-"));
    }

    private static List<String> entries() throws IOException {
        Path jar;
        try (Stream<Path> built = Files.list(Path.of("target"))) {
            jar = built.filter(p -> p.getFileName().toString().matches("mh-pathway-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new AssertionError("no mh-pathway jar in target/: run ./mvnw verify"));
        }
        try (JarFile file = new JarFile(jar.toFile())) {
            return file.stream().map(ZipEntry::getName).toList();
        }
    }
}
