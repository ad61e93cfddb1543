package org.mhpathway.system;

/** A request that clashes with what is already recorded: answered 409. */
public class ConflictException extends RuntimeException {

    private final String title;
    private final String field;
    private final String message;
    private final String existingPathwayId;

    public ConflictException(String title, String detail, String field, String existingPathwayId) {
        this(title, detail, field, "already has an open pathway", existingPathwayId);
    }

    /** {@code message} says what is wrong with {@code field}, as in a 400's {@code errors}. */
    public ConflictException(String title, String detail, String field, String message, String existingPathwayId) {
        super(detail);
        this.title = title;
        this.field = field;
        this.message = message;
        this.existingPathwayId = existingPathwayId;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }

    public String fieldMessage() {
        return message;
    }

    public String existingPathwayId() {
        return existingPathwayId;
    }
}
