package org.mhpathway.security;

import static org.camunda.bpm.engine.authorization.Authorization.ANY;
import static org.camunda.bpm.engine.authorization.Authorization.AUTH_TYPE_GRANT;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_HISTORY;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_HISTORY_VARIABLE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_INSTANCE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_INSTANCE_VARIABLE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_TASK;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.READ_TASK_VARIABLE;
import static org.camunda.bpm.engine.authorization.ProcessDefinitionPermissions.TASK_WORK;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.authorization.Authorization;
import org.camunda.bpm.engine.authorization.Permission;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resource;
import org.camunda.bpm.engine.authorization.Resources;
import org.mhpathway.access.Roles;
import org.mhpathway.pathway.PathwayProcesses.DelayedDischargeEscalation;
import org.mhpathway.pathway.PathwayProcesses.FollowUpAfterDischarge;
import org.mhpathway.pathway.PathwayProcesses.HospitalDischarge;
import org.mhpathway.pathway.PathwayProcesses.HousingEscalation;
import org.mhpathway.pathway.PathwayProcesses.InpatientPathway;
import org.mhpathway.pathway.PathwayProcesses.InpatientReviews;
import org.mhpathway.pathway.PathwayProcesses.InpatientStay;
import org.mhpathway.pathway.PathwayProcesses.KeyStage1;
import org.mhpathway.pathway.PathwayProcesses.MultiAgencyDischargeEvent;
import org.mhpathway.pathway.PathwayProcesses.NoticeAcknowledgement;
import org.mhpathway.pathway.PathwayProcesses.PartnerDeclineResponse;
import org.mhpathway.pathway.PathwayProcesses.PlannedSupport;
import org.mhpathway.pathway.PathwayProcesses.SlaBreachResponse;
import org.mhpathway.pathway.PathwayProcesses.SocialCareAssessment;

/**
 * Least privilege in the engine, granted per group on the process definitions it works (the tenant check then limits
 * each user to their own ICSs). A grant on a definition covers every task and instance of that model, so:
 * <ul>
 *   <li>no grant is written per task. Camunda's default writes one authorization row per task per candidate group,
 *       and its task query joins them per task: a group's list then costs tasks x authorizations, and at national
 *       load takes seconds ({@link PathwayAuthorizationProvider}, docs/performance.md). Here each group has a dozen
 *       rows whatever the number of patients;</li>
 *   <li>a group <em>works</em> ({@link #WORK}: read, claim, complete, with the variables its forms show) the models
 *       holding its tasks, and <em>reads</em> ({@link #READ_ONLY}) the models its work needs to see. Which task of a
 *       model a user may claim, complete or comment on is narrowed to its candidates by {@link TaskWorkGuard};</li>
 *   <li>variables are readable only where granted ({@code enforceSpecificVariablePermission}): the discharge hub and
 *       housing read only the escalation models (and the hub its own social care assessments), whose instances are
 *       given the pathway's facts and never the clinical notes ({@code PathwayFactsMapping}), so no route of the
 *       engine can show them a note. For the same reason the hub works no response to a missed deadline
 *       ({@code sla-breach-response} holds clinical notes): a deadline the hub owns is answered by managers;</li>
 *   <li>managers read every model of their ICS (Cockpit) and work their own tasks; administrators
 *       ({@code camunda-admin}) have everything, as Camunda sets them up.</li>
 * </ul>
 * Grants are added when missing and never taken away here, so an administrator's own changes in Camunda Admin stay.
 */
public class GroupAuthorizations {

    /** Read, claim and complete the model's tasks, and read its instances, variables and history. */
    static final Set<Permission> WORK = Set.of(READ, READ_TASK, TASK_WORK, READ_TASK_VARIABLE, READ_INSTANCE,
            READ_INSTANCE_VARIABLE, READ_HISTORY, READ_HISTORY_VARIABLE);
    /** Read the model's tasks, instances, variables and history; change nothing. */
    static final Set<Permission> READ_ONLY = Set.of(READ, READ_TASK, READ_TASK_VARIABLE, READ_INSTANCE,
            READ_INSTANCE_VARIABLE, READ_HISTORY, READ_HISTORY_VARIABLE);

    /** The clinical models: they hold the clinical notes. */
    static final List<String> CLINICAL_MODELS = List.of(InpatientPathway.KEY, InpatientStay.KEY, KeyStage1.KEY,
            InpatientReviews.KEY, HospitalDischarge.KEY, FollowUpAfterDischarge.KEY, NoticeAcknowledgement.KEY,
            SlaBreachResponse.KEY, PartnerDeclineResponse.KEY);
    /** The escalation models: the pathway's facts and the escalation's own, never a clinical note. */
    static final List<String> ESCALATION_MODELS = List.of(PlannedSupport.KEY, DelayedDischargeEscalation.KEY,
            HousingEscalation.KEY, MultiAgencyDischargeEvent.KEY);
    /**
     * The discharge hub's own assessments: the pathway's facts and what the hub records there, never a clinical note.
     * Not an escalation, so housing, which reads the escalations, does not read them.
     */
    static final List<String> DISCHARGE_HUB_MODELS = List.of(SocialCareAssessment.KEY);

    /** Per group: the models it works. Every model holding a task of the group is here (ProcessModelRulesTest). */
    static final Map<String, List<String>> WORKS = Map.of(
            Roles.WARD_CLINICIANS, List.of(InpatientStay.KEY, KeyStage1.KEY, InpatientReviews.KEY,
                    HospitalDischarge.KEY, FollowUpAfterDischarge.KEY, NoticeAcknowledgement.KEY, SlaBreachResponse.KEY,
                    PartnerDeclineResponse.KEY),
            Roles.BED_MANAGEMENT, List.of(InpatientPathway.KEY, InpatientReviews.KEY, SlaBreachResponse.KEY),
            Roles.COMMUNITY_MH_TEAM, List.of(FollowUpAfterDischarge.KEY, SlaBreachResponse.KEY),
            Roles.DISCHARGE_HUB, List.of(PlannedSupport.KEY, DelayedDischargeEscalation.KEY, HousingEscalation.KEY,
                    MultiAgencyDischargeEvent.KEY, SocialCareAssessment.KEY),
            Roles.HOUSING, List.of(HousingEscalation.KEY),
            Roles.MANAGERS, List.of(InpatientPathway.KEY, InpatientReviews.KEY, SlaBreachResponse.KEY,
                    DelayedDischargeEscalation.KEY));

    /** Per group: the models it reads without working them. */
    static final Map<String, List<String>> READS = Map.of(
            // the groups who care for the person read the whole pathway
            Roles.WARD_CLINICIANS, allModels(),
            Roles.BED_MANAGEMENT, allModels(),
            Roles.COMMUNITY_MH_TEAM, allModels(),
            // the escalation groups read the escalations (and the hub its own assessments), never a clinical model
            Roles.DISCHARGE_HUB, ESCALATION_MODELS,
            Roles.HOUSING, ESCALATION_MODELS,
            Roles.MANAGERS, allModels());

    private final AuthorizationService authorizations;

    public GroupAuthorizations(AuthorizationService authorizations) {
        this.authorizations = authorizations;
    }

    private static List<String> allModels() {
        return java.util.stream.Stream.of(CLINICAL_MODELS, ESCALATION_MODELS, DISCHARGE_HUB_MODELS)
                .flatMap(List::stream).toList();
    }

    /** What each group holds on each model, works or reads; the union of {@link #WORKS} and {@link #READS}. */
    static Map<String, Map<String, Set<Permission>>> definitionGrants() {
        Map<String, Map<String, Set<Permission>>> grants = new LinkedHashMap<>();
        for (String group : Roles.WORKING_GROUPS) {
            Map<String, Set<Permission>> byModel = new LinkedHashMap<>();
            READS.getOrDefault(group, List.of()).forEach(model -> byModel.put(model, READ_ONLY));
            WORKS.getOrDefault(group, List.of()).forEach(model -> byModel.put(model, WORK));
            grants.put(group, byModel);
        }
        return grants;
    }

    public void grantAll() {
        for (String group : Roles.WORKING_GROUPS) {
            grant(authorizations, group, Resources.APPLICATION, "tasklist", Permissions.ACCESS);
            // the names of the models, so Tasklist can say which process a task belongs to
            grant(authorizations, group, Resources.PROCESS_DEFINITION, ANY, READ);
        }
        definitionGrants().forEach((group, byModel) -> byModel.forEach((model, permissions) ->
                grant(authorizations, group, Resources.PROCESS_DEFINITION, model, permissions.toArray(Permission[]::new))));
        grant(authorizations, Roles.MANAGERS, Resources.APPLICATION, "cockpit", Permissions.ACCESS);
        grant(authorizations, Roles.MANAGERS, Resources.PROCESS_DEFINITION, ANY, READ, READ_INSTANCE, READ_HISTORY,
                READ_TASK, READ_TASK_VARIABLE, READ_INSTANCE_VARIABLE, READ_HISTORY_VARIABLE);
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
