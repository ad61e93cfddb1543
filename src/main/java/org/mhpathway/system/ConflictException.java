package org.mhpathway.system;

/** A request that clashes with what is already recorded: answered 409. */
public class ConflictException extends RuntimeException {

    private final String title;
    private final String field;
    private final String fieldMessage;
    private final String existingPathwayId;

    public ConflictException(String title, String detail, String field, String existingPathwayId) {
        this(title, detail, field, "already has an open pathway", existingPathwayId);
    }

    public ConflictException(String title, String detail, String field, String fieldMessage, String existingPathwayId) {
        super(detail);
        this.title = title;
        this.field = field;
        this.fieldMessage = fieldMessage;
        this.existingPathwayId = existingPathwayId;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }

    public String fieldMessage() {
        return fieldMessage;
    }

    public String existingPathwayId() {
        return existingPathwayId;
    }
}
