package org.mhpathway.carers;

import java.time.Instant;

/**
 * One of the person's chosen carers (PATHWAY.md section 5b; seed 004: "their chosen carer/s"), how to reach them, and
 * whether the person consents to the ward sharing the discharge with them. Personal data: never logged, only the id.
 *
 * @param consentToShare    the person's decision now (the latest entered)
 * @param consentRecordedAt when that decision was made, as the ward recorded it
 */
public record Carer(
        long id,
        String pathwayId,
        String name,
        String relationship,
        String phone,
        String email,
        boolean consentToShare,
        Instant consentRecordedAt,
        Instant recordedAt,
        Instant updatedAt) {

    /** Whether a message can go to the carer by e-mail. */
    public boolean hasEmail() {
        return email != null && !email.isBlank();
    }
}
