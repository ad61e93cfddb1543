package org.mhpathway.housing;

import org.mhpathway.partners.Partner;
import org.mhpathway.partners.PartnerAnswer;
import org.mhpathway.partners.PartnerAnswerTaker;
import org.mhpathway.partners.PartnerRole;
import org.springframework.stereotype.Component;

/**
 * The housing authority's answer to a duty to refer (PATHWAY.md section 4): it stops the pathway's housing ladder,
 * and {@code completed} means accommodation is secured ({@link HousingReferrals#authorityAnswered}).
 */
@Component
class HousingAuthorityAnswers implements PartnerAnswerTaker {

    private final HousingReferrals escalations;

    HousingAuthorityAnswers(HousingReferrals escalations) {
        this.escalations = escalations;
    }

    @Override
    public String take(String pathwayId, Partner partner, PartnerAnswer answer, String event) {
        if (!HousingEscalations.DUTY_TO_REFER.equals(event) || partner.role() != PartnerRole.HOUSING_AUTHORITY) {
            return null;
        }
        return escalations.authorityAnswered(pathwayId, answer.kind().code(), partner.id(), answer.occurredAt());
    }
}
