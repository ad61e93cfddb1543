package org.mhpathway.partners;

/**
 * The body of {@code PUT /api/partners/{id}}: the whole partner, as the administrator means it to be. Fields are
 * read as given and checked together, so that one response names every bad field.
 */
public record PartnerRequest(
        String name,
        String role,
        String odsCode,
        String ics,
        String webhookUrl,
        String signingSecret,
        String email,
        Boolean emailSecure,
        Boolean active) {
}
