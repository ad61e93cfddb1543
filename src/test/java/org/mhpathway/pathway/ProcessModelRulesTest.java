package org.mhpathway.pathway;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.model.bpmn.Bpmn;
import org.camunda.bpm.model.bpmn.BpmnModelInstance;
import org.camunda.bpm.model.bpmn.instance.BaseElement;
import org.camunda.bpm.model.bpmn.instance.FlowNode;
import org.camunda.bpm.model.bpmn.instance.Process;
import org.camunda.bpm.model.bpmn.instance.SequenceFlow;
import org.camunda.bpm.model.bpmn.instance.UserTask;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnEdge;
import org.camunda.bpm.model.bpmn.instance.bpmndi.BpmnShape;
import org.camunda.bpm.model.bpmn.instance.dc.Bounds;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mhpathway.sla.SlaPolicy;
import org.mhpathway.sla.PolicyProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * The standing rules every model in {@code bpmn/} keeps: it draws cleanly in Cockpit and Modeler (a shape for
 * every element, no two shapes overlapping, an edge for every flow), its ids say what they are, history has a
 * time-to-live, every form it names exists, and every SLA it names is in the policy.
 */
class ProcessModelRulesTest {

    private static final Path BPMN = Path.of("bpmn");
    private static final Pattern GENERATED_ID = Pattern.compile("(Activity|Gateway|Event|Flow|StartEvent|EndEvent)_[0-9a-z]{7}");
    private static final Pattern SLA_CODE = Pattern.compile("slaTimers\\.\\w+\\(execution, '([a-z0-9-]+)'\\)|\\$\\{'([a-z0-9-]+)'}");

    static Stream<Path> models() throws IOException {
        return Files.list(BPMN).filter(p -> p.toString().endsWith(".bpmn")).sorted();
    }

    private static BpmnModelInstance read(Path model) {
        return Bpmn.readModelFromFile(model.toFile());
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyElementHasAShapeAndNoShapesOverlap(Path model) {
        BpmnModelInstance bpmn = read(model);
        Set<String> shaped = bpmn.getModelElementsByType(BpmnShape.class).stream()
                .map(s -> s.getBpmnElement().getId()).collect(Collectors.toSet());
        Set<String> edged = bpmn.getModelElementsByType(BpmnEdge.class).stream()
                .map(e -> e.getBpmnElement().getId()).collect(Collectors.toSet());
        assertThat(bpmn.getModelElementsByType(FlowNode.class)).extracting(BaseElement::getId).allMatch(shaped::contains);
        assertThat(bpmn.getModelElementsByType(SequenceFlow.class)).extracting(BaseElement::getId).allMatch(edged::contains);

        List<BpmnShape> shapes = bpmn.getModelElementsByType(BpmnShape.class).stream()
                .filter(s -> !(s.getBpmnElement() instanceof org.camunda.bpm.model.bpmn.instance.BoundaryEvent)).toList();
        List<String> overlaps = new ArrayList<>();
        for (int i = 0; i < shapes.size(); i++) {
            for (int j = i + 1; j < shapes.size(); j++) {
                Bounds a = shapes.get(i).getBounds();
                Bounds b = shapes.get(j).getBounds();
                if (overlap(a, b) && !contains(a, b) && !contains(b, a)) {
                    overlaps.add(shapes.get(i).getBpmnElement().getId() + " / " + shapes.get(j).getBpmnElement().getId());
                }
            }
        }
        assertThat(overlaps).as("overlapping shapes").isEmpty();
    }

    /** The incoming and outgoing lists Modeler draws from agree with where each flow really goes. */
    @ParameterizedTest
    @MethodSource("models")
    void everyFlowIsListedAtBothOfItsEnds(Path model) {
        BpmnModelInstance bpmn = read(model);
        for (SequenceFlow flow : bpmn.getModelElementsByType(SequenceFlow.class)) {
            assertThat(flow.getSource().getOutgoing()).as(flow.getId() + " among its source's outgoing").contains(flow);
            assertThat(flow.getTarget().getIncoming()).as(flow.getId() + " among its target's incoming").contains(flow);
        }
        for (FlowNode node : bpmn.getModelElementsByType(FlowNode.class)) {
            node.getIncoming().forEach(f -> assertThat(f.getTarget()).as(node.getId() + " incoming " + f.getId()).isEqualTo(node));
            node.getOutgoing().forEach(f -> assertThat(f.getSource()).as(node.getId() + " outgoing " + f.getId()).isEqualTo(node));
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void idsAndNamesSayWhatTheyAre(Path model) throws IOException {
        assertThat(GENERATED_ID.matcher(Files.readString(model)).find()).as("generated ids").isFalse();
        BpmnModelInstance bpmn = read(model);
        for (FlowNode node : bpmn.getModelElementsByType(FlowNode.class)) {
            assertThat(node.getId()).matches("(UserTask|ServiceTask|CallActivity|SubProcess|Gateway|StartEvent|EndEvent|TimerEvent|MessageEvent|BoundaryEvent)_[A-Z][A-Za-z0-9]+");
            if (node instanceof org.camunda.bpm.model.bpmn.instance.Activity) {
                assertThat(node.getName()).as(node.getId() + " name").isNotBlank();
            }
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void historyHasATimeToLiveAndNothingStartsFromTasklist(Path model) {
        for (Process process : read(model).getModelElementsByType(Process.class)) {
            assertThat(process.getCamundaHistoryTimeToLiveString()).as(process.getId()).isNotBlank();
            assertThat(process.isExecutable()).isTrue();
            // pathways start from a referral through the API, never from Tasklist's "Start process"
            assertThat(process.isCamundaStartableInTasklist()).as(process.getId() + " startable in Tasklist").isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void everyUserTaskHasAFormThatExistsAndACandidateGroup(Path model) throws IOException {
        for (UserTask task : read(model).getModelElementsByType(UserTask.class)) {
            String form = task.getCamundaFormRef();
            assertThat(form).as(task.getId() + " formRef").isNotBlank();
            assertThat(task.getCamundaFormRefBinding()).isEqualTo("deployment");
            Path file = Path.of("forms", form + ".form");
            assertThat(file).as(task.getId() + " form file").exists();
            assertThat(Files.readString(file)).contains("\"id\": \"" + form + "\"");
            assertThat(task.getCamundaCandidateGroups()).as(task.getId() + " candidate group").isNotBlank();
        }
    }

    @ParameterizedTest
    @MethodSource("models")
    void everySlaNamedIsInThePolicy(Path model) throws IOException {
        Set<String> known = policy().slaCodes();
        Matcher m = SLA_CODE.matcher(Files.readString(model));
        while (m.find()) {
            String code = m.group(1) != null ? m.group(1) : m.group(2);
            boolean variant = known.stream().anyMatch(k -> k.startsWith(code + "-"));
            assertThat(known.contains(code) || variant).as("SLA '" + code + "' in " + model).isTrue();
        }
    }

    private static SlaPolicy policy() throws IOException {
        StandardEnvironment env = new StandardEnvironment();
        new YamlPropertySourceLoader().load("application", new FileSystemResource("src/main/resources/application.yml"))
                .forEach(env.getPropertySources()::addLast);
        return new SlaPolicy(Binder.get(env).bind("mhpathway.policy", PolicyProperties.class).get());
    }

    /** An expanded subprocess holds its own elements. */
    private static boolean contains(Bounds outer, Bounds inner) {
        return outer.getX() <= inner.getX() && outer.getY() <= inner.getY()
                && inner.getX() + inner.getWidth() <= outer.getX() + outer.getWidth()
                && inner.getY() + inner.getHeight() <= outer.getY() + outer.getHeight();
    }

    private static boolean overlap(Bounds a, Bounds b) {
        return a.getX() < b.getX() + b.getWidth() && b.getX() < a.getX() + a.getWidth()
                && a.getY() < b.getY() + b.getHeight() && b.getY() < a.getY() + a.getHeight();
    }
}
