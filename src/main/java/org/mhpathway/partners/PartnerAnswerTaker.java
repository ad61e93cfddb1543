package org.mhpathway.partners;

/**
 * A module that takes some of the partners' answers into its own work: the housing escalation takes the housing
 * authority's answer to a duty to refer, the multi-agency discharge event an agency's actions. {@link PartnerAnswers}
 * asks each taker once the answer is recorded, in the same transaction, before it handles acknowledgements and
 * declines itself; the first taker that takes the answer gives its outcome.
 */
public interface PartnerAnswerTaker {

    /**
     * Takes the answer, or leaves it. To refuse it, throw the service's {@code InvalidRequestException} or
     * {@code ConflictException}: nothing of the answer is then kept.
     *
     * @param event the event the answer is about: its own, or else its notice's
     * @return the outcome recorded with the answer, or null when the answer is not this module's to take
     */
    String take(String pathwayId, Partner partner, PartnerAnswer answer, String event);
}
