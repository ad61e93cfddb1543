package org.mhpathway.forms;

import java.util.List;
import java.util.stream.Collectors;
import org.mhpathway.system.FieldProblem;

/**
 * A task's completion, or a variable, refused for its values: a required field missing, a value of the wrong type or
 * not among the form's options, a text too long, a read-only field or another variable the completion may not change.
 * Nothing was recorded and nothing moved: the engine's transaction was rolled back and the task is still open with
 * its earlier values. Over {@code /engine-rest} and the webapps' engine API it answers 400 naming the field
 * ({@link InvalidTaskValuesMapper}); Java callers of the engine get it from {@code TaskService.complete} and
 * {@code FormService.submitTaskForm}.
 *
 * <p>Deliberately not a {@code ProcessEngineException}: Camunda's REST resources answer every one of those from a
 * task completion as a 500, so this one passes them by to its own mapper.
 */
public class InvalidTaskValuesException extends RuntimeException {

    private final transient List<FieldProblem> problems;

    public InvalidTaskValuesException(List<FieldProblem> problems) {
        super(describe(problems));
        this.problems = List.copyOf(problems);
    }

    /** Every field refused, in the form's order; at least one. */
    public List<FieldProblem> problems() {
        return problems;
    }

    /** The first field refused, which the answer names. */
    public String field() {
        return problems.get(0).field();
    }

    static String describe(List<FieldProblem> problems) {
        return problems.stream().map(p -> p.field() + " " + p.message()).collect(Collectors.joining("; "));
    }
}
