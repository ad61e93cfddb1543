package org.mhpathway.sla;

import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import org.camunda.bpm.engine.HistoryService;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.history.HistoricVariableInstance;
import org.camunda.bpm.engine.impl.context.Context;
import org.mhpathway.system.IsoDateTimes;
import org.springframework.context.annotation.Lazy;
import org.springframework.stereotype.Component;

/**
 * Brings the latest Care (Education) and Treatment Review back to the steps that act on it: the admission decision
 * (seed 004: the pre-admission C(E)TR is held "to support this decision"), the care plan and discharge planning.
 * {@code ${cetrFindings.show(task)}} as a create listener sets the task-local variable {@code cetrFindings}, a short
 * text the form shows (nothing when no C(E)TR applies to the person).
 *
 * <p>The review may have been held in another model of the same pathway (before admission in the pathway itself,
 * during the stay in the reviews model), so the findings are read from the history of every instance that carries
 * the pathway id. The recommendations are clinical free text: the variable is local to a clinical task, never a
 * pathway fact handed to the hub's or housing's models.
 */
@Component("cetrFindings")
public class CetrFindings {

    public static final String VARIABLE = "cetrFindings";
    private static final List<String> RECORDED = List.of("cetrHeldAt", "cetrRecommendations", "cetrNotHeldReason",
            "cetrHeldBeforeAdmission");
    private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("d MMMM yyyy", Locale.UK);

    private final ProcessEngine engine;
    private final SlaPolicy policy;

    public CetrFindings(@Lazy ProcessEngine engine, SlaPolicy policy) {
        this.engine = engine;
        this.policy = policy;
    }

    public void show(DelegateTask task) {
        // what this instance recorded in the step just completed is not in the history tables until the command ends
        Map<String, Object> current = new java.util.HashMap<>();
        for (String name : RECORDED) {
            Object value = task.getExecution().getVariable(name);
            if (value != null) {
                current.put(name, value);
            }
        }
        String findings = findings(task.getExecution().getProcessBusinessKey(), task.getProcessInstanceId(), current);
        if (findings != null) {
            task.setVariableLocal(VARIABLE, findings);
        }
    }

    /** What the latest C(E)TR of the pathway found, or why the pre-admission one was not held; null when none. */
    String findings(String pathwayId, String currentInstance, Map<String, Object> current) {
        List<HistoricVariableInstance> recorded = Context.getCommandContext() == null ? read(pathwayId)
                : Context.getCommandContext().runWithoutAuthorization(() -> read(pathwayId));
        Map<String, Map<String, Object>> byInstance = new java.util.HashMap<>();
        for (HistoricVariableInstance v : recorded) {
            if (v.getValue() != null) {
                byInstance.computeIfAbsent(v.getProcessInstanceId(), k -> new java.util.HashMap<>())
                        .put(v.getName(), v.getValue());
            }
        }
        if (!current.isEmpty()) {
            byInstance.put(currentInstance, current);
        }
        Held latest = byInstance.values().stream().map(this::held).filter(Objects::nonNull)
                .filter(h -> h.at() != null).max(Comparator.comparing(Held::at)
                        // cetrHeldAt is a pathway fact: the called models hold copies without the recommendations
                        .thenComparing(h -> h.recommendations() != null)).orElse(null);
        if (latest != null) {
            String when = ZonedDateTime.ofInstant(latest.at(), policy.zone()).format(SHOWN);
            return latest.recommendations() == null ? "C(E)TR held on " + when + "."
                    : "C(E)TR held on " + when + ". Recommendations: " + latest.recommendations();
        }
        return byInstance.values().stream().map(this::held).filter(Objects::nonNull)
                .map(Held::notHeldReason).filter(Objects::nonNull).findFirst()
                .map(reason -> "No C(E)TR before admission: " + reason
                        + " It is due within 28 days of admission.")
                .orElse(null);
    }

    private List<HistoricVariableInstance> read(String pathwayId) {
        HistoryService history = engine.getHistoryService();
        String[] instances = history.createHistoricProcessInstanceQuery().processInstanceBusinessKey(pathwayId)
                .list().stream().map(i -> i.getId()).toArray(String[]::new);
        if (instances.length == 0) {
            return List.of();
        }
        return history.createHistoricVariableInstanceQuery().processInstanceIdIn(instances)
                .variableNameIn(RECORDED.toArray(String[]::new)).disableCustomObjectDeserialization().list();
    }

    private Held held(Map<String, Object> values) {
        if (values.isEmpty()) {
            return null;
        }
        Instant at = Boolean.FALSE.equals(values.get("cetrHeldBeforeAdmission")) ? null
                : IsoDateTimes.toInstant(values.get("cetrHeldAt"), policy.zone());
        return new Held(at, text(values.get("cetrRecommendations")), text(values.get("cetrNotHeldReason")));
    }

    private static String text(Object value) {
        return value == null || value.toString().isBlank() ? null : value.toString().trim();
    }

    private record Held(Instant at, String recommendations, String notHeldReason) {
    }
}
