package org.mhpathway.referral;

import org.mhpathway.pathway.PersonName;
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
        Instant presentedAt,
        PersonName name) {

    /** Without the NHS number, date of birth and name, should a referral ever be printed. */
    @Override
    public String toString() {
        return "Referral[homeIcs=" + homeIcs + ", wardType=" + wardType + ", referralSource=" + referralSource + "]";
    }
}
