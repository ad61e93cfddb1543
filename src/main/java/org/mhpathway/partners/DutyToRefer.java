package org.mhpathway.partners;

/**
 * What a duty to refer carries besides the person's name (Housing Act 1996 s213B: at least name, contact details
 * and the reason; authorities also ask for needs, risks and local connection, PATHWAY.md section 4).
 *
 * @param needType the main housing need as the assessment recorded it, e.g. {@code no-fixed-abode}
 * @param needs    the housing and support needs the officer recorded at the assessment
 */
public record DutyToRefer(String authorityId, String authorityName, String reason, String phone, String email,
                       String contactArrangements, String needType, String needs, String riskSummary,
                       String localConnection) {

    /** The two needs that lead to a duty to refer, in the words of the assessment's form. */
    public String needDescription() {
        return switch (needType == null ? "" : needType) {
            case "no-fixed-abode" -> "No fixed abode";
            case "homeless-within-56-days" -> "At risk of homelessness within 56 days";
            default -> needType;
        };
    }

    @Override
    public String toString() {
        return "DutyToRefer[authorityId=" + authorityId + "]";
    }
}
