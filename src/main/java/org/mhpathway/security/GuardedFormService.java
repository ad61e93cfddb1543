package org.mhpathway.security;

import java.util.Map;
import org.camunda.bpm.engine.impl.FormServiceImpl;
import org.camunda.bpm.engine.variable.VariableMap;

/** Camunda's form service, with {@link TaskWorkGuard} before a task form is submitted (Tasklist completes this way). */
class GuardedFormService extends FormServiceImpl {

    @Override
    public void submitTaskForm(String taskId, Map<String, Object> properties) {
        commandExecutor.execute(TaskWorkGuard.work(taskId));
        super.submitTaskForm(taskId, properties);
    }

    @Override
    public VariableMap submitTaskFormWithVariablesInReturn(String taskId, Map<String, Object> properties,
                                                           boolean deserializeValues) {
        commandExecutor.execute(TaskWorkGuard.work(taskId));
        return super.submitTaskFormWithVariablesInReturn(taskId, properties, deserializeValues);
    }
}
