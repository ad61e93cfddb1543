package org.mhpathway.system;

/** A caller who is known but may not do this: answered 403, naming the field that decides it. Nothing is recorded. */
public class NotPermittedException extends RuntimeException {

    private final String field;
    private final String fieldMessage;

    public NotPermittedException(String detail, String field, String fieldMessage) {
        super(detail);
        this.field = field;
        this.fieldMessage = fieldMessage;
    }

    public String field() {
        return field;
    }

    public String fieldMessage() {
        return fieldMessage;
    }
}
