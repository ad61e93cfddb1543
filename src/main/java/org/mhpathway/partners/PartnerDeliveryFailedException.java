package org.mhpathway.partners;

/**
 * Some notices of a step could not be delivered. Thrown so that the step's job fails and is retried on its
 * back-off cycle; the message (shown in Cockpit) names the pathway and the partners, never the person.
 */
class PartnerDeliveryFailedException extends RuntimeException {

    public PartnerDeliveryFailedException(String message) {
        super(message);
    }
}
