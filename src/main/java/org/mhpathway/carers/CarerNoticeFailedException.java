package org.mhpathway.carers;

/**
 * A carer's message could not be e-mailed. Thrown so that its delivery job fails and is retried on the back-off
 * cycle; the message (shown in Cockpit) names the pathway and the notice, never the carer or their address.
 */
class CarerNoticeFailedException extends RuntimeException {

    public CarerNoticeFailedException(String message) {
        super(message);
    }
}
