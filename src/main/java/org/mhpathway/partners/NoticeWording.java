package org.mhpathway.partners;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.mhpathway.sla.SlaPolicy;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What each notice says and asks, from {@code partners/notice-wording.properties}: the template half of a new
 * notice (the other half is the BPMN step). Checked at start-up so that a missing text fails the deployment,
 * not the first notice weeks later.
 */
@Component
class NoticeWording {

    static final String RESOURCE = "partners/notice-wording.properties";

    private final Properties texts = new Properties();

    public NoticeWording(SlaPolicy policy) {
        try (Reader in = new InputStreamReader(new ClassPathResource(RESOURCE).getInputStream(), StandardCharsets.UTF_8)) {
            texts.load(in);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + RESOURCE, e);
        }
        validate(policy);
    }

    /** The event's name in plain words: the e-mail subject and the FHIR event display. */
    public String title(NotificationEvent event) {
        return texts.getProperty(event.code() + ".title");
    }

    /** What the partner in this role is asked to do. */
    public String asked(NotificationEvent event, PartnerRole role) {
        return specific(event, "asked", role).orElseThrow();
    }

    /** The SLA whose deadline the partner's part must meet, if the notice has one. */
    public Optional<String> dueSla(NotificationEvent event, PartnerRole role) {
        return specific(event, "due", role);
    }

    private Optional<String> specific(NotificationEvent event, String field, PartnerRole role) {
        String forRole = texts.getProperty(event.code() + "." + field + "." + role.code());
        return Optional.ofNullable(forRole != null ? forRole : texts.getProperty(event.code() + "." + field))
                .map(String::strip).filter(s -> !s.isEmpty());
    }

    private void validate(SlaPolicy policy) {
        List<String> problems = new ArrayList<>();
        for (NotificationEvent event : NotificationEvent.values()) {
            if (title(event) == null || title(event).isBlank()) {
                problems.add(event.code() + ".title is missing");
            }
            for (PartnerRole role : event.recipients()) {
                if (specific(event, "asked", role).isEmpty()) {
                    problems.add(event.code() + ".asked (or .asked." + role.code() + ") is missing");
                }
                dueSla(event, role).filter(sla -> !policy.slaCodes().contains(sla))
                        .ifPresent(sla -> problems.add(event.code() + ": SLA '" + sla + "' is not in mhpathway.policy.slas"));
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException(RESOURCE + ": " + String.join("; ", problems));
        }
    }
}
