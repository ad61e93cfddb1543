package org.mhpathway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;

/**
 * Runs after every other test class and adds up the path-coverage reports they wrote in this run: every flow
 * node of every model in {@code bpmn/} must have been passed by some test. Prints the figures per model and
 * writes them to {@code target/process-test-coverage/summary.txt}. Skipped when only some process test classes ran.
 */
@Order(Integer.MAX_VALUE)
class ProcessCoverageSummaryTest {

    private static final Path REPORTS = Path.of("target", "process-test-coverage");

    @Test
    void everyFlowNodeOfEveryModelIsCoveredBySomeTest() throws IOException {
        long jvmStarted = ManagementFactory.getRuntimeMXBean().getStartTime();
        Map<String, Set<String>> covered = new TreeMap<>();
        if (Files.isDirectory(REPORTS)) {
            try (Stream<Path> dirs = Files.list(REPORTS)) {
                for (Path report : dirs.map(d -> d.resolve("report.json")).filter(Files::exists).toList()) {
                    if (Files.getLastModifiedTime(report).toMillis() < jvmStarted) {
                        continue;
                    }
                    collect(new ObjectMapper().readTree(report.toFile()), covered);
                }
            }
        }
        Set<String> processTests = processTestClasses();
        Set<String> missing = new TreeSet<>(processTests);
        missing.removeAll(ProcessTestCase.CLASSES_RUN);
        Assumptions.assumeTrue(missing.isEmpty(),
                "coverage is summed over the whole suite; these process tests did not run: " + missing);

        List<String> lines = new ArrayList<>();
        List<String> uncovered = new ArrayList<>();
        try (Stream<Path> models = Files.list(Path.of("bpmn"))) {
            for (Path model : models.filter(p -> p.toString().endsWith(".bpmn")).sorted().toList()) {
                BpmnModelInstance bpmn = Bpmn.readModelFromFile(model.toFile());
                String key = bpmn.getModelElementsByType(Process.class).iterator().next().getId();
                Set<String> nodes = bpmn.getModelElementsByType(FlowNode.class).stream().map(FlowNode::getId)
                        .collect(Collectors.toCollection(TreeSet::new));
                Set<String> passed = covered.getOrDefault(key, Set.of());
                long hit = nodes.stream().filter(passed::contains).count();
                lines.add(String.format("%-28s %3d/%3d flow nodes (%.0f%%)", key, hit, nodes.size(), 100.0 * hit / nodes.size()));
                nodes.stream().filter(n -> !passed.contains(n)).forEach(n -> uncovered.add(key + ": " + n));
            }
        }
        String summary = String.join(System.lineSeparator(), lines);
        System.out.println("Process test coverage (flow nodes passed by some test):" + System.lineSeparator() + summary);
        Files.writeString(REPORTS.resolve("summary.txt"), summary + System.lineSeparator());
        assertThat(uncovered).as("flow nodes no test passes").isEmpty();
    }

    private static void collect(JsonNode report, Map<String, Set<String>> covered) {
        for (JsonNode suite : report.path("suites")) {
            for (JsonNode run : suite.path("runs")) {
                for (JsonNode event : run.path("events")) {
                    if ("FLOW_NODE".equals(event.path("source").asText())) {
                        covered.computeIfAbsent(event.path("modelKey").asText(), k -> new TreeSet<>())
                                .add(event.path("definitionKey").asText());
                    }
                }
            }
        }
    }

    private static Set<String> processTestClasses() {
        ClassPathScanningCandidateComponentProvider scan = new ClassPathScanningCandidateComponentProvider(false);
        scan.addIncludeFilter(new AssignableTypeFilter(ProcessTestCase.class));
        scan.addExcludeFilter((reader, factory) -> reader.getAnnotationMetadata().hasAnnotation(Tag.class.getName()));
        // a process test on PostgreSQL is skipped where none answers; the same tests ran on H2
        if (!PostgresTestDatabase.availableOrRequired()) {
            scan.addExcludeFilter((reader, factory) -> reader.getAnnotationMetadata().hasAnnotation(EnabledIf.class.getName()));
        }
        return scan.findCandidateComponents("org.mhpathway").stream()
                .map(d -> d.getBeanClassName()).filter(n -> !n.equals(ProcessTestCase.class.getName()))
                .collect(Collectors.toCollection(TreeSet::new));
    }
}
