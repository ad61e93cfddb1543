package org.mhpathway.security;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.IdentityService;
import org.mhpathway.access.Roles;
import org.mhpathway.system.StartupSetupLock;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.identity.Group;
import org.camunda.bpm.engine.identity.Tenant;
import org.camunda.bpm.engine.identity.User;
import org.mhpathway.sla.PolicyProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.core.env.Profiles;
import org.springframework.stereotype.Component;

/**
 * What every installation needs in Camunda's identity service before anyone logs in, created when missing, one node
 * at a time when several start at once ({@link StartupSetupLock}): the first administrator (from the environment), the
 * groups of PATHWAY.md section 6, one tenant per ICS the policy serves, and each group's authorizations
 * ({@link GroupAuthorizations}). Users are added to groups and ICSs by an administrator in Camunda Admin.
 */
@Component
class IdentityBootstrap {

    static final Set<String> WELL_KNOWN_PASSWORDS = Set.of("admin", "administrator", "demo", "password", "changeme",
            "change-me", "camunda", "mhpathway", "mh-pathway", "secret", "letmein", "123456789012");
    static final int MINIMUM_PASSWORD_LENGTH = 12;

    private static final Logger log = LoggerFactory.getLogger(IdentityBootstrap.class);

    private final IdentityService identity;
    private final AuthorizationService authorizations;
    private final PolicyProperties policy;
    private final AdministratorProperties administrator;
    private final StartupSetupLock setupLock;

    public IdentityBootstrap(IdentityService identity, AuthorizationService authorizations, PolicyProperties policy,
                             AdministratorProperties administrator, Environment environment, StartupSetupLock setupLock) {
        this.setupLock = setupLock;
        this.identity = identity;
        this.authorizations = authorizations;
        this.policy = policy;
        this.administrator = administrator;
        if (!environment.acceptsProfiles(Profiles.of("demo"))) {
            refuseWeakPassword(administrator);
        }
    }

    /** Outside the demo: no start with a password anyone could guess. Stops the service before anything is created. */
    static void refuseWeakPassword(AdministratorProperties administrator) {
        String user = administrator.user() == null ? "" : administrator.user();
        String password = administrator.password() == null ? "" : administrator.password();
        List<String> problems = new ArrayList<>();
        if (user.isBlank()) {
            problems.add("MHPATHWAY_ADMIN_USER (mhpathway.admin.user) is empty");
        }
        if (password.isBlank()) {
            problems.add("MHPATHWAY_ADMIN_PASSWORD (mhpathway.admin.password) is not set");
        } else if (password.length() < MINIMUM_PASSWORD_LENGTH) {
            problems.add("MHPATHWAY_ADMIN_PASSWORD is shorter than " + MINIMUM_PASSWORD_LENGTH + " characters");
        } else if (password.equalsIgnoreCase(user) || WELL_KNOWN_PASSWORDS.contains(password.toLowerCase(Locale.ROOT))) {
            problems.add("MHPATHWAY_ADMIN_PASSWORD is a default or well-known password");
        }
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Refusing to start: " + String.join("; ", problems)
                    + ". Set MHPATHWAY_ADMIN_USER and a strong MHPATHWAY_ADMIN_PASSWORD (only the demo profile has a"
                    + " built-in password).");
        }
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(-20)
    public void createMissing() {
        // one node at a time: else two nodes starting together both create and one logs the refused duplicate
        setupLock.run(this::createMissingNow);
    }

    private void createMissingNow() {
        for (String group : Roles.WORKING_GROUPS) {
            ensureGroup(group, "WORKFLOW");
        }
        ensureGroup(Groups.CAMUNDA_ADMIN, Groups.GROUP_TYPE_SYSTEM);
        policy.ics().forEach((code, ics) -> once(() -> identity.createTenantQuery().tenantId(code).count() > 0, () -> {
            Tenant tenant = identity.newTenant(code);
            tenant.setName(ics.name());
            identity.saveTenant(tenant);
        }));
        ensureAdministrator();
        new GroupAuthorizations(authorizations).grantAll();
    }

    private void ensureGroup(String id, String type) {
        once(() -> identity.createGroupQuery().groupId(id).count() > 0, () -> {
            Group group = identity.newGroup(id);
            group.setName(id);
            group.setType(type);
            identity.saveGroup(group);
        });
    }

    /** The first administrator, only while the directory has no administrator at all. */
    private void ensureAdministrator() {
        if (identity.createUserQuery().memberOfGroup(Groups.CAMUNDA_ADMIN).count() > 0) {
            return;
        }
        String id = administrator.user();
        once(() -> identity.createUserQuery().userId(id).count() > 0, () -> {
            User user = identity.newUser(id);
            user.setFirstName("Administrator");
            user.setLastName(id);
            user.setPassword(administrator.password());
            identity.saveUser(user);
        });
        once(() -> identity.createUserQuery().userId(id).memberOfGroup(Groups.CAMUNDA_ADMIN).count() > 0,
                () -> identity.createMembership(id, Groups.CAMUNDA_ADMIN));
        // as Camunda's own admin-user set-up does: every resource, every permission, for the administrators' group
        for (Resource resource : Resources.values()) {
            GroupAuthorizations.grant(authorizations, Groups.CAMUNDA_ADMIN, resource, Authorization.ANY, Permissions.ALL);
        }
        log.info("Created the first administrator '{}'", id);
    }

    /**
     * Runs {@code create} unless {@code exists}. Callers run at start under {@link StartupSetupLock}, so a node starting
     * at the same moment waits and then finds it: no two nodes create the same thing.
     */
    static void once(BooleanSupplier exists, Runnable create) {
        if (!exists.getAsBoolean()) {
            create.run();
        }
    }

}
