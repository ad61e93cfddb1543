package org.mhpathway.referral;

import java.util.Arrays;
import java.util.List;

/** Who referred the person. */
public enum ReferralSource {
    CRISIS_TEAM("crisis-team"),
    GP("gp"),
    EMERGENCY_DEPARTMENT("emergency-department"),
    LIAISON_PSYCHIATRY("liaison-psychiatry"),
    POLICE("police"),
    COMMUNITY_MH_TEAM("community-mh-team"),
    SELF("self"),
    OTHER("other");

    private final String code;

    ReferralSource(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static List<String> codes() {
        return Arrays.stream(values()).map(ReferralSource::code).toList();
    }
}
