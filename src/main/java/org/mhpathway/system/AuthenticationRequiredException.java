package org.mhpathway.system;

/** No credential, or one that does not check out: answered 401 with a {@code WWW-Authenticate} challenge. */
public class AuthenticationRequiredException extends RuntimeException {

    private final String realm;

    public AuthenticationRequiredException(String realm, String detail) {
        super(detail);
        this.realm = realm;
    }

    public String realm() {
        return realm;
    }
}
