package org.mhpathway.partners;

/**
 * A partner organisation in the directory. {@code signingSecret} signs webhook bodies; the API credential is
 * held only as a hash and never leaves the directory.
 */
public record Partner(
        String id,
        String name,
        PartnerRole role,
        String odsCode,
        String ics,
        String webhookUrl,
        String signingSecret,
        String email,
        boolean emailSecure,
        boolean active) {

    public boolean hasChannel() {
        return webhookUrl != null && !webhookUrl.isBlank() || email != null && !email.isBlank();
    }

    /** Whether a channel may carry the person's name and contact details: a webhook, or an e-mail address marked secure. */
    public boolean mayBeToldWhoThePersonIs() {
        return webhookUrl != null && !webhookUrl.isBlank() || emailSecure && email != null && !email.isBlank();
    }
}
