package org.mhpathway.partners;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.mhpathway.partners.DeliveryChannel.Outcome;
import org.mhpathway.partners.PartnerNotifications.PartnerNotification;
import org.mhpathway.pathway.PathwayRecord;
import org.mhpathway.pathway.PathwayRegister;
import org.mhpathway.sla.PathwayFacts;
import org.mhpathway.sla.SlaPolicy;
import org.mhpathway.system.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Records the notices a step owes and delivers each one through every channel its partner has. The record is
 * written in transactions of its own, so it survives when a delivery job rolls back: a retry finds by which
 * channels the notice is still undelivered and sends only by those, with the same idempotency key. A notice is
 * never sent twice by a channel that already carried it. A failed delivery fails only that notice's job, which the
 * engine retries and, when the retries run out, shows as an incident; the pathway itself carries on.
 */
@Service
class NotificationDelivery {

    private static final Logger log = LoggerFactory.getLogger(NotificationDelivery.class);

    private final PartnerNotifications notifications;
    private final DeliveryRecord record;
    private final PartnerDirectory directory;
    private final PathwayRegister register;
    private final NoticeWording wording;
    private final SlaPolicy policy;
    private final List<DeliveryChannel> channels;
    private final TransactionTemplate ownTransaction;
    private final DutyToReferSource housing;

    NotificationDelivery(PartnerNotifications notifications, DeliveryRecord record, PartnerDirectory directory,
                         PathwayRegister register, NoticeWording wording, SlaPolicy policy,
                         List<DeliveryChannel> channels, PlatformTransactionManager transactions,
                         DutyToReferSource housing) {
        this.housing = housing;
        this.notifications = notifications;
        this.record = record;
        this.directory = directory;
        this.register = register;
        this.wording = wording;
        this.policy = policy;
        this.channels = List.copyOf(channels);
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Records the notices of one step (once, however often the step runs) and returns those still to deliver.
     *
     * @param stepKey identifies the step's run within the pathway, as for {@link PartnerNotifications#record}
     */
    public List<PartnerNotification> record(String pathwayId, NotificationEvent event, List<PartnerRole> roles,
                                            String stepKey, Instant at) {
        return record(pathwayId, event, roles, Map.of(), stepKey, at);
    }

    /**
     * As {@link #record(String, NotificationEvent, List, String, Instant)}, with the partners the step names for some
     * roles ({@link PartnerNotifications#record(String, NotificationEvent, List, Map, String, Instant)}).
     */
    public List<PartnerNotification> record(String pathwayId, NotificationEvent event, List<PartnerRole> roles,
                                            Map<PartnerRole, String> addressedTo, String stepKey, Instant at) {
        int added = inOwnTransaction(() -> notifications.record(pathwayId, event, roles, addressedTo, stepKey, at));
        List<PartnerNotification> due = inOwnTransaction(() -> notifications.undelivered(pathwayId, event, stepKey));
        log.info("Pathway {}: '{}' recorded for {} partner(s), {} to deliver", pathwayId, event.code(), added, due.size());
        return due;
    }

    /**
     * Delivers one notice by every channel its partner has that has not carried it yet.
     *
     * @param facts the pathway's variables, for the deadline the notice names
     * @throws PartnerDeliveryFailedException when a channel failed; the failure is recorded, the caller's job retries
     */
    public void deliver(long notificationId, PathwayFacts facts) {
        PartnerNotification notification = inOwnTransaction(() -> notifications.find(notificationId))
                .orElseThrow(() -> new IllegalStateException("no notice " + notificationId));
        if (!PartnerNotifications.PENDING.equals(notification.status())
                && !PartnerNotifications.FAILED.equals(notification.status())) {
            return;
        }
        String pathwayId = inOwnTransaction(() -> notifications.pathwayOf(notificationId));
        PathwayRecord pathway = register.find(pathwayId)
                .orElseThrow(() -> new IllegalStateException("no pathway " + pathwayId + " in the register"));
        NotificationEvent event = NotificationEvent.fromCode(notification.event());
        deliver(notification, event, pathway, facts).ifPresent(failure -> {
            throw new PartnerDeliveryFailedException("Pathway " + pathwayId + ": '" + event.code() + "' not delivered to "
                    + failure + ". Retried on the back-off cycle; channels that carried it are not used again.");
        });
    }

    /** Delivers one notice; returns what failed, naming the partner, or empty when it is done. */
    private Optional<String> deliver(PartnerNotification notification, NotificationEvent event, PathwayRecord pathway,
                                     PathwayFacts facts) {
        PartnerRole role = PartnerRole.fromCode(notification.recipientRole());
        Optional<Partner> found = notification.partnerId() == null ? Optional.empty() : directory.find(notification.partnerId());
        String unreachable = found.isEmpty() ? "partner " + notification.partnerId() + " is not in the directory"
                : !found.get().active() ? "partner " + found.get().id() + " is no longer active"
                : !found.get().hasChannel() ? "partner " + found.get().id() + " has no webhook or e-mail address"
                : event.identifiesThePerson() && !found.get().mayBeToldWhoThePersonIs()
                ? "partner " + found.get().id() + " has no webhook or secure e-mail address for a notice that names the person"
                : null;
        if (unreachable != null) {
            inOwnTransaction(() -> {
                record.undeliverable(notification.id(), unreachable);
                return null;
            });
            log.warn("Pathway {}: '{}' for {} is undeliverable: {}", pathway.pathwayId(), event.code(), role.code(), unreachable);
            return Optional.empty();
        }
        Partner partner = found.get();
        // the duty to refer carries what s213B requires and authorities ask for (PATHWAY.md section 4)
        DutyToRefer referral = event == NotificationEvent.DUTY_TO_REFER
                ? housing.referral(pathway.pathwayId()).orElse(null) : null;
        Notice notice = new Notice(notification, event, wording.title(event), role, partner, pathway,
                wording.asked(event, role), dueBy(event, role, facts), referral);
        Set<String> alreadyCarried = inOwnTransaction(() -> record.succeededChannels(notification.id()));
        List<String> errors = new ArrayList<>();
        for (DeliveryChannel channel : channels) {
            if (!channel.reaches(partner) || alreadyCarried.contains(channel.name())) {
                continue;
            }
            Outcome outcome = send(channel, notice);
            Instant at = EngineClock.now();
            inOwnTransaction(() -> {
                record.attempt(notification.id(), channel.name(), at, outcome);
                return null;
            });
            if (!outcome.succeeded()) {
                errors.add(channel.name() + ": " + outcome.error());
                log.warn("Pathway {}: '{}' to partner {} by {} failed: {}", pathway.pathwayId(), event.code(),
                        partner.id(), channel.name(), outcome.error());
            }
        }
        Instant at = EngineClock.now();
        inOwnTransaction(() -> {
            if (errors.isEmpty()) {
                record.delivered(notification.id(), at);
            } else {
                record.failed(notification.id(), at, String.join("; ", errors));
            }
            return null;
        });
        return errors.isEmpty() ? Optional.empty() : Optional.of(partner.id() + " (" + String.join("; ", errors) + ")");
    }

    private static Outcome send(DeliveryChannel channel, Notice notice) {
        try {
            return channel.send(notice);
        } catch (RuntimeException e) {
            // a fault of ours (e.g. the message could not be built): recorded like any other failed attempt
            return Outcome.failed(null, "could not send: " + e.getClass().getSimpleName());
        }
    }

    /** The deadline the notice gives the partner, from the SLA the wording names, when its anchor is recorded. */
    private Instant dueBy(NotificationEvent event, PartnerRole role, PathwayFacts facts) {
        return wording.dueSla(event, role).map(sla -> {
            try {
                return policy.dueAt(sla, facts);
            } catch (RuntimeException notYetKnown) {
                log.debug("Notice '{}': no deadline from SLA '{}': {}", event.code(), sla, notYetKnown.getMessage());
                return null;
            }
        }).orElse(null);
    }

    private <T> T inOwnTransaction(java.util.function.Supplier<T> work) {
        return ownTransaction.execute(status -> work.get());
    }
}
