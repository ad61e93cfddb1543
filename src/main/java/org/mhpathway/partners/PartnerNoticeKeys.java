package org.mhpathway.partners;

import java.util.List;
import org.camunda.bpm.engine.delegate.DelegateExecution;
import org.mhpathway.partners.PartnerMessages.Notice;
import org.mhpathway.partners.PartnerNotifications.PartnerNotification;
import org.springframework.stereotype.Component;

/**
 * The notices a model waits to be acknowledged, as its expressions see them:
 * {@code ${partnerNoticeKeys.of(execution, 'discharge-notice')}} gives the Idempotency-Key of each notice of that
 * event that was addressed to a partner and is not yet acknowledged, one reminder per key.
 */
@Component("partnerNoticeKeys")
public class PartnerNoticeKeys {

    private final PartnerNotifications notifications;
    private final PartnerMessages messages;

    public PartnerNoticeKeys(PartnerNotifications notifications, PartnerMessages messages) {
        this.notifications = notifications;
        this.messages = messages;
    }

    /** A notice nobody could be sent (no partner in the role, or no channel) has nobody to acknowledge it. */
    public List<String> of(DelegateExecution execution, String event) {
        return notifications.forPathway(execution.getProcessBusinessKey()).stream()
                .filter(n -> event.equals(n.event()))
                .filter(n -> n.partnerId() != null && !PartnerNotifications.UNDELIVERABLE.equals(n.status()))
                .filter(n -> n.acknowledgedAt() == null)
                .map(PartnerNotification::notificationKey)
                .toList();
    }

    /** The event code of the notice, e.g. {@code discharge-notice}. */
    public String event(String notificationKey) {
        return notice(notificationKey).event();
    }

    /** Who the notice went to, for people: the partner's name and its role in the care team. */
    public String recipient(String notificationKey) {
        Notice n = notice(notificationKey);
        return n.partnerName() + " (" + n.recipientRole() + ")";
    }

    /** When the notice was recorded for sending, as an ISO-8601 instant: the acknowledgement deadline counts from it. */
    public String sentAt(String notificationKey) {
        return notice(notificationKey).recordedAt().toString();
    }

    private Notice notice(String notificationKey) {
        return messages.notice(notificationKey)
                .orElseThrow(() -> new IllegalStateException("no partner notice with key " + notificationKey));
    }
}
