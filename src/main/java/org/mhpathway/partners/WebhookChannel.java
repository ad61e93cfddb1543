package org.mhpathway.partners;

import java.net.URI;
import java.net.http.HttpClient;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;

/**
 * POSTs the FHIR message to the partner's webhook. The body is signed with the partner's secret (HMAC-SHA256 over
 * the exact bytes sent) and carries the notice key as {@code Idempotency-Key}, the same on every retry. Any 2xx
 * is delivery; anything else, a timeout or an I/O error is a failed attempt. HTTPS uses the JVM's trust store;
 * redirects are not followed.
 */
@Component
class WebhookChannel implements DeliveryChannel {

    static final String NAME = "webhook";
    static final MediaType FHIR_JSON = MediaType.parseMediaType("application/fhir+json");
    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String SIGNATURE = "X-Signature";
    static final String EVENT = "X-Notification-Event";

    private final FhirNotificationMessage messages;
    private final RestClient http;

    WebhookChannel(FhirNotificationMessage messages, PartnerDeliveryProperties properties, RestClient.Builder builder) {
        this.messages = messages;
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(properties.webhook().connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        JdkClientHttpRequestFactory requests = new JdkClientHttpRequestFactory(client);
        requests.setReadTimeout(properties.webhook().readTimeout());
        this.http = builder.requestFactory(requests).build();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public boolean reaches(Partner partner) {
        return partner.webhookUrl() != null && !partner.webhookUrl().isBlank();
    }

    @Override
    public Outcome send(Notice notice) {
        String secret = notice.partner().signingSecret();
        if (secret == null || secret.isBlank()) {
            return Outcome.failed(null, "partner has a webhook but no signing secret: nothing is sent unsigned");
        }
        URI url;
        try {
            url = URI.create(notice.partner().webhookUrl().strip());
        } catch (IllegalArgumentException e) {
            return Outcome.failed(null, "the webhook URL is not a valid URL");
        }
        byte[] body = messages.json(notice);
        try {
            HttpStatusCode status = http.post().uri(url)
                    .contentType(FHIR_JSON)
                    .header(IDEMPOTENCY_KEY, notice.key())
                    .header(SIGNATURE, "sha256=" + sign(body, secret))
                    .header(EVENT, notice.event().code())
                    .body(body)
                    .exchange((request, response) -> response.getStatusCode(), true);
            return status.is2xxSuccessful() ? Outcome.delivered(status.value())
                    : Outcome.failed(status.value(), "HTTP " + status.value());
        } catch (RestClientException | IllegalArgumentException e) {
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            return Outcome.failed(null, cause.getClass().getSimpleName()
                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()));
        }
    }

    /** Hex HMAC-SHA256 of the body with the partner's secret, as a partner recomputes it to verify. */
    static String sign(byte[] body, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }
}
