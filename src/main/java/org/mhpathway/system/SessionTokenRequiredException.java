package org.mhpathway.system;

/** A change sent with a Tasklist session but without its CSRF token: answered 403 naming the header. */
public class SessionTokenRequiredException extends NotPermittedException {

    public SessionTokenRequiredException(String header) {
        super("A change made with a Tasklist login must carry the session's token in the " + header + " header.",
                header, "must carry the token of your Tasklist session (GET /api/me gives it)");
    }
}
