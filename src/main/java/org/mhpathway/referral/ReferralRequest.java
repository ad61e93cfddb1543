package org.mhpathway.referral;

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
        String presentedAt) {

    /** Without the NHS number and date of birth: a request body may be logged (Spring MVC does at DEBUG). */
    @Override
    public String toString() {
        return "ReferralRequest[homeIcs=" + homeIcs + ", wardType=" + wardType + ", referralSource=" + referralSource + "]";
    }
}
