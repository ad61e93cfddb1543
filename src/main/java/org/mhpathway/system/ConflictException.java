package org.mhpathway.system;

/**
 * A request that clashes with what is already recorded: answered 409. The pathway the clash is with, when there is
 * one, is recorded in the audit trail (request attribute {@link #AUDITED_PATHWAY}) and never shown to the caller.
 */
public class ConflictException extends RuntimeException {

    /** The request attribute that carries {@link #existingPathwayId()} to the audit trail. */
    public static final String AUDITED_PATHWAY = ConflictException.class.getName() + ".pathway";

    private final String title;
    private final String field;
    private final String fieldMessage;
    private final String existingPathwayId;

    public ConflictException(String title, String detail, String field, String existingPathwayId) {
        this(title, detail, field, "already has an open pathway", existingPathwayId);
    }

    /** @param existingPathwayId the pathway the request clashes with: audited, not answered; or null */
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
