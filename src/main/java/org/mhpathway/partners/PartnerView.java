package org.mhpathway.partners;

import java.time.Instant;
import org.mhpathway.partners.PartnerDirectory.Entry;

/**
 * A partner as the directory API shows it. The signing secret and the credential hash never leave the
 * service: only whether the partner has them.
 */
record PartnerView(
        String id,
        String name,
        String role,
        String odsCode,
        String ics,
        String webhookUrl,
        boolean hasSigningSecret,
        String email,
        boolean emailSecure,
        boolean active,
        boolean hasCredential,
        Instant createdAt,
        Instant updatedAt) {

    static PartnerView of(Entry entry) {
        Partner p = entry.partner();
        return new PartnerView(p.id(), p.name(), p.role().code(), p.odsCode(), p.ics(), p.webhookUrl(),
                p.signingSecret() != null && !p.signingSecret().isEmpty(), p.email(), p.emailSecure(), p.active(),
                entry.hasCredential(), entry.createdAt(), entry.updatedAt());
    }
}
