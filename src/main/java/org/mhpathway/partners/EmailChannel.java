package org.mhpathway.partners;

import jakarta.mail.internet.MimeMessage;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import org.mhpathway.sla.SlaPolicy;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * A short plain-language notice by e-mail. Only a partner whose address is marked secure (e.g. NHSmail) is sent
 * the NHS number; every other e-mail carries the pathway reference and what is asked, nothing that identifies the
 * person (no name, NHS number or date of birth).
 */
@Component
class EmailChannel implements DeliveryChannel {

    static final String NAME = "email";
    static final String SUBJECT_PREFIX = "mh-pathway: ";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.UK);

    private final JavaMailSender mail;
    private final PartnerDeliveryProperties properties;
    private final SlaPolicy policy;

    EmailChannel(JavaMailSender mail, PartnerDeliveryProperties properties, SlaPolicy policy) {
        this.mail = mail;
        this.properties = properties;
        this.policy = policy;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean reaches(Partner partner) {
        return partner.email() != null && !partner.email().isBlank();
    }

    @Override
    public Outcome send(Notice notice) {
        try {
            MimeMessage message = mail.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, false, "UTF-8");
            helper.setFrom(properties.email().from());
            helper.setTo(notice.partner().email().strip());
            helper.setSubject(subject(notice));
            helper.setText(body(notice), false);
            message.setHeader(WebhookChannel.IDEMPOTENCY_KEY, notice.key());
            message.setHeader(WebhookChannel.EVENT, notice.event().code());
            mail.send(message);
            return Outcome.delivered(null);
        } catch (MailException | jakarta.mail.MessagingException e) {
            return Outcome.failed(null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    static String subject(Notice notice) {
        return SUBJECT_PREFIX + notice.title() + " (" + notice.pathwayId() + ")";
    }

    String body(Notice notice) {
        StringBuilder text = new StringBuilder();
        text.append(notice.title()).append(" for a person whose care involves ").append(notice.partner().name())
                .append(".\n\n");
        text.append("Pathway reference: ").append(notice.pathwayId()).append('\n');
        if (notice.partner().emailSecure()) {
            text.append("NHS number: ").append(spaced(notice.pathway().nhsNumber())).append('\n');
        }
        text.append("\nWhat we ask of you: ").append(notice.asked()).append('\n');
        if (notice.dueBy() != null) {
            text.append("By: ").append(WHEN.format(notice.dueBy().atZone(policy.zone()))).append(" (UK time)\n");
        }
        if (!notice.partner().emailSecure()) {
            text.append("\nThis address is not marked secure, so this e-mail does not identify the person. ")
                    .append("Quote the pathway reference to the ward, or read the notice on your secure channel.\n");
        }
        text.append("\nNotice reference: ").append(notice.key())
                .append(". Quote it with the pathway reference when you answer.\n")
                .append("Sent by mh-pathway, the mental health inpatient pathway service.\n");
        return text.toString();
    }

    /** 999 123 4567, as the NHS writes it. */
    private static String spaced(String nhsNumber) {
        return nhsNumber.length() == 10
                ? nhsNumber.substring(0, 3) + " " + nhsNumber.substring(3, 6) + " " + nhsNumber.substring(6)
                : nhsNumber;
    }
}
