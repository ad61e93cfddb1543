package org.mhpathway.partners;

import java.time.Instant;
import org.mhpathway.partners.PartnerNotifications.PartnerNotification;
import org.mhpathway.pathway.PathwayRecord;

/**
 * One notice as it goes out: the record, who receives it, the pathway it is about, and what is asked.
 *
 * @param dueBy    when the partner's part is due, or null when the notice sets no deadline
 * @param referral what a duty to refer carries besides the person's name, or null for every other notice
 */
record Notice(
        PartnerNotification notification,
        NotificationEvent event,
        String title,
        PartnerRole role,
        Partner partner,
        PathwayRecord pathway,
        String asked,
        Instant dueBy,
        DutyToRefer referral) {

    String pathwayId() {
        return pathway.pathwayId();
    }

    String key() {
        return notification.notificationKey();
    }
}
