package org.mhpathway.demo;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.mhpathway.partners.Partner;
import org.mhpathway.partners.PartnerDirectory;
import org.mhpathway.access.Allowed;
import org.mhpathway.security.ApiLogin;
import org.mhpathway.access.Roles;
import org.mhpathway.security.SecurityConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Profile;
import org.springframework.core.annotation.Order;
import org.springframework.http.ResponseEntity;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Demo profile only: stands in for the partners' systems, so the demo's notices are really delivered and can be
 * read. The demo partners' webhooks point here ({@code POST /demo/partner-inbox/{partnerId}}); each message's
 * signature is checked with the partner's secret, as a partner would check it. {@code GET /demo/partner-inbox} shows
 * the last 200 messages, which carry NHS numbers: only to an administrator, logged in with HTTP Basic as on the API
 * ({@link InboxLogin}).
 */
@RestController
@Profile("demo")
@RequestMapping("/demo/partner-inbox")
class DemoPartnerInbox {

    private static final int KEPT = 200;

    private final PartnerDirectory directory;
    private final Deque<Received> received = new ArrayDeque<>();

    DemoPartnerInbox(PartnerDirectory directory) {
        this.directory = directory;
    }

    record Received(Instant receivedAt, String partnerId, String event, String idempotencyKey, boolean signatureValid,
                    String body) {
    }

    @PostMapping("/{partnerId}")
    ResponseEntity<Map<String, Object>> receive(@PathVariable String partnerId, @RequestBody byte[] body,
                                                @RequestHeader(value = "X-Signature", required = false) String signature,
                                                @RequestHeader(value = "X-Notification-Event", required = false) String event,
                                                @RequestHeader(value = "Idempotency-Key", required = false) String key) {
        Partner partner = directory.find(partnerId).orElse(null);
        boolean valid = partner != null && partner.signingSecret() != null && signature != null
                && MessageDigest.isEqual(signature.getBytes(StandardCharsets.UTF_8),
                        ("sha256=" + hmac(partner.signingSecret(), body)).getBytes(StandardCharsets.UTF_8));
        synchronized (received) {
            received.addFirst(new Received(Instant.now(), partnerId, event, key, valid,
                    new String(body, StandardCharsets.UTF_8)));
            while (received.size() > KEPT) {
                received.removeLast();
            }
        }
        return valid ? ResponseEntity.accepted().body(Map.of("received", key))
                : ResponseEntity.status(401).body(Map.of("error", "signature does not verify"));
    }

    @GetMapping
    @Allowed(Roles.ADMINISTRATORS)
    List<Received> inbox() {
        synchronized (received) {
            return List.copyOf(received);
        }
    }

    private static String hmac(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The inbox's reading asks for the API's login and access rules ({@link ApiLogin}, {@link Allowed}): the exact path
     * only, so the partners' deliveries to {@code /demo/partner-inbox/{partnerId}}, checked by their signature, still
     * arrive.
     */
    @Configuration(proxyBeanMethods = false)
    @Profile("demo")
    static class InboxLogin {

        static final String INBOX = "/demo/partner-inbox";

        @Bean
        @Order(SecurityConfiguration.API_LOGIN_ELSEWHERE_ORDER)
        SecurityFilterChain demoInboxFilterChain(HttpSecurity http, ApiLogin login) throws Exception {
            return login.chain(http, INBOX);
        }
    }
}
