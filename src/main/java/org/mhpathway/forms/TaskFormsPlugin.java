package org.mhpathway.forms;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.bpmn.behavior.UserTaskActivityBehavior;
import org.camunda.bpm.engine.impl.bpmn.parser.AbstractBpmnParseListener;
import org.camunda.bpm.engine.impl.bpmn.parser.BpmnParseListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.form.FormDefinition;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;
import org.camunda.bpm.engine.impl.pvm.process.ActivityImpl;
import org.camunda.bpm.engine.impl.pvm.process.ScopeImpl;
import org.camunda.bpm.engine.impl.task.TaskDefinition;
import org.camunda.bpm.engine.impl.util.xml.Element;
import org.camunda.bpm.engine.impl.variable.serializer.TypedValueSerializer;
import org.springframework.stereotype.Component;

/**
 * Every completed task is checked against its deployed Camunda Form, and long text is stored whole.
 *
 * <ul>
 *   <li>A parse listener gives every user task that has a {@code camunda:formRef} the {@link TaskFormCheck} as the
 *       first listener of its {@code complete} event (a built-in listener: it runs before those of the model, and
 *       the models themselves are unchanged).
 *   <li>{@link LongText} stores text over 4,000 characters whole, up to {@value LongText#MAX_CHARACTERS}.
 *   <li>{@link FormPropertyHistory} fits the history's copy of a submitted form's text to its column.
 *   <li>{@link RefusalInterceptors} hand a refusal to the caller as {@link InvalidTaskValuesException}, answered 400
 *       naming the field by {@link InvalidTaskValuesMapper}.
 * </ul>
 */
@Component
class TaskFormsPlugin extends AbstractProcessEnginePlugin {

    private final TaskFormCheck check;

    TaskFormsPlugin(ObjectMapper json) {
        this.check = new TaskFormCheck(new DeployedForms(json), json);
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        List<BpmnParseListener> parseListeners = listOf(configuration::getCustomPostBPMNParseListeners,
                configuration::setCustomPostBPMNParseListeners);
        parseListeners.add(new AbstractBpmnParseListener() {
            @Override
            public void parseUserTask(Element userTaskElement, ScopeImpl scope, ActivityImpl activity) {
                if (activity.getActivityBehavior() instanceof UserTaskActivityBehavior userTask) {
                    TaskDefinition task = userTask.getTaskDefinition();
                    FormDefinition form = task.getFormDefinition();
                    if (form != null && form.getCamundaFormDefinitionKey() != null) {
                        task.addBuiltInTaskListener(TaskListener.EVENTNAME_COMPLETE, check);
                    }
                }
            }
        });

        List<TypedValueSerializer> serializers = listOf(configuration::getCustomPreVariableSerializers,
                configuration::setCustomPreVariableSerializers);
        serializers.add(new LongText());

        if (configuration.getHistoryEventProducer() != null) {
            throw new IllegalStateException("A history event producer is already configured ("
                    + configuration.getHistoryEventProducer().getClass().getName() + "); long text submitted through "
                    + "a form needs " + FormPropertyHistory.class.getName() + " to fit the form-property history");
        }
        configuration.setHistoryEventProducer(new FormPropertyHistory());

        listOf(configuration::getCustomPreCommandInterceptorsTxRequired,
                configuration::setCustomPreCommandInterceptorsTxRequired).add(0, RefusalInterceptors.outermost());
        listOf(configuration::getCustomPreCommandInterceptorsTxRequiresNew,
                configuration::setCustomPreCommandInterceptorsTxRequiresNew).add(0, RefusalInterceptors.outermost());
        listOf(configuration::getCustomPostCommandInterceptorsTxRequired,
                configuration::setCustomPostCommandInterceptorsTxRequired).add(RefusalInterceptors.inside());
        listOf(configuration::getCustomPostCommandInterceptorsTxRequiresNew,
                configuration::setCustomPostCommandInterceptorsTxRequiresNew).add(RefusalInterceptors.inside());
    }

    private static <T> List<T> listOf(Supplier<List<T>> get, Consumer<List<T>> set) {
        List<T> list = get.get();
        if (list == null) {
            list = new ArrayList<>();
            set.accept(list);
        }
        return list;
    }
}
