package org.mhpathway.system;

import java.util.List;

/** A request with bad fields: answered 400 with a problem+json body that names each one. Nothing is recorded. */
public class InvalidRequestException extends RuntimeException {

    private final String title;
    private final transient List<FieldProblem> problems;

    public InvalidRequestException(String title, List<FieldProblem> problems) {
        super(title + ": " + problems.stream().map(p -> p.field() + " " + p.message()).toList());
        this.title = title;
        this.problems = List.copyOf(problems);
    }

    public String title() {
        return title;
    }

    public List<FieldProblem> problems() {
        return problems;
    }
}
