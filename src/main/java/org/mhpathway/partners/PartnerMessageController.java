package org.mhpathway.partners;

import java.util.Optional;
import org.mhpathway.partners.PartnerAnswers.Receipt;
import org.mhpathway.partners.PartnerMessages.PartnerMessage;
import org.mhpathway.security.ApiAuthenticationFilter;
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
        String[] sent = ApiAuthenticationFilter.basicCredentials(authorization);
        Optional<Partner> partner = sent == null || sent[0].isEmpty() ? Optional.empty()
                : credentials.authenticate(sent[0], sent[1]);
        return partner.orElseThrow(() -> new AuthenticationRequiredException(REALM,
                "Send your partner id and API secret with HTTP Basic authentication"));
    }
}
