package org.mhpathway.partners;

import static org.mhpathway.partners.PartnerRole.*;

import java.util.Arrays;
import java.util.List;

/**
 * The events partner agencies are told of, and who is told (PATHWAY.md sections 2 and 5). A BPMN step names
 * its event with the input parameter {@code notificationEvent}; a new notice is a new constant and a model change.
 */
public enum NotificationEvent {
    /** Admitted to a bed. Defined for the partners' code system; no BPMN step sends it yet. */
    ADMITTED("admitted", GP_PRACTICE, COMMUNITY_MH_TEAM, LOCAL_AUTHORITY),
    /** Admission not needed: the crisis team and GP learn of the community alternative. */
    COMMUNITY_ALTERNATIVE_ARRANGED("community-alternative-arranged", CRISIS_TEAM, GP_PRACTICE),
    /** A bed outside the home ICS: the commissioner is told. */
    OUT_OF_AREA_PLACEMENT("out-of-area-placement", COMMISSIONER),
    /** At least 48 hours' notice of discharge to every service involved. */
    DISCHARGE_NOTICE("discharge-notice", COMMUNITY_MH_TEAM, CRISIS_TEAM, GP_PRACTICE, LOCAL_AUTHORITY, HOUSING_AUTHORITY),
    /** The person has left hospital. */
    DISCHARGED("discharged", GP_PRACTICE, COMMUNITY_MH_TEAM, CRISIS_TEAM);

    private final String code;
    private final List<PartnerRole> recipients;

    NotificationEvent(String code, PartnerRole... recipients) {
        this.code = code;
        this.recipients = List.of(recipients);
    }

    public String code() {
        return code;
    }

    public List<PartnerRole> recipients() {
        return recipients;
    }

    public static NotificationEvent fromCode(String code) {
        return Arrays.stream(values()).filter(e -> e.code.equals(code)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown notification event: " + code));
    }
}
