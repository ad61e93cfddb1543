package org.mhpathway.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;

import java.util.List;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.mhpathway.pathway.PathwayProcesses.DelayedDischargeEscalation;
import org.mhpathway.pathway.PathwayProcesses.HousingEscalation;
import org.mhpathway.pathway.PathwayProcesses.MultiAgencyDischargeEvent;

/**
 * Least privilege in the engine, per group of PATHWAY.md section 6 (the tenant check then limits each user to their
 * own ICSs):
 * <ul>
 *   <li>every working group: Tasklist, and the names of the process models. Their tasks come from the engine itself,
 *       which grants a task's candidate group {@code TASK_WORK} on it (read, claim, complete) and nothing more;</li>
 *   <li>discharge hub and housing: also read the escalations and discharge events and their history, not the clinical
 *       pathway;</li>
 *   <li>managers: Cockpit, and read (never change) every instance, task and history of their ICS;</li>
 *   <li>administrators ({@code camunda-admin}): everything, as Camunda sets them up.</li>
 * </ul>
 * Grants are added when missing and never taken away here, so an administrator's own changes in Camunda Admin stay.
 */
public class GroupAuthorizations {

    static final List<String> ESCALATION_PROCESSES = List.of(DelayedDischargeEscalation.KEY, HousingEscalation.KEY,
            MultiAgencyDischargeEvent.KEY);

    private final AuthorizationService authorizations;

    public GroupAuthorizations(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    public void grantAll() {
        for (String group : Roles.WORKING_GROUPS) {
            grant(authorizations, group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            grant(authorizations, group, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ);
        }
        for (String group : Roles.ESCALATION) {
            for (String key : ESCALATION_PROCESSES) {
                grant(authorizations, group, Resources.PROCESS_DEFINITION, key, ProcessDefinitionPermissions.READ,
                        ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                        ProcessDefinitionPermissions.READ_TASK);
            }
        }
        grant(authorizations, Roles.MANAGERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(authorizations, Roles.MANAGERS, Resources.PROCESS_DEFINITION, ANY, ProcessDefinitionPermissions.READ,
                ProcessDefinitionPermissions.READ_INSTANCE, ProcessDefinitionPermissions.READ_HISTORY,
                ProcessDefinitionPermissions.READ_TASK);
        grant(authorizations, Roles.MANAGERS, Resources.PROCESS_INSTANCE, ANY, Permissions.READ);
        grant(authorizations, Roles.MANAGERS, Resources.TASK, ANY, Permissions.READ);
        grant(authorizations, Roles.MANAGERS, Resources.DEPLOYMENT, ANY, Permissions.READ);
        grant(authorizations, Roles.MANAGERS, Resources.DECISION_DEFINITION, ANY, Permissions.READ,
                Permissions.READ_HISTORY);
    }

    /** Adds the permissions to the group's grant on the resource, creating it when there is none. */
    public static void grant(AuthorizationService authorizations, String group, Resource resource, String resourceId,
                      Permission... permissions) {
        IdentityBootstrap.once(() -> has(authorizations, group, resource, resourceId, permissions), () -> {
            Authorization grant = authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT)
                    .groupIdIn(group).resourceType(resource).resourceId(resourceId).list().stream().findFirst()
                    .orElseGet(() -> {
                        Authorization a = authorizations.createNewAuthorization(AUTH_TYPE_GRANT);
                        a.setGroupId(group);
                        a.setResource(resource);
                        a.setResourceId(resourceId);
                        return a;
                    });
            for (Permission p : permissions) {
                grant.addPermission(p);
            }
            authorizations.saveAuthorization(grant);
        });
    }

    private static boolean has(AuthorizationService authorizations, String group, Resource resource, String resourceId,
                               Permission... permissions) {
        return authorizations.createAuthorizationQuery().authorizationType(AUTH_TYPE_GRANT).groupIdIn(group)
                .resourceType(resource).resourceId(resourceId).list().stream()
                .anyMatch(a -> {
                    for (Permission p : permissions) {
                        if (!a.isPermissionGranted(p)) {
                            return false;
                        }
                    }
                    return true;
                });
    }
}
