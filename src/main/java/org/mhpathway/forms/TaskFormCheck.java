package org.mhpathway.forms;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.delegate.DelegateTask;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.core.variable.CoreVariableInstance;
import org.camunda.bpm.engine.impl.core.variable.scope.AbstractVariableScope;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ExecutionEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;
import org.mhpathway.system.FieldProblem;

/**
 * Checks a task's values against its deployed Camunda Form when it completes, however it completes: Tasklist, the
 * Camunda REST API, or the service itself. Added by {@link TaskFormsPlugin} to every user task with a
 * {@code camunda:formRef}, as the first listener of its {@code complete} event; it runs after the caller's values are
 * set and before anything moves, in the same transaction, so a refusal leaves the task open with its earlier values.
 *
 * <p>The values checked are those the process will go on with: the variables the task's execution sees, whoever set
 * them and whenever ({@link FormRules}); the required ones, and the checkboxes shown, must also be sent by this
 * completion, as the form always sends them. And the completion may change only what its form records: a read-only field
 * (an agency's name) or any other variable of the process (the pathway id) it changes is refused, by name
 * ({@link CompletionWrites}); so is a transient value, which the process would act on but never record.
 */
final class TaskFormCheck implements TaskListener {

    private final DeployedForms forms;
    private final ObjectMapper json;

    TaskFormCheck(DeployedForms forms, ObjectMapper json) {
        this.forms = forms;
        this.json = json;
    }

    @Override
    public void notify(DelegateTask delegateTask) {
        TaskEntity task = (TaskEntity) delegateTask;
        ExecutionEntity execution = task.getExecution();
        CommandContext command = Context.getCommandContext();
        FormSchema form = execution == null ? null : forms.formOf(task, command);
        if (form == null) {
            return;
        }
        Map<String, FormSchema.Field> fields = form.byKey();
        CompletionWrites writes = CompletionWrites.of(command, task.getProcessInstanceId());
        List<String> transients = transientNames(task);
        // a transient value was sent too; it is refused below for being transient, not for being absent
        Set<String> sent = new HashSet<>(writes.sent());
        sent.addAll(transients);
        List<FieldProblem> problems = new ArrayList<>(FormRules.check(form,
                new ScopeValues(execution, task, fields.keySet(), json), sent));
        for (String name : writes.sent()) {
            FormSchema.Field field = fields.get(name);
            if (field != null && !field.readOnly() || !writes.changes(name)) {
                continue;
            }
            problems.add(new FieldProblem(name, field == null ? "is not a field of this form" : "is read-only"));
        }
        for (String name : transients) {
            problems.add(new FieldProblem(name, "must be recorded: transient values are not accepted"));
        }
        if (!problems.isEmpty()) {
            throw new TaskValuesRefusal(problems);
        }
    }

    /**
     * Transient variables in the task's scopes. None survives a command, and nothing before this listener in a
     * completion sets one, so each was sent by the caller.
     */
    private static List<String> transientNames(TaskEntity task) {
        List<String> names = new ArrayList<>();
        for (AbstractVariableScope scope = task; scope != null; scope = scope.getParentVariableScope()) {
            for (CoreVariableInstance variable : scope.getVariableInstancesLocal()) {
                if (variable instanceof VariableInstanceEntity entity && entity.isTransient()) {
                    names.add(entity.getName());
                }
            }
        }
        return names;
    }

    /**
     * The execution's variables, read as plain values when the rules ask for them (fields and their conditions). A
     * name that is no field of the form may also be the task's own: what a create listener put on the task for the
     * form to compare with (the EDD before this step, {@code previousEstimatedDischargeDate}). A field is read from
     * the execution only, as the process will go on with it.
     */
    private static final class ScopeValues extends AbstractMap<String, Object> {

        private final ExecutionEntity scope;
        private final TaskEntity task;
        private final Set<String> fields;
        private final ObjectMapper json;
        private final Map<String, Object> read = new HashMap<>();

        ScopeValues(ExecutionEntity scope, TaskEntity task, Set<String> fields, ObjectMapper json) {
            this.scope = scope;
            this.task = task;
            this.fields = fields;
            this.json = json;
        }

        @Override
        public Object get(Object name) {
            if (!(name instanceof String key)) {
                return null;
            }
            return read.computeIfAbsent(key, k -> !fields.contains(k) && task.hasVariableLocal(k)
                    ? TaskValues.read(task, List.of(k), json).get(k)
                    : TaskValues.read(scope, List.of(k), json).get(k));
        }

        @Override
        public Set<Entry<String, Object>> entrySet() {
            throw new UnsupportedOperationException("values are read by name");
        }
    }
}
