package org.mhpathway.forms;

import java.util.List;
import org.camunda.bpm.engine.BadUserRequestException;
import org.mhpathway.system.FieldProblem;

/**
 * Values refused inside the engine, where the refusal is thrown: by {@link TaskFormCheck} when a task completes and
 * by {@link LongText} when a variable is set. It is a {@link BadUserRequestException} without a cause, so the engine
 * rolls the command back, logs it at DEBUG as the caller's mistake (not as an ERROR of the service), and never turns
 * it into a BPMN error that a catch-all error event could take down another path. The command's callers see
 * {@link InvalidTaskValuesException} instead ({@link RefusalInterceptors}). A task listener of a model that checks
 * what no form can say (a carer needs a telephone number or an e-mail address) refuses with it too.
 */
public final class TaskValuesRefusal extends BadUserRequestException {

    private final transient List<FieldProblem> problems;

    public TaskValuesRefusal(String field, String message) {
        this(List.of(new FieldProblem(field, message)));
    }

    public TaskValuesRefusal(List<FieldProblem> problems) {
        super(InvalidTaskValuesException.describe(problems));
        this.problems = List.copyOf(problems);
    }

    List<FieldProblem> problems() {
        return problems;
    }
}
