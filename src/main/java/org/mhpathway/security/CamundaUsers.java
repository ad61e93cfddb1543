package org.mhpathway.security;

import java.util.Set;
import java.util.stream.Collectors;
import org.camunda.bpm.engine.IdentityService;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.mhpathway.access.Caller;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.AuthorityUtils;
import org.springframework.stereotype.Component;

/**
 * Spring Security's view of Camunda's users: the same user ids, passwords and lock-out as the Tasklist and Cockpit
 * login. {@link IdentityService#checkPassword} applies Camunda's brute-force protection: after a wrong password the
 * user is refused for a few seconds, growing with each failure up to a minute, never locked for good
 * ({@code loginDelay*} in application.yml). An authenticated user is a {@link Caller}: their groups and ICSs (tenant
 * memberships), read once per request.
 */
@Component
public class CamundaUsers implements AuthenticationProvider {

    private final IdentityService identity;

    public CamundaUsers(IdentityService identity) {
        this.identity = identity;
    }

    @Override
    public Authentication authenticate(Authentication sent) {
        String userId = sent.getName();
        Object password = sent.getCredentials();
        if (userId == null || userId.isEmpty() || password == null || !identity.checkPassword(userId, password.toString())) {
            throw new BadCredentialsException("does not name a user with this password");
        }
        return authenticated(userId);
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
    }

    /** True when the user still exists (a Tasklist session may outlive its user). */
    boolean exists(String userId) {
        return identity.createUserQuery().userId(userId).count() > 0;
    }

    /** The user as a {@link Caller}, with their groups as authorities ({@code GROUP_ward-clinicians}). */
    Authentication authenticated(String userId) {
        Set<String> groups = identity.createGroupQuery().groupMember(userId).list().stream().map(Group::getId)
                .collect(Collectors.toSet());
        Set<String> tenants = identity.createTenantQuery().userMember(userId).includingGroupsOfUser(true).list()
                .stream().map(Tenant::getId).collect(Collectors.toSet());
        Caller caller = new Caller(userId, groups, tenants);
        return UsernamePasswordAuthenticationToken.authenticated(caller, null,
                AuthorityUtils.createAuthorityList(groups.stream().sorted().map(g -> "GROUP_" + g).toList()));
    }
}
