package org.mhpathway.forms;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every form in {@code forms/} keeps to: the server reads it as Tasklist does, understands every condition it
 * hides a field by (so no field falls back to "perhaps hidden"), and its words are for the people who fill it in:
 * no file names, document sections or API paths.
 */
class FormFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** A file, a document's section, an API path; "section 117 aftercare" is the Mental Health Act's, kept. */
    private static final Pattern NOT_FOR_USERS = Pattern.compile(
            "\\.md\\b|\\bPATHWAY\\b|\\bENGINEERING\\b|(?i:\\bsection (?!117 aftercare)\\S+)|/api/|/engine-rest"
                    + "|(?i:\\bseeds?\\b)");

    static Stream<Path> forms() throws IOException {
        return Files.list(Path.of("forms")).filter(p -> p.toString().endsWith(".form")).sorted();
    }

    @ParameterizedTest
    @MethodSource("forms")
    void isReadAndEveryConditionIsUnderstood(Path form) throws IOException {
        FormSchema schema = FormSchema.parse(Files.readAllBytes(form), JSON);
        assertThat(schema.id() + ".form").isEqualTo(form.getFileName().toString());
        assertThat(schema.fields()).isNotEmpty();
        for (FormSchema.Field field : schema.fields()) {
            if (field.hide() != null) {
                assertThat(HideCondition.hidden(field.hide(), Map.of())).as(field.key() + ": " + field.hide()).isPresent();
            }
            if (List.of("select", "radio", "checklist").contains(field.type())) {
                if (field.valuesKey() != null) {
                    // Tasklist reads a valuesKey of the form's top level only: a field in a group would show none
                    assertThat(topLevelKeys(form)).as(field.key() + " takes its options from " + field.valuesKey())
                            .contains(field.key());
                } else {
                    assertThat(field.options()).as(field.key() + " options").isNotEmpty();
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("forms")
    void speaksToItsUsersNotToItsDevelopers(Path form) throws IOException {
        List<String> words = new ArrayList<>();
        collect(JSON.readTree(form.toFile()).path("components"), words);
        assertThat(words).isNotEmpty().noneMatch(w -> NOT_FOR_USERS.matcher(w).find());
    }

    private static List<String> topLevelKeys(Path form) throws IOException {
        List<String> keys = new ArrayList<>();
        JSON.readTree(form.toFile()).path("components").forEach(c -> keys.add(c.path("key").asText()));
        return keys;
    }

    private static void collect(JsonNode components, List<String> words) {
        for (JsonNode c : components) {
            for (String name : List.of("text", "label", "description", "dateLabel", "timeLabel")) {
                if (c.hasNonNull(name)) {
                    words.add(c.get(name).asText());
                }
            }
            c.path("values").forEach(v -> words.add(v.path("label").asText()));
            if (c.path("components").isArray()) {
                collect(c.get("components"), words);
            }
        }
    }
}
