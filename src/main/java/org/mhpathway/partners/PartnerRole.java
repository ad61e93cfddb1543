package org.mhpathway.partners;

/** The part a partner agency plays in a person's care (PATHWAY.md section 1). */
public enum PartnerRole {
    GP_PRACTICE("gp-practice"),
    COMMUNITY_MH_TEAM("community-mh-team"),
    CRISIS_TEAM("crisis-team"),
    LOCAL_AUTHORITY("local-authority"),
    HOUSING_AUTHORITY("housing-authority"),
    VCSE_ADVOCACY("vcse-advocacy"),
    COMMISSIONER("commissioner");

    private final String code;

    PartnerRole(String code) {
        this.code = code;
    }

    public String code() {
        return code;
    }

    public static PartnerRole fromCode(String code) {
        for (PartnerRole role : values()) {
            if (role.code.equals(code)) {
                return role;
            }
        }
        throw new IllegalArgumentException("unknown partner role: " + code);
    }

    public static java.util.List<String> codes() {
        return java.util.Arrays.stream(values()).map(PartnerRole::code).toList();
    }
}
