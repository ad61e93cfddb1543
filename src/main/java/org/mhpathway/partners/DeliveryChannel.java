package org.mhpathway.partners;

/** A way a notice reaches a partner. A notice is delivered when every channel its partner has succeeded. */
interface DeliveryChannel {

    /** As recorded in {@code delivery_attempt.channel}: {@code webhook} or {@code email}. */
    String name();

    boolean reaches(Partner partner);

    /** Sends once; never throws for a failure the partner's side caused, but reports it. */
    Outcome send(Notice notice);

    /** How one attempt went; {@code error} never holds patient identifiers. */
    record Outcome(boolean succeeded, Integer httpStatus, String error) {

        static Outcome delivered(Integer httpStatus) {
            return new Outcome(true, httpStatus, null);
        }

        static Outcome failed(Integer httpStatus, String error) {
            return new Outcome(false, httpStatus, error);
        }
    }
}
