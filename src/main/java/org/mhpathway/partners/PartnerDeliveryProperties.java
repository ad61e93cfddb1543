package org.mhpathway.partners;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How notices reach partner agencies ({@code mhpathway.partners.*}). The SMTP server itself is Spring's
 * {@code spring.mail.*}.
 *
 * @param sourceEndpoint where partners can reach this service (the FHIR MessageHeader's source endpoint); when it is
 *                       not set, {@link ServiceAddress} names the port the service listens on
 */
@ConfigurationProperties("mhpathway.partners")
public record PartnerDeliveryProperties(
        String sourceEndpoint,
        @DefaultValue Webhook webhook,
        @DefaultValue Email email) {

    /** A partner that does not answer within these times is recorded as a failed attempt and retried later. */
    public record Webhook(
            @DefaultValue("5s") Duration connectTimeout,
            @DefaultValue("10s") Duration readTimeout) {
    }

    public record Email(@DefaultValue("mh-pathway@localhost") String from) {
    }
}
