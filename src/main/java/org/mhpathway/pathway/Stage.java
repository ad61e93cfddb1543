package org.mhpathway.pathway;

import com.fasterxml.jackson.annotation.JsonValue;

/** Where a person is on the pathway (PATHWAY.md section 2). */
public enum Stage {
    ASSESSMENT("assessment"),
    ADMISSION("admission"),
    KEY_STAGE_1("key-stage-1"),
    KEY_STAGE_2("key-stage-2"),
    DISCHARGE("discharge"),
    DELAYED_DISCHARGE("delayed-discharge"),
    FOLLOW_UP("follow-up"),
    COMMUNITY_ALTERNATIVE("community-alternative"),
    COMPLETED("completed"),
    CLOSED_AFTER_DEATH("closed-after-death"),
    CANCELLED("cancelled");

    private final String code;

    Stage(String code) {
        this.code = code;
    }

    @JsonValue
    public String code() {
        return code;
    }

    public static Stage ofOutcome(String outcome) {
        return switch (outcome == null ? "" : outcome) {
            case "completed" -> COMPLETED;
            case "community-alternative" -> COMMUNITY_ALTERNATIVE;
            case "died" -> CLOSED_AFTER_DEATH;
            default -> CANCELLED;
        };
    }
}
