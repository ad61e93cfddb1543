package org.mhpathway.system;

/** A request that clashes with what is already recorded: answered 409. */
public class ConflictException extends RuntimeException {

    private final String title;
    private final String field;
    private final String existingPathwayId;

    public ConflictException(String title, String detail, String field, String existingPathwayId) {
        super(detail);
        this.title = title;
        this.field = field;
        this.existingPathwayId = existingPathwayId;
    }

    public String title() {
        return title;
    }

    public String field() {
        return field;
    }

    public String existingPathwayId() {
        return existingPathwayId;
    }
}
