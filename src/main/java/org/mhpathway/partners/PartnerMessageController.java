package org.mhpathway.partners;

import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.security.SecurityRequirement;
import org.mhpathway.partners.PartnerAnswers.Receipt;
import org.mhpathway.partners.PartnerMessages.PartnerMessage;
import org.mhpathway.system.ApiDescription;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Answers from partner agencies, each authenticated with the sending partner's own credential (HTTP Basic,
 * partner id and secret) by {@link PartnerApiSecurity}, before the body is read.
 */
@RestController
@RequestMapping("/api/partner-messages")
class PartnerMessageController {

    private final PartnerAnswerReader reader;
    private final PartnerAnswers answers;

    PartnerMessageController(PartnerAnswerReader reader, PartnerAnswers answers) {
        this.reader = reader;
        this.answers = answers;
    }

    /** 201 with the answer as recorded; 200 with the same when it had been received before. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @SecurityRequirement(name = ApiDescription.PARTNER_LOGIN)
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(
            mediaType = MediaType.APPLICATION_JSON_VALUE,
            schema = @Schema(implementation = PartnerAnswerReader.PartnerMessageRequest.class)))
    ResponseEntity<PartnerMessage> receive(@AuthenticationPrincipal Partner partner,
                                           @RequestBody(required = false) String body) {
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
}
