package org.mhpathway.system;

/**
 * No credential, or one that does not check out: answered 401 with a {@code WWW-Authenticate} challenge, naming
 * the field at fault (the {@code Authorization} header) when it is known.
 */
public class AuthenticationRequiredException extends RuntimeException {

    private final String realm;
    private final String field;
    private final String fieldMessage;

    public AuthenticationRequiredException(String realm, String detail) {
        this(realm, detail, null, null);
    }

    public AuthenticationRequiredException(String realm, String detail, String field, String fieldMessage) {
        super(detail);
        this.realm = realm;
        this.field = field;
        this.fieldMessage = fieldMessage;
    }

    public String realm() {
        return realm;
    }

    public String field() {
        return field;
    }

    public String fieldMessage() {
        return fieldMessage;
    }
}
