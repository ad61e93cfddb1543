package org.mhpathway.partners;

import java.util.Optional;

/** Where a duty-to-refer notice finds what it carries: the housing module's open case for the pathway. */
public interface DutyToReferSource {

    /**
     * What the pathway's open housing case refers to the housing authority, or empty when it has none or the person
     * did not agree to be referred. Never logged: it holds the person's contact details.
     */
    Optional<DutyToRefer> referral(String pathwayId);
}
