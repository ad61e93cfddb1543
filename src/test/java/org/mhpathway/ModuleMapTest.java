package org.mhpathway;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The modules (top-level packages under {@code org.mhpathway}) depend on each other one way only, as the README's
 * module map says: the build fails on a cycle, on a dependency the map does not list, on a module the map leaves
 * out, and on a module that uses one listed below it. Read from the compiled classes, so a dependency through an
 * annotation or a signature counts as well as a call.
 */
class ModuleMapTest {

    private static final String ROOT = "org.mhpathway";
    private static final Pattern ROW = Pattern.compile("^\\| `([a-z]+)` \\|.*\\| ([^|]+) \\|$");

    private static JavaClasses classes;

    @BeforeAll
    static void importTheService() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void noModuleDependsOnItselfThroughAnother() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void eachModuleUsesOnlyWhatTheReadmesModuleMapLists() throws IOException {
        Map<String, Set<String>> documented = moduleMap();
        Map<String, Set<String>> actual = actualDependencies();
        assertThat(documented.keySet()).as("modules in the README's module map").isEqualTo(actual.keySet());
        // a constant of another module (a variable name) is compiled into the class that reads it, so the map may
        // list a module the bytecode no longer shows; a dependency the map does not list is a failure
        actual.forEach((module, uses) -> assertThat(documented.get(module))
                .as("what `%s` uses (README: Layout: the module map)", module).containsAll(uses));
    }

    @Test
    void eachModuleUsesOnlyModulesAboveItInTheMap() throws IOException {
        Map<String, Set<String>> documented = moduleMap();
        List<String> ordered = readmeOrder();
        documented.forEach((module, uses) -> uses.forEach(used -> assertThat(ordered.indexOf(used))
                .as("`%s` uses `%s`, which the map lists below it", module, used)
                .isLessThan(ordered.indexOf(module))));
    }

    /** Module to the modules it uses, from the compiled classes. */
    private static Map<String, Set<String>> actualDependencies() {
        Map<String, Set<String>> uses = new TreeMap<>();
        for (JavaClass type : classes) {
            Optional<String> from = module(type);
            if (from.isEmpty()) {
                continue;
            }
            Set<String> targets = uses.computeIfAbsent(from.get(), m -> new TreeSet<>());
            for (Dependency dependency : type.getDirectDependenciesFromSelf()) {
                module(dependency.getTargetClass()).filter(to -> !to.equals(from.get())).ifPresent(targets::add);
            }
        }
        return uses;
    }

    /** The module of a class of the service: the package right under {@code org.mhpathway}; none for the root. */
    private static Optional<String> module(JavaClass type) {
        String name = type.getPackageName();
        if (!name.startsWith(ROOT + ".")) {
            return Optional.empty();
        }
        String rest = name.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }

    private static Map<String, Set<String>> moduleMap() throws IOException {
        Map<String, Set<String>> map = new TreeMap<>();
        for (String line : mapRows()) {
            Matcher row = ROW.matcher(line);
            assertThat(row.matches()).as("module map row: %s", line).isTrue();
            String uses = row.group(2).trim();
            map.put(row.group(1), uses.equals("-") ? Set.of() : Arrays.stream(uses.split(","))
                    .map(u -> u.trim().replace("`", "")).collect(Collectors.toCollection(TreeSet::new)));
        }
        return map;
    }

    private static List<String> readmeOrder() throws IOException {
        return mapRows().stream().map(line -> {
            Matcher row = ROW.matcher(line);
            assertThat(row.matches()).isTrue();
            return row.group(1);
        }).toList();
    }

    /** The rows of the table under "Layout: the module map", its header and rule left out. */
    private static List<String> mapRows() throws IOException {
        List<String> lines = Files.readAllLines(Path.of("README.md"));
        int heading = lines.indexOf("### Layout: the module map");
        assertThat(heading).as("the README's module map").isNotNegative();
        int start = heading + 1;
        while (!lines.get(start).startsWith("| module |")) {
            start++;
        }
        int end = start + 2;
        while (end < lines.size() && lines.get(end).startsWith("| ")) {
            end++;
        }
        return lines.subList(start + 2, end);
    }
}
