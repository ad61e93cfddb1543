package org.mhpathway.access;

import java.util.List;
import java.util.Set;
import org.camunda.bpm.engine.authorization.Groups;

/**
 * The groups of PATHWAY.md section 6 (Camunda groups, the tasks' candidate groups) and the administrators. What
 * each may do is in {@code docs/security.md}; the engine side is {@code security.GroupAuthorizations}, the API side
 * {@link Allowed}.
 */
public final class Roles {

    public static final String WARD_CLINICIANS = "ward-clinicians";
    public static final String BED_MANAGEMENT = "bed-management";
    public static final String DISCHARGE_HUB = "discharge-hub";
    public static final String HOUSING = "housing";
    public static final String COMMUNITY_MH_TEAM = "community-mh-team";
    public static final String MANAGERS = "managers";
    /** Camunda's administrators: users, groups, tenants, partners. They read no patient through the API. */
    public static final String ADMINISTRATORS = Groups.CAMUNDA_ADMIN;

    /** The groups that work tasks in Tasklist, in the order of section 6. */
    public static final List<String> WORKING_GROUPS = List.of(WARD_CLINICIANS, BED_MANAGEMENT, DISCHARGE_HUB, HOUSING,
            COMMUNITY_MH_TEAM, MANAGERS);

    /** Groups who care for the person and may read the whole pathway. */
    public static final Set<String> CLINICAL = Set.of(WARD_CLINICIANS, BED_MANAGEMENT, COMMUNITY_MH_TEAM);

    /** Groups who see a pathway only while it has a delayed discharge, a housing case or a discharge event. */
    public static final Set<String> ESCALATION = Set.of(DISCHARGE_HUB, HOUSING);

    private Roles() {
    }
}
