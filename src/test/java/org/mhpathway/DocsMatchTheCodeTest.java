package org.mhpathway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.junit.jupiter.api.Test;
import org.mhpathway.partners.NotificationEvent;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.type.classreading.MetadataReader;
import org.springframework.core.type.filter.AnnotationTypeFilter;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;

/**
 * The docs are part of the product: every process model, partner notice event, service table and HTTP endpoint the
 * code has is documented where a reader looks for it, and what the docs list exists. Each failure says what is
 * missing and where it belongs. Plain file reading and reflection: no application context.
 */
class DocsMatchTheCodeTest {

    private static final Path README = Path.of("README.md");
    private static final Path PROCESSES = Path.of("docs/processes.md");
    private static final Path API = Path.of("docs/api.md");
    private static final Path BPMN = Path.of("bpmn");
    private static final Path FORMS = Path.of("forms");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    private static final List<String> NUMBERS = List.of("zero", "one", "two", "three", "four", "five", "six", "seven",
            "eight", "nine", "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
            "eighteen", "nineteen", "twenty");

    // ---- process models ------------------------------------------------------------------------------------

    /** Every model has its section in docs/processes.md, a row in its overview, a diagram, and a place in the README. */
    @Test
    void everyProcessModelIsDocumented() {
        String processes = read(PROCESSES);
        String overview = section(processes, "## Overview");
        String readmeTree = codeBlockAfter(read(README), "## The pathway");
        List<String> missing = new ArrayList<>();
        for (Model model : models()) {
            String where = model.id() + " (\"" + model.name() + "\", " + model.file() + ")";
            if (!processes.contains("\n## " + model.id() + ": " + model.name() + "\n")) {
                missing.add("BPMN model " + where + " has no section in " + PROCESSES
                        + ": add a heading '## " + model.id() + ": " + model.name() + "' describing it");
            }
            if (!Pattern.compile("(?m)^\\| `" + Pattern.quote(model.id()) + "` \\| " + Pattern.quote(model.name()) + " \\|")
                    .matcher(overview).find()) {
                missing.add("BPMN model " + where + " has no row in the Overview table of " + PROCESSES
                        + ": add '| `" + model.id() + "` | " + model.name() + " | <called by> | <calls> |'");
            }
            if (!Files.exists(Path.of("docs/images/" + model.id() + ".png"))
                    || !processes.contains("(images/" + model.id() + ".png)")) {
                missing.add("BPMN model " + where + " has no diagram: render docs/images/" + model.id()
                        + ".png (tools/render-diagrams) and show it in its section of " + PROCESSES);
            }
            if (!Pattern.compile("(?m)^[\\s│├└─]*" + Pattern.quote(model.id()) + "\\s").matcher(readmeTree).find()) {
                missing.add("BPMN model " + where + " is not in the tree of models under '## The pathway' in "
                        + README + ": add a line '" + model.id() + "   <what it does>'");
            }
        }
        assertThat(missing).as("process models missing from the docs").isEmpty();
    }

    /** How many models the docs say there are is how many there are. */
    @Test
    void theDocsCountTheModelsThereAre() {
        int models = models().size();
        List<String> wrong = new ArrayList<>();
        for (Path doc : docs()) {
            Matcher count = Pattern.compile("(?i)\\b(\\w+) BPMN process models").matcher(read(doc));
            while (count.find()) {
                if (!count.group(1).equalsIgnoreCase(number(models))) {
                    wrong.add(doc + " says '" + count.group() + "': bpmn/ holds " + models + " (" + number(models) + ")");
                }
            }
        }
        assertThat(wrong).as("counts of models in the docs").isEmpty();
    }

    /** Every task, event, gateway, call activity and subprocess is named in its model's section of processes.md. */
    @Test
    void everyElementOfEveryModelIsInItsSection() {
        String processes = read(PROCESSES);
        List<String> missing = new ArrayList<>();
        for (Model model : models()) {
            String heading = "## " + model.id() + ": " + model.name();
            if (!processes.contains("\n" + heading + "\n")) {
                continue; // everyProcessModelIsDocumented says the section is missing
            }
            String section = section(processes, heading);
            for (FlowNode node : model.bpmn().getModelElementsByType(FlowNode.class)) {
                if (!section.contains("`" + node.getId() + "`")) {
                    missing.add(node.getElementType().getTypeName() + " `" + node.getId() + "`"
                            + (node.getName() == null ? "" : " (\"" + node.getName() + "\")") + " of " + model.file()
                            + " is not described under '" + heading + "' in " + PROCESSES);
                }
            }
        }
        assertThat(missing).as("model elements missing from docs/processes.md").isEmpty();
    }

    /** Every Camunda Form and each of its fields is in processes.md, where the task that shows it is described. */
    @Test
    void everyFormAndFormFieldIsDocumented() {
        String processes = read(PROCESSES);
        List<String> missing = new ArrayList<>();
        for (Path form : list(FORMS, ".form")) {
            JsonNode json = json(form);
            String id = json.path("id").asText();
            if (!processes.contains("`" + id + "`")) {
                missing.add("form `" + id + "` (" + form + ") is not in " + PROCESSES
                        + ": name it in the form column of the user task that uses it");
            }
            for (String key : fieldKeys(json.path("components"), new ArrayList<>())) {
                if (!processes.contains("`" + key + "`")) {
                    missing.add("field `" + key + "` of form `" + id + "` is not in " + PROCESSES
                            + ": list it under 'records' of the user task that uses the form");
                }
            }
        }
        assertThat(missing).as("forms and fields missing from docs/processes.md").isEmpty();
    }

    // ---- partner notice events -----------------------------------------------------------------------------

    /** Every event of NotificationEvent has a row in the events table of api.md and in the README's table. */
    @Test
    void everyPartnerNoticeEventIsDocumented() {
        Set<String> codes = new TreeSet<>();
        Arrays.stream(NotificationEvent.values()).forEach(e -> codes.add(e.code()));
        Map<Path, String> tables = Map.of(
                API, section(read(API), "### Events"),
                README, section(read(README), "### Who is told what and when"));
        List<String> wrong = new ArrayList<>();
        for (var table : tables.entrySet()) {
            Set<String> rows = firstCells(table.getValue());
            String where = table.getKey().equals(API) ? "the table under '### Events' in " + API
                    : "the table under '### Who is told what and when' in " + README;
            for (NotificationEvent event : NotificationEvent.values()) {
                if (!rows.contains(event.code())) {
                    wrong.add("notice event `" + event.code() + "` (NotificationEvent." + event.name() + ") has no row in "
                            + where + ": add '| `" + event.code() + "` | ... |' with its recipients and the step that sends it");
                }
            }
            for (String row : rows) {
                if (!codes.contains(row)) {
                    wrong.add(where + " has a row for `" + row + "`, which is not a NotificationEvent: remove it or"
                            + " correct its code");
                }
            }
        }
        Matcher count = Pattern.compile("owed a notice at (\\w+) points").matcher(read(README));
        if (count.find() && !count.group(1).equals(number(codes.size()))) {
            wrong.add(README + " says '" + count.group() + "': NotificationEvent has " + codes.size() + " ("
                    + number(codes.size()) + ")");
        }
        assertThat(wrong).as("partner notice events in the docs").isEmpty();
    }

    // ---- tables --------------------------------------------------------------------------------------------

    /** The README's list of the service's tables is the tables the Flyway migrations create, and names Camunda's. */
    @Test
    void theReadmeListsEveryServiceTable() {
        Set<String> created = new TreeSet<>();
        Pattern create = Pattern.compile("(?i)\\bcreate\\s+table\\s+(?:if\\s+not\\s+exists\\s+)?([a-z_][a-z0-9_]*)");
        Pattern drop = Pattern.compile("(?i)\\bdrop\\s+table\\s+(?:if\\s+exists\\s+)?([a-z_][a-z0-9_]*)");
        for (Path migration : list(MIGRATIONS, ".sql")) {
            String sql = read(migration);
            create.matcher(sql).results().forEach(m -> created.add(m.group(1).toLowerCase(Locale.ROOT)));
            drop.matcher(sql).results().forEach(m -> created.remove(m.group(1).toLowerCase(Locale.ROOT)));
        }
        String readme = read(README);
        Matcher list = Pattern.compile("The service's own tables \\(([^)]*)\\)").matcher(readme);
        assertThat(list.find()).as("README.md lists the service's own tables as \"The service's own tables (`a`, `b`, ...)\""
                + " under '## Configuration and profiles'").isTrue();
        Set<String> listed = new TreeSet<>();
        Pattern.compile("`([a-z_][a-z0-9_]*)`").matcher(list.group(1)).results().forEach(m -> listed.add(m.group(1)));

        List<String> wrong = new ArrayList<>();
        for (String table : created) {
            if (!listed.contains(table)) {
                wrong.add("table `" + table + "` (created in " + MIGRATIONS + ") is missing from \"The service's own"
                        + " tables (...)\" in " + README);
            }
        }
        for (String table : listed) {
            if (!created.contains(table)) {
                wrong.add(README + " lists table `" + table + "`, which no migration in " + MIGRATIONS + " creates");
            }
        }
        String afterList = readme.substring(list.end(), Math.min(readme.length(), list.end() + 600));
        if (!afterList.contains("`flyway_schema_history`")) {
            wrong.add(README + " does not say, beside its list of tables, that Flyway keeps `flyway_schema_history`");
        }
        if (!afterList.contains("`ACT_*`")) {
            wrong.add(README + " does not say, beside its list of tables, that Camunda keeps its own tables (`ACT_*`)");
        }
        assertThat(wrong).as("tables in the README").isEmpty();
    }

    // ---- endpoints -----------------------------------------------------------------------------------------

    /**
     * Every endpoint of the controllers under src/main/java is documented: an {@code /api} one in docs/api.md as a
     * heading or a {@code `METHOD path`} entry, any other (the demo's partner inbox) by its path in the README or docs.
     */
    @Test
    void everyEndpointIsDocumented() {
        String api = read(API);
        String all = String.join("\n", docs().stream().map(DocsMatchTheCodeTest::read).toList());
        List<Endpoint> endpoints = endpoints();
        assertThat(endpoints).as("controllers found under org.mhpathway").isNotEmpty();
        List<String> missing = new ArrayList<>();
        for (Endpoint endpoint : endpoints) {
            if (endpoint.path().startsWith("/api")) {
                String entry = endpoint.method() + " " + endpoint.path();
                boolean heading = Pattern.compile("(?m)^#{2,4} " + Pattern.quote(entry) + "\\s*$").matcher(api).find();
                if (!heading && !api.contains("`" + entry + "`")) {
                    missing.add(entry + " (" + endpoint.handler() + ") is not documented in " + API + ": add a section '### "
                            + entry + "' (request, answers, who may call it) and a row in the tables at the top of the page");
                }
            } else if (!all.contains("`" + endpoint.path() + "`") && !all.contains(endpoint.method() + " " + endpoint.path())) {
                missing.add(endpoint.method() + " " + endpoint.path() + " (" + endpoint.handler() + ") is not documented:"
                        + " name `" + endpoint.path() + "` in " + README + " or docs/ where its surface is described");
            }
        }
        assertThat(missing).as("endpoints missing from the docs").isEmpty();
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private record Model(String id, String name, Path file, BpmnModelInstance bpmn) {
    }

    private record Endpoint(String method, String path, String handler) {
    }

    private static List<Model> models() {
        List<Model> models = new ArrayList<>();
        for (Path file : list(BPMN, ".bpmn")) {
            BpmnModelInstance bpmn = Bpmn.readModelFromFile(file.toFile());
            for (Process process : bpmn.getModelElementsByType(Process.class)) {
                models.add(new Model(process.getId(), process.getName(), file, bpmn));
            }
        }
        return models;
    }

    private static List<Endpoint> endpoints() {
        AnnotationTypeFilter controllers = new AnnotationTypeFilter(Controller.class);
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            /** Every controller, whatever profile or condition it is registered under (the demo's inbox too). */
            @Override
            protected boolean isCandidateComponent(MetadataReader reader) throws IOException {
                return controllers.match(reader, getMetadataReaderFactory());
            }
        };
        List<Endpoint> endpoints = new ArrayList<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents("org.mhpathway")) {
            Class<?> controller;
            try {
                controller = Class.forName(candidate.getBeanClassName());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            RequestMapping type = AnnotatedElementUtils.findMergedAnnotation(controller, RequestMapping.class);
            String[] prefixes = type == null || type.path().length == 0 ? new String[] {""} : type.path();
            for (Method method : controller.getDeclaredMethods()) {
                RequestMapping mapping = AnnotatedElementUtils.findMergedAnnotation(method, RequestMapping.class);
                if (mapping == null) {
                    continue;
                }
                String[] paths = mapping.path().length == 0 ? new String[] {""} : mapping.path();
                RequestMethod[] verbs = mapping.method().length == 0 ? RequestMethod.values() : mapping.method();
                for (String prefix : prefixes) {
                    for (String path : paths) {
                        for (RequestMethod verb : verbs) {
                            endpoints.add(new Endpoint(verb.name(), prefix + path,
                                    controller.getSimpleName() + "." + method.getName()));
                        }
                    }
                }
            }
        }
        return endpoints;
    }

    private static List<Path> docs() {
        List<Path> docs = new ArrayList<>(List.of(README));
        docs.addAll(list(Path.of("docs"), ".md"));
        return docs;
    }

    /** The text under a heading, up to the next heading of the same or a higher level. */
    private static String section(String markdown, String heading) {
        int start = markdown.indexOf("\n" + heading + "\n");
        assertThat(start).as("a heading '" + heading + "'").isNotNegative();
        int level = heading.indexOf(' ');
        Matcher next = Pattern.compile("(?m)^#{1," + level + "} ").matcher(markdown);
        int from = start + heading.length() + 2;
        return next.find(from) ? markdown.substring(from, next.start()) : markdown.substring(from);
    }

    private static String codeBlockAfter(String markdown, String heading) {
        String section = section(markdown, heading);
        Matcher block = Pattern.compile("(?s)```[a-z]*\\n(.*?)```").matcher(section);
        assertThat(block.find()).as("a code block under '" + heading + "' in " + README).isTrue();
        return block.group(1);
    }

    /** The codes in the first cell of each row of the markdown tables in the text: {@code | `code` | ...}. */
    private static Set<String> firstCells(String text) {
        Set<String> cells = new LinkedHashSet<>();
        Pattern.compile("(?m)^\\| `([a-z0-9-]+)` \\|").matcher(text).results().forEach(m -> cells.add(m.group(1)));
        return cells;
    }

    private static List<String> fieldKeys(JsonNode components, List<String> keys) {
        for (JsonNode component : components) {
            if (component.hasNonNull("key")) {
                keys.add(component.get("key").asText());
            }
            fieldKeys(component.path("components"), keys);
        }
        return keys;
    }

    private static String number(int n) {
        return n < NUMBERS.size() ? NUMBERS.get(n) : Integer.toString(n);
    }

    private static List<Path> list(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode json(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
