package org.mhpathway.referral;

import java.time.Instant;
import java.time.LocalDate;

/** A referral that passed every check. */
public record Referral(
        String nhsNumber,
        LocalDate dateOfBirth,
        boolean learningDisabilityOrAutism,
        boolean ehcPlan,
        String wardType,
        String homeIcs,
        String gpPracticeCode,
        String referralSource,
        Instant presentedAt) {

    /** Without the NHS number and date of birth, should a referral ever be printed. */
    @Override
    public String toString() {
        return "Referral[homeIcs=" + homeIcs + ", wardType=" + wardType + ", referralSource=" + referralSource + "]";
    }
}
