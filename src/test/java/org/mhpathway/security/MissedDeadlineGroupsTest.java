package org.mhpathway.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.mhpathway.pathway.PathwayProcesses.SlaBreachResponse;
import org.mhpathway.sla.PolicyProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * A missed deadline reaches a group that can answer it: every SLA a model hands to {@code sla-breach-response} names,
 * in the policy and in each ICS's override, a responsible group that works that model. Otherwise the task
 * <i>Respond to missed deadline</i> would be created for a group the engine shows none of it to (the discharge hub
 * and housing work no clinical model), and nobody but an administrator could answer it.
 */
class MissedDeadlineGroupsTest {

    private static final Pattern BREACH_CODE = Pattern.compile(
            "sourceExpression=\"\\$\\{'([a-z0-9-]+)'}\" target=\"slaCode\"");

    @Test
    void everySlaAnsweredInSlaBreachResponseNamesAGroupThatWorksIt() throws IOException {
        Set<String> answering = new TreeSet<>();
        GroupAuthorizations.WORKS.forEach((group, models) -> {
            if (models.contains(SlaBreachResponse.KEY)) {
                answering.add(group);
            }
        });
        PolicyProperties policy = policy();
        Set<String> codes = breachCodes();
        assertThat(codes).as("SLAs handed to sla-breach-response").isNotEmpty();
        List<String> wrong = new ArrayList<>();
        for (String code : codes) {
            List<String> groups = new ArrayList<>();
            policy.slas().entrySet().stream().filter(e -> e.getKey().equals(code) || e.getKey().startsWith(code + "-"))
                    .forEach(e -> groups.add(e.getValue().responsibleGroup()));
            policy.ics().values().forEach(ics -> ics.slas().forEach((overridden, rule) -> {
                if ((overridden.equals(code) || overridden.startsWith(code + "-")) && rule.responsibleGroup() != null) {
                    groups.add(rule.responsibleGroup());
                }
            }));
            assertThat(groups).as("responsible groups of SLA '" + code + "'").isNotEmpty();
            groups.stream().filter(g -> !answering.contains(g))
                    .forEach(g -> wrong.add(code + " -> " + g + " (works no " + SlaBreachResponse.KEY + ")"));
        }
        assertThat(wrong).as("missed deadlines whose group cannot answer them; groups that can: " + answering).isEmpty();
    }

    private static Set<String> breachCodes() throws IOException {
        Set<String> codes = new TreeSet<>();
        try (Stream<Path> models = Files.list(Path.of("bpmn"))) {
            for (Path model : models.filter(p -> p.toString().endsWith(".bpmn")).toList()) {
                Matcher m = BREACH_CODE.matcher(Files.readString(model));
                while (m.find()) {
                    codes.add(m.group(1));
                }
            }
        }
        return codes;
    }

    private static PolicyProperties policy() throws IOException {
        StandardEnvironment env = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application", new FileSystemResource("src/main/resources/application.yml"))
                .forEach(env.getPropertySources()::addLast);
        return Binder.get(env).bind("mhpathway.policy", PolicyProperties.class).get();
    }
}
