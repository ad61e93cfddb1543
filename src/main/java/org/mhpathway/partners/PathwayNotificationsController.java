package org.mhpathway.partners;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.mhpathway.partners.DeliveryRecord.Attempt;
import org.mhpathway.partners.PartnerNotifications.PartnerNotification;
import org.mhpathway.pathway.PathwayRegister;
import org.mhpathway.access.Allowed;
import org.mhpathway.access.Roles;
import org.mhpathway.system.ConsistentReads;
import org.mhpathway.system.NotFoundException;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Every notice a pathway owed partner agencies, and how each delivery attempt went. */
@RestController
class PathwayNotificationsController {

    private final PathwayRegister register;
    private final PartnerNotifications notifications;
    private final DeliveryRecord record;
    private final PartnerDirectory directory;
    private final List<DeliveryChannel> channels;
    private final ConsistentReads reads;

    PathwayNotificationsController(PathwayRegister register, PartnerNotifications notifications, DeliveryRecord record,
                                   PartnerDirectory directory, List<DeliveryChannel> channels,
                                   ConsistentReads reads) {
        this.reads = reads;
        this.register = register;
        this.notifications = notifications;
        this.record = record;
        this.directory = directory;
        this.channels = channels;
    }

    @GetMapping("/api/pathways/{pathwayId}/notifications")
    @Allowed({Roles.WARD_CLINICIANS, Roles.BED_MANAGEMENT, Roles.COMMUNITY_MH_TEAM, Roles.DISCHARGE_HUB, Roles.HOUSING,
            Roles.MANAGERS})
    PathwayNotices notifications(@PathVariable String pathwayId) {
        return reads.read(() -> read(pathwayId));
    }

    private PathwayNotices read(String pathwayId) {
        if (register.find(pathwayId).isEmpty()) {
            throw new NotFoundException("No pathway " + pathwayId, "pathwayId");
        }
        Map<Long, List<Attempt>> attempts = record.attemptsOfPathway(pathwayId);
        List<NoticeView> notices = new ArrayList<>();
        for (PartnerNotification n : notifications.forPathway(pathwayId)) {
            Optional<Partner> partner = n.partnerId() == null ? Optional.empty() : directory.find(n.partnerId());
            notices.add(new NoticeView(n.id(), n.event(), n.recipientRole(), n.partnerId(),
                    partner.map(Partner::name).orElse(null),
                    partner.map(p -> channels.stream().filter(c -> c.reaches(p)).map(DeliveryChannel::name).toList())
                            .orElse(List.of()),
                    n.notificationKey(), n.status(), n.attempts(), n.recordedAt(), n.lastAttemptAt(), n.lastError(),
                    n.deliveredAt(), n.acknowledgedAt(),
                    attempts.getOrDefault(n.id(), List.of()).stream()
                            .map(a -> new AttemptView(a.channel(), a.attemptedAt(), a.succeeded(), a.httpStatus(), a.error()))
                            .toList()));
        }
        return new PathwayNotices(pathwayId, notices);
    }

    record PathwayNotices(String pathwayId, List<NoticeView> notifications) {
    }

    /**
     * One notice to one partner.
     *
     * @param channels the partner's channels as the directory holds them now
     * @param attempts how many times delivery was tried (each try covers every channel not yet delivered)
     */
    record NoticeView(long id, String event, String recipientRole, String partnerId, String partnerName,
                      List<String> channels, String notificationKey, String status, int attempts, Instant recordedAt,
                      Instant lastAttemptAt, String lastError, Instant deliveredAt, Instant acknowledgedAt,
                      List<AttemptView> deliveryAttempts) {
    }

    record AttemptView(String channel, Instant attemptedAt, boolean succeeded, Integer httpStatus, String error) {
    }
}
