package org.mhpathway.system;

/** An unknown resource: answered 404. */
public class NotFoundException extends RuntimeException {

    private final String field;

    public NotFoundException(String detail, String field) {
        super(detail);
        this.field = field;
    }

    public String field() {
        return field;
    }
}
