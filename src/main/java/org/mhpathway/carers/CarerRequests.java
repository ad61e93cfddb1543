package org.mhpathway.carers;

import io.swagger.v3.oas.annotations.media.Schema;
import org.mhpathway.system.ContactDetails;

/**
 * The bodies the ward sends about a carer, as the API's OpenAPI description shows them. They are read field by field
 * ({@link CarerEditor}), so that each bad field is named; the fields each may hold are these records' components.
 */
final class CarerRequests {

    private CarerRequests() {
    }

    private static final String CONSENT_RECORDED_AT = "when the person decided, ISO-8601; now when absent; not in the"
            + " future, nor before the decision it replaces";

    @Schema(description = "A carer the person names; any other field is refused")
    record NewCarer(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = CarerDetails.MAX_NAME) String name,
            @Schema(description = "to the person, e.g. mother, partner, friend",
                    requiredMode = Schema.RequiredMode.REQUIRED, maxLength = CarerDetails.MAX_RELATIONSHIP)
            String relationship,
            @Schema(description = "a telephone number; required when there is no e-mail",
                    maxLength = ContactDetails.MAX_PHONE) String phone,
            @Schema(description = "required when there is no telephone number", maxLength = ContactDetails.MAX_EMAIL)
            String email,
            @Schema(description = "whether the person consents to share their care with this carer",
                    requiredMode = Schema.RequiredMode.REQUIRED) boolean consentToShare,
            @Schema(description = CONSENT_RECORDED_AT, format = "date-time") String consentRecordedAt) {
    }

    @Schema(description = "Who the carer is and how to reach them, every field as it is now; consent changes apart")
    record Contact(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = CarerDetails.MAX_NAME) String name,
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED, maxLength = CarerDetails.MAX_RELATIONSHIP)
            String relationship,
            @Schema(description = "required when there is no e-mail", maxLength = ContactDetails.MAX_PHONE)
            String phone,
            @Schema(description = "required when there is no telephone number", maxLength = ContactDetails.MAX_EMAIL)
            String email) {
    }

    @Schema(description = "The person's decision to share, or to stop sharing, their care with the carer")
    record Consent(
            @Schema(requiredMode = Schema.RequiredMode.REQUIRED) boolean consentToShare,
            @Schema(description = CONSENT_RECORDED_AT, format = "date-time") String consentRecordedAt) {
    }
}
