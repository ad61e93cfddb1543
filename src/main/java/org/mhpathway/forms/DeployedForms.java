package org.mhpathway.forms;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.camunda.bpm.engine.ProcessEngineException;
import org.camunda.bpm.engine.delegate.Expression;
import org.camunda.bpm.engine.impl.cmd.GetCamundaFormDefinitionCmd;
import org.camunda.bpm.engine.impl.form.CamundaFormRefImpl;
import org.camunda.bpm.engine.impl.form.FormDefinition;
import org.camunda.bpm.engine.impl.form.handler.DefaultFormHandler;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ResourceEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.repository.CamundaFormDefinition;

/**
 * The Camunda Form of a task, as deployed: the form Tasklist shows for it. {@code camunda:formRef} with
 * {@code camunda:formRefBinding="deployment"} names a form of the task's own deployment; a deployment never changes,
 * so each form is read from the database and parsed once per deployment, then kept. A form bound by version or as the
 * latest is found again each time (one query) and parsed once per deployed form.
 */
final class DeployedForms {

    private final ObjectMapper json;
    private final Map<String, FormSchema> parsed = new ConcurrentHashMap<>();

    DeployedForms(ObjectMapper json) {
        this.json = json;
    }

    /** The task's form, or null when the task has no Camunda Form (a standalone task, an embedded form). */
    FormSchema formOf(TaskEntity task, CommandContext command) {
        if (task.getTaskDefinition() == null || task.getProcessDefinition() == null) {
            return null;
        }
        FormDefinition definition = task.getTaskDefinition().getFormDefinition();
        Expression keyExpression = definition == null ? null : definition.getCamundaFormDefinitionKey();
        String binding = definition == null ? null : definition.getCamundaFormDefinitionBinding();
        if (keyExpression == null || binding == null) {
            return null;
        }
        String key = (String) keyExpression.getValue(task);
        String deploymentId = task.getProcessDefinition().getDeploymentId();
        CamundaFormRefImpl ref = new CamundaFormRefImpl(key, binding);
        if (DefaultFormHandler.FORM_REF_BINDING_DEPLOYMENT.equals(binding)) {
            String cacheKey = "deployment " + deploymentId + " " + key;
            FormSchema form = parsed.get(cacheKey);
            if (form == null) {
                form = load(find(ref, deploymentId, command), command);
                parsed.put(cacheKey, form);
            }
            return form;
        }
        if (DefaultFormHandler.FORM_REF_BINDING_VERSION.equals(binding)) {
            Expression version = definition.getCamundaFormDefinitionVersion();
            ref.setVersion(Integer.parseInt(String.valueOf(version.getValue(task))));
        }
        CamundaFormDefinition found = find(ref, deploymentId, command);
        return parsed.computeIfAbsent("definition " + found.getId(), id -> load(found, command));
    }

    private static CamundaFormDefinition find(CamundaFormRefImpl ref, String deploymentId, CommandContext command) {
        // the form belongs to the model, not to the user: found as Tasklist finds it, whoever completes the task
        CamundaFormDefinition found = command.runWithoutAuthorization(new GetCamundaFormDefinitionCmd(ref, deploymentId));
        if (found == null) {
            // no form, no check: the completion fails rather than go through unchecked
            throw new ProcessEngineException("The form " + ref.getKey() + " of this task is not deployed (binding "
                    + ref.getBinding() + ", deployment " + deploymentId + "); the task cannot be checked");
        }
        return found;
    }

    private FormSchema load(CamundaFormDefinition definition, CommandContext command) {
        ResourceEntity resource = command.getResourceManager()
                .findResourceByDeploymentIdAndResourceName(definition.getDeploymentId(), definition.getResourceName());
        if (resource == null) {
            throw new ProcessEngineException("The form resource " + definition.getResourceName() + " of deployment "
                    + definition.getDeploymentId() + " cannot be found");
        }
        try {
            return FormSchema.parse(resource.getBytes(), json);
        } catch (IOException e) {
            throw new ProcessEngineException("The form " + definition.getResourceName() + " of deployment "
                    + definition.getDeploymentId() + " cannot be read", e);
        }
    }
}
