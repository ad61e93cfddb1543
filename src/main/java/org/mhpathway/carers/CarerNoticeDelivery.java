package org.mhpathway.carers;

import jakarta.mail.internet.MimeMessage;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;
import org.mhpathway.carers.CarerNotices.CarerNotice;
import org.mhpathway.pathway.PathwayRecord;
import org.mhpathway.pathway.PathwayRegister;
import org.mhpathway.sla.SlaPolicy;
import org.mhpathway.system.EngineClock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Tells the person's carers of the 48 hours' notice and of the discharge, when the person consents (seed 004; PATHWAY.md
 * section 2, Key Stage 3): the same steps that tell the partner agencies record a notice per carer, and each carer with
 * consent and an e-mail address is e-mailed by a delivery instance of its own, as a partner is. Consent is checked
 * again when the message goes: a withdrawal, or the person's death, in between withholds it. The record is written in
 * transactions of its own, so it survives a delivery job that rolls back; a failed e-mail fails only its job, which the
 * engine retries and, when the retries run out, shows as an incident. Nothing logged names a carer or their address.
 */
@Service
public class CarerNoticeDelivery {

    private static final Logger log = LoggerFactory.getLogger(CarerNoticeDelivery.class);

    private final CarerRegister carers;
    private final CarerNotices notices;
    private final PathwayRegister register;
    private final JavaMailSender mail;
    private final SlaPolicy policy;
    private final String from;
    private final TransactionTemplate ownTransaction;

    CarerNoticeDelivery(CarerRegister carers, CarerNotices notices, PathwayRegister register, JavaMailSender mail,
                        SlaPolicy policy, @Value("${mhpathway.partners.email.from:mh-pathway@localhost}") String from,
                        PlatformTransactionManager transactions) {
        this.carers = carers;
        this.notices = notices;
        this.register = register;
        this.mail = mail;
        this.policy = policy;
        this.from = from;
        this.ownTransaction = new TransactionTemplate(transactions);
        this.ownTransaction.setPropagationBehavior(TransactionDefinition.PROPAGATION_REQUIRES_NEW);
    }

    /**
     * Records the notice of one step for each of the pathway's carers (once, however often the step runs) and returns
     * the ids of those still to e-mail.
     *
     * @param event       {@code discharge-notice} or {@code discharged}
     * @param dischargeAt when the person is due to leave, or left
     * @param contact     who carers should contact, as the ward gave it; null for the ward
     */
    public List<Long> record(String pathwayId, String event, String stepKey, Instant dischargeAt, String contact,
                             Instant at) {
        List<Carer> chosen = inOwnTransaction(() -> carers.list(pathwayId));
        if (chosen.isEmpty()) {
            return List.of();
        }
        List<CarerNotice> due = inOwnTransaction(() -> notices.record(pathwayId, event, stepKey, dischargeAt, contact,
                chosen, at));
        log.info("Pathway {}: '{}' recorded for {} carer(s), {} to e-mail", pathwayId, event, chosen.size(), due.size());
        return due.stream().map(CarerNotice::id).toList();
    }

    /**
     * E-mails one carer's message, unless consent was withdrawn, the person died or the address was removed since it
     * was recorded.
     *
     * @throws CarerNoticeFailedException when the mail server did not take it; recorded, and the caller's job retries
     */
    public void deliver(long noticeId) {
        CarerNotice notice = inOwnTransaction(() -> notices.find(noticeId))
                .orElseThrow(() -> new IllegalStateException("no carer notice " + noticeId));
        if (!notice.waiting()) {
            return;
        }
        Carer carer = inOwnTransaction(() -> carers.find(notice.carerId())).orElseThrow();
        PathwayRecord pathway = register.find(notice.pathwayId())
                .orElseThrow(() -> new IllegalStateException("no pathway " + notice.pathwayId() + " in the register"));
        String withheld = !carer.consentToShare() ? CarerNotices.CONSENT_WITHDRAWN
                : pathway.diedAt() != null ? CarerNotices.PERSON_DIED : null;
        if (withheld != null || !carer.hasEmail()) {
            inOwnTransaction(() -> {
                notices.notSent(noticeId, withheld != null ? CarerNotices.WITHHELD : CarerNotices.BY_PHONE,
                        withheld != null ? withheld : CarerNotices.NO_EMAIL);
                return null;
            });
            log.info("Pathway {}: carer notice {} not sent: {}", notice.pathwayId(), noticeId,
                    withheld != null ? withheld : "no e-mail address");
            return;
        }
        String error = send(CarerMessage.of(notice, carer, pathway, policy.zone()), carer.email().strip());
        Instant at = EngineClock.now();
        inOwnTransaction(() -> {
            if (error == null) {
                notices.delivered(noticeId, at);
            } else {
                notices.failed(noticeId, at, error);
            }
            return null;
        });
        if (error != null) {
            log.warn("Pathway {}: carer notice {} ('{}') not e-mailed: {}", notice.pathwayId(), noticeId,
                    notice.event(), error);
            throw new CarerNoticeFailedException("Pathway " + notice.pathwayId() + ": carer notice " + noticeId + " ('"
                    + notice.event() + "') not e-mailed (" + error + "). Retried on the back-off cycle.");
        }
    }

    /** Null when the mail server took it; else what failed, by its kind only: the server's text may quote the address. */
    private String send(CarerMessage message, String address) {
        try {
            MimeMessage mime = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(mime, false, "UTF-8");
            helper.setFrom(from);
            helper.setTo(address);
            helper.setSubject(message.subject());
            helper.setText(message.body(), false);
            mail.send(mime);
            return null;
        } catch (MailException | jakarta.mail.MessagingException e) {
            return "e-mail: " + e.getClass().getSimpleName();
        } catch (RuntimeException e) {
            return "could not send: " + e.getClass().getSimpleName();
        }
    }

    private <T> T inOwnTransaction(Supplier<T> work) {
        return ownTransaction.execute(status -> work.get());
    }
}
