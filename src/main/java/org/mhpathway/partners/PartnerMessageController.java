package org.mhpathway.partners;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.mhpathway.partners.PartnerAnswers.Receipt;
import org.mhpathway.partners.PartnerMessages.PartnerMessage;
import org.mhpathway.system.AuthenticationRequiredException;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers from partner agencies, each authenticated with the sending partner's own credential (HTTP Basic,
 * partner id and secret). The credential is checked before the body is read, so a caller without one learns
 * nothing about pathways or fields.
 */
@RestController
@RequestMapping("/api/partner-messages")
class PartnerMessageController {

    static final String REALM = "mh-pathway-partners";

    private final PartnerCredentials credentials;
    private final PartnerAnswerReader reader;
    private final PartnerAnswers answers;

    PartnerMessageController(PartnerCredentials credentials, PartnerAnswerReader reader, PartnerAnswers answers) {
        this.credentials = credentials;
        this.reader = reader;
        this.answers = answers;
    }

    /** 201 with the answer as recorded; 200 with the same when it had been received before. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<PartnerMessage> receive(@RequestHeader(value = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                           @RequestBody(required = false) String body) {
        Partner partner = authenticate(authorization);
        PartnerAnswer answer = reader.read(body);
        Receipt receipt;
        try {
            receipt = answers.receive(partner, answer);
        } catch (DuplicateKeyException sentTwiceAtOnce) {
            // the same answer arrived twice at the same moment and the other copy was recorded first
            receipt = answers.receive(partner, answer);
        }
        return ResponseEntity.status(receipt.repeated() ? HttpStatus.OK : HttpStatus.CREATED).body(receipt.message());
    }

    private Partner authenticate(String authorization) {
        Optional<Partner> partner = Optional.empty();
        if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            try {
                String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()),
                        StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                if (colon > 0) {
                    partner = credentials.authenticate(decoded.substring(0, colon), decoded.substring(colon + 1));
                }
            } catch (IllegalArgumentException notBase64) {
                // answered below like any other bad credential
            }
        }
        return partner.orElseThrow(() -> new AuthenticationRequiredException(REALM,
                "Send your partner id and API secret with HTTP Basic authentication"));
    }
}
