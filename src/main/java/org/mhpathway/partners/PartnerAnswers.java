package org.mhpathway.partners;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.mhpathway.partners.PartnerAnswer.Kind;
import org.mhpathway.partners.PartnerMessages.Notice;
import org.mhpathway.partners.PartnerMessages.PartnerMessage;
import org.mhpathway.pathway.PathwayMessages;
import org.mhpathway.pathway.PathwayRecord;
import org.mhpathway.pathway.PathwayRegister;
import org.mhpathway.system.ConflictException;
import org.mhpathway.system.EngineClock;
import org.mhpathway.system.FieldProblem;
import org.mhpathway.system.InvalidRequestException;
import org.mhpathway.system.NotFoundException;
import org.mhpathway.system.NotPermittedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Takes a partner's answer about a pathway: records it once, and moves the process where the answer closes a
 * step (PATHWAY.md section 1). The record and the step move in one transaction: an answer refused is not kept.
 */
@Service
class PartnerAnswers {

    /** The follow-up step is closed, as if completed in Tasklist. */
    public static final String FOLLOW_UP_COMPLETED = "follow-up-completed";
    /** The notice is marked acknowledged; its reminder, if one was running, is stopped. */
    public static final String NOTICE_ACKNOWLEDGED = "notice-acknowledged";
    /** A partner declined the follow-up or its part of the discharge: the ward has a task to answer it. */
    public static final String DECLINE_SENT_TO_WARD = "decline-sent-to-ward";
    /** Kept on the pathway's record; nothing in the process waits for it. */
    public static final String RECORDED = "recorded";

    /**
     * The events whose decline the ward answers: the follow-up within 72 hours of discharge, and a partner's part of
     * the discharge as the 48 hours' notice and the discharge notice ask it (PATHWAY.md sections 1 and 2, Key Stage
     * 3; seed 004: prompt access to all planned post-discharge support).
     */
    static final Set<String> DECLINES_THE_WARD_ANSWERS = Set.of(PartnerAnswer.FOLLOW_UP,
            NotificationEvent.DISCHARGE_NOTICE.code(), NotificationEvent.DISCHARGED.code());

    private static final Logger log = LoggerFactory.getLogger(PartnerAnswers.class);

    private final PartnerMessages messages;
    private final PathwayRegister register;
    private final CareTeam careTeam;
    private final PathwayMessages pathwayMessages;
    private final List<PartnerAnswerTaker> takers;
    private final NoticeWording wording;

    public PartnerAnswers(PartnerMessages messages, PathwayRegister register, CareTeam careTeam,
                          PathwayMessages pathwayMessages, List<PartnerAnswerTaker> takers, NoticeWording wording) {
        this.takers = List.copyOf(takers);
        this.wording = wording;
        this.messages = messages;
        this.register = register;
        this.careTeam = careTeam;
        this.pathwayMessages = pathwayMessages;
    }

    /**
     * The answer as recorded, and whether it was already recorded before: the same message id from the same
     * partner is the same answer, taken once.
     */
    @Transactional
    public Receipt receive(Partner partner, PartnerAnswer answer) {
        Optional<PartnerMessage> earlier = messages.find(partner.id(), answer.messageId());
        if (earlier.isPresent()) {
            if (!sameAnswer(earlier.get(), answer)) {
                throw new ConflictException("Message id already used",
                        "You sent a different answer with messageId " + answer.messageId()
                                + " before; a message id names one answer only.",
                        "messageId", "was already used for a different answer", null);
            }
            return new Receipt(earlier.get(), true);
        }

        PathwayRecord pathway = register.find(answer.pathwayId())
                .orElseThrow(() -> new NotFoundException("No pathway " + answer.pathwayId(), "pathwayId"));
        if (!careTeam.includes(pathway.pathwayId(), partner.id())) {
            throw new NotPermittedException("Partner " + partner.id() + " is not in the care team of pathway "
                    + pathway.pathwayId(), "pathwayId", "is not a pathway whose care team includes you");
        }

        Notice notice = null;
        if (answer.notificationKey() != null) {
            notice = messages.notice(answer.notificationKey())
                    .filter(n -> n.pathwayId().equals(pathway.pathwayId()) && partner.id().equals(n.partnerId()))
                    .orElseThrow(() -> new InvalidRequestException("Invalid partner message", List.of(new FieldProblem(
                            "notificationKey", "is not a notice of this pathway addressed to you"))));
        }

        if (answer.reportsFollowUpCompleted()) {
            checkMayReportFollowUp(partner, pathway, answer);
        }

        Instant receivedAt = EngineClock.now();
        String event = answer.event() != null ? answer.event() : notice == null ? null : notice.event();
        long id = messages.record(partner.id(), pathway.pathwayId(), notice == null ? null : notice.id(),
                answer.kind().code(), event, answer.messageId(), answer.occurredAt(), receivedAt, answer.note());

        String outcome = RECORDED;
        if (answer.reportsFollowUpCompleted()) {
            boolean closed = pathwayMessages.followUpCompleted(pathway.pathwayId(), answer.occurredAt(),
                    Boolean.TRUE.equals(answer.additionalSupportNeeded()), partner.id(), answer.note());
            if (!closed) {
                throw noFollowUpWaiting(pathway.pathwayId());
            }
            outcome = FOLLOW_UP_COMPLETED;
        } else if ((outcome = takenByAModule(pathway.pathwayId(), partner, answer, event, notice)) != null) {
            // the housing authority's answer to a duty to refer, an agency's actions at a discharge event
        } else if (answer.kind() == Kind.ACKNOWLEDGED && notice != null) {
            messages.acknowledge(notice.id(), answer.occurredAt());
            int stopped = pathwayMessages.noticeAcknowledged(pathway.pathwayId(), answer.notificationKey());
            log.info("Pathway {}: notice {} acknowledged by {}; {} reminder(s) stopped", pathway.pathwayId(),
                    notice.id(), partner.id(), stopped);
            outcome = NOTICE_ACKNOWLEDGED;
        } else if (answer.kind() == Kind.DECLINED && DECLINES_THE_WARD_ANSWERS.contains(event)
                && pathway.closedAt() == null) {
            pathwayMessages.partnerDeclined(pathway, partner.name() + " (" + partner.role().code() + ")", partner.id(),
                    event, declined(event, partner), answer.note(), answer.occurredAt(), id);
            outcome = DECLINE_SENT_TO_WARD;
        }
        if (outcome == null) {
            outcome = RECORDED;
        }
        messages.setOutcome(id, outcome);
        // the service's id of the answer, not the partner's messageId: that is whatever its system chose
        log.info("Pathway {}: '{}' answer {} from {} {}", pathway.pathwayId(), answer.kind().code(), id,
                partner.id(), outcome);
        return new Receipt(messages.find(partner.id(), answer.messageId()).orElseThrow(), false);
    }

    /** What the partner was asked, in the words of its notice: the follow-up is what the discharge asks the team. */
    private String declined(String event, Partner partner) {
        boolean followUp = PartnerAnswer.FOLLOW_UP.equals(event);
        NotificationEvent notice = followUp ? NotificationEvent.DISCHARGED : NotificationEvent.fromCode(event);
        PartnerRole role = followUp ? PartnerRole.COMMUNITY_MH_TEAM : partner.role();
        return wording.title(notice) + ": " + wording.asked(notice, role);
    }

    /** The outcome of the first module to take the answer; an acknowledgement it takes also acknowledges its notice. */
    private String takenByAModule(String pathwayId, Partner partner, PartnerAnswer answer, String event, Notice notice) {
        for (PartnerAnswerTaker taker : takers) {
            String outcome = taker.take(pathwayId, partner, answer, event);
            if (outcome != null) {
                if (answer.kind() == Kind.ACKNOWLEDGED && notice != null) {
                    messages.acknowledge(notice.id(), answer.occurredAt());
                }
                return outcome;
            }
        }
        return null;
    }

    /** Only the pathway's community mental health team reports the follow-up, and only while it is owed. */
    private void checkMayReportFollowUp(Partner partner, PathwayRecord pathway, PartnerAnswer answer) {
        boolean teamsCmht = careTeam.member(pathway.pathwayId(), PartnerRole.COMMUNITY_MH_TEAM)
                .map(Partner::id).filter(partner.id()::equals).isPresent();
        if (!teamsCmht) {
            throw new NotPermittedException("Only the community mental health team of pathway " + pathway.pathwayId()
                    + " reports its follow-up after discharge", "event",
                    "follow-up may be reported only by the pathway's community mental health team");
        }
        if (!pathwayMessages.followUpWaiting(pathway.pathwayId())) {
            throw noFollowUpWaiting(pathway.pathwayId());
        }
        if (pathway.dischargedAt() != null && answer.occurredAt().isBefore(pathway.dischargedAt())) {
            throw new InvalidRequestException("Invalid partner message", List.of(new FieldProblem("occurredAt",
                    "is before the discharge (" + pathway.dischargedAt() + ")")));
        }
    }

    private static ConflictException noFollowUpWaiting(String pathwayId) {
        return new ConflictException("No follow-up waiting",
                "Pathway " + pathwayId + " has no follow-up after discharge waiting: it is already done, or the person"
                        + " has not been discharged.", "event", "no follow-up is waiting for this pathway", null);
    }

    private static boolean sameAnswer(PartnerMessage earlier, PartnerAnswer answer) {
        return earlier.pathwayId().equals(answer.pathwayId())
                && earlier.kind().equals(answer.kind().code())
                && Objects.equals(earlier.notificationKey(), answer.notificationKey())
                && (answer.event() == null || answer.event().equals(earlier.event()));
    }

    /** An answer as recorded; {@code repeated} when it had been received before and nothing changed now. */
    public record Receipt(PartnerMessage message, boolean repeated) {
    }
}
