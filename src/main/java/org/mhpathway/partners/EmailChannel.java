package org.mhpathway.partners;

import jakarta.mail.internet.MimeMessage;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.mhpathway.pathway.PersonName;
import org.mhpathway.sla.SlaPolicy;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Component;

/**
 * A short plain-language notice by e-mail. Only a partner whose address is marked secure (e.g. NHSmail) is sent
 * the NHS number, and for a duty to refer the person's name, contact details and what the referral says; every other
 * e-mail carries the pathway reference and what is asked, nothing that identifies the person (no name, NHS number or
 * date of birth).
 */
@Component
class EmailChannel implements DeliveryChannel {

    static final String NAME = "email";
    static final String SUBJECT_PREFIX = "mh-pathway: ";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy, HH:mm", Locale.UK);
    private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("EEEE d MMMM yyyy", Locale.UK);

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
        boolean identifies = notice.partner().emailSecure() && notice.event().identifiesThePerson();
        if (notice.partner().emailSecure()) {
            text.append("NHS number: ").append(spaced(notice.pathway().nhsNumber())).append('\n');
        }
        if (identifies) {
            String name = new PersonName(notice.pathway().givenNames() == null ? null
                    : List.of(notice.pathway().givenNames()), notice.pathway().familyName()).display();
            line(text, "Name", name.isEmpty() ? null : name);
            DutyToRefer referral = notice.referral();
            if (referral != null) {
                line(text, "Phone", referral.phone());
                line(text, "E-mail", referral.email());
                line(text, "How to contact them", referral.contactArrangements());
            }
        }
        text.append("\nWhat we ask of you: ").append(notice.asked()).append('\n');
        if (notice.dueBy() != null) {
            text.append("By: ").append(WHEN.format(notice.dueBy().atZone(policy.zone()))).append(" (UK time)\n");
        }
        if (identifies) {
            text.append('\n');
            DutyToRefer referral = notice.referral();
            line(text, "Reason for the referral", referral == null ? null : referral.reason());
            line(text, "Expected discharge date", notice.pathway().estimatedDischargeDate() == null ? "not yet set"
                    : DATE.format(notice.pathway().estimatedDischargeDate()));
            if (referral != null) {
                line(text, "Housing need", referral.needDescription());
                line(text, "Housing and support needs", referral.needs());
                line(text, "Risks", referral.riskSummary());
                line(text, "Local connection", referral.localConnection());
            }
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

    private static void line(StringBuilder text, String label, String value) {
        if (value != null && !value.isBlank()) {
            text.append(label).append(": ").append(value.strip()).append('\n');
        }
    }

    /** 999 123 4567, as the NHS writes it. */
    private static String spaced(String nhsNumber) {
        return nhsNumber.length() == 10
                ? nhsNumber.substring(0, 3) + " " + nhsNumber.substring(3, 6) + " " + nhsNumber.substring(6)
                : nhsNumber;
    }
}
