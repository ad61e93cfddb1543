package org.mhpathway.access;

import java.util.Collection;
import java.util.Set;
import org.springframework.security.core.AuthenticatedPrincipal;

/**
 * Who sent an {@code /api} request: a Camunda user, the groups they are in and the ICSs (Camunda tenants) they
 * belong to. The principal of the request's Spring Security authentication ({@code security.CamundaUsers}); a
 * controller method receives it as an {@code @AuthenticationPrincipal} parameter.
 */
public record Caller(String userId, Set<String> groups, Set<String> tenants) implements AuthenticatedPrincipal {

    public Caller {
        groups = Set.copyOf(groups);
        tenants = Set.copyOf(tenants);
    }

    @Override
    public String getName() {
        return userId;
    }

    public boolean inAnyOf(Collection<String> wanted) {
        return wanted.stream().anyMatch(groups::contains);
    }

    public boolean administrator() {
        return groups.contains(Roles.ADMINISTRATORS);
    }

    /** True when the caller works in this ICS (is a member of its tenant). */
    public boolean worksIn(String ics) {
        return ics != null && tenants.contains(ics);
    }
}
