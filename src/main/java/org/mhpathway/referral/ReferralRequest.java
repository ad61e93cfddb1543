package org.mhpathway.referral;

import org.mhpathway.pathway.PersonName;

/**
 * The body of {@code POST /api/referrals}. Fields are read as given and checked together, so that one
 * response names every bad field.
 */
public record ReferralRequest(
        String nhsNumber,
        String dateOfBirth,
        Boolean learningDisabilityOrAutism,
        Boolean ehcPlan,
        String wardType,
        String homeIcs,
        String gpPracticeCode,
        String referralSource,
        String presentedAt,
        PersonName name) {

    /** A referral without the person's name. */
    public ReferralRequest(String nhsNumber, String dateOfBirth, Boolean learningDisabilityOrAutism, Boolean ehcPlan,
                           String wardType, String homeIcs, String gpPracticeCode, String referralSource,
                           String presentedAt) {
        this(nhsNumber, dateOfBirth, learningDisabilityOrAutism, ehcPlan, wardType, homeIcs, gpPracticeCode,
                referralSource, presentedAt, null);
    }

    /** Without the NHS number, date of birth and name: a request body may be logged (Spring MVC does at DEBUG). */
    @Override
    public String toString() {
        return "ReferralRequest[homeIcs=" + homeIcs + ", wardType=" + wardType + ", referralSource=" + referralSource + "]";
    }
}
