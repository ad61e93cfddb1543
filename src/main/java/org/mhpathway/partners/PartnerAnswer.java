package org.mhpathway.partners;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;

/**
 * A partner's answer about a pathway, checked (POST /api/partner-messages).
 *
 * @param messageId               the partner's own unique id for this answer: the same id again is the same answer
 * @param notificationKey         the Idempotency-Key of the notice answered, or null
 * @param event                   what the answer is about, e.g. {@code follow-up}, or null
 * @param additionalSupportNeeded only for a completed follow-up: null when the answer does not say
 * @param dueDate                 only for actions agreed at a discharge event: the date they will be done by, or null
 */
public record PartnerAnswer(
        String messageId,
        String pathwayId,
        String notificationKey,
        Kind kind,
        String event,
        Instant occurredAt,
        String note,
        Boolean additionalSupportNeeded,
        LocalDate dueDate) {

    /** The event of an answer that reports the follow-up after discharge. */
    public static final String FOLLOW_UP = "follow-up";

    /** The event of an answer about an agency's actions agreed at a multi-agency discharge event. */
    public static final String MADE_ACTIONS = "made-actions";

    /** Whether this is the community team's report that the follow-up after discharge is done. */
    public boolean reportsFollowUpCompleted() {
        return kind == Kind.COMPLETED && FOLLOW_UP.equals(event);
    }

    /** What a partner can say (PATHWAY.md section 1). */
    public enum Kind {
        ACKNOWLEDGED("acknowledged"),
        ACCEPTED("accepted"),
        DECLINED("declined"),
        COMPLETED("completed");

        private final String code;

        Kind(String code) {
            this.code = code;
        }

        public String code() {
            return code;
        }

        public static List<String> codes() {
            return Arrays.stream(values()).map(Kind::code).toList();
        }

        static Kind fromCode(String code) {
            return Arrays.stream(values()).filter(k -> k.code.equals(code)).findFirst().orElse(null);
        }
    }
}
