package org.mhpathway.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.List;
import java.util.Optional;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.User;
import org.mhpathway.access.Allowed;
import org.mhpathway.access.Caller;
import org.mhpathway.access.Roles;
import org.mhpathway.sla.PolicyProperties;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/me}: who the caller is, in which groups and ICSs, so that the service's own pages offer only what
 * the caller may do (a referral only into an ICS they work in). For a browser logged in to Tasklist it also gives
 * the session's CSRF token, which such a page sends back in {@code X-XSRF-TOKEN} with every change.
 */
@RestController
class CurrentUserController {

    private final IdentityService identity;
    private final PolicyProperties policy;

    CurrentUserController(IdentityService identity, PolicyProperties policy) {
        this.identity = identity;
        this.policy = policy;
    }

    @GetMapping("/api/me")
    @Allowed({Roles.WARD_CLINICIANS, Roles.BED_MANAGEMENT, Roles.DISCHARGE_HUB, Roles.HOUSING,
            Roles.COMMUNITY_MH_TEAM, Roles.MANAGERS, Roles.ADMINISTRATORS})
    CurrentUser me(@AuthenticationPrincipal Caller caller, HttpServletRequest request) {
        User user = identity.createUserQuery().userId(caller.userId()).singleResult();
        String name = user == null ? caller.userId()
                : String.join(" ", Optional.ofNullable(user.getFirstName()).orElse(""),
                        Optional.ofNullable(user.getLastName()).orElse("")).trim();
        List<Ics> ics = caller.tenants().stream().filter(policy.ics()::containsKey).sorted()
                .map(code -> new Ics(code, policy.ics().get(code).name())).toList();
        boolean session = request.getHeader("Authorization") == null;
        return new CurrentUser(caller.userId(), name.isEmpty() ? caller.userId() : name,
                caller.groups().stream().sorted().toList(), ics,
                session ? WebappUsers.csrfToken(request).orElse(null) : null);
    }

    /** {@code csrfToken} is null for HTTP Basic callers, who need none. */
    record CurrentUser(String userId, String name, List<String> groups, List<Ics> ics, String csrfToken) {
    }

    record Ics(String code, String name) {
    }
}
