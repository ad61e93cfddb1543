package org.mhpathway.security;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.AuthorizationService;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.authorization.Permissions;
import org.camunda.bpm.engine.authorization.Resources;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.mhpathway.pathway.PathwayProcesses.SlaBreachResponse;
import org.mhpathway.pathway.PathwayVariables;
import org.mhpathway.security.GroupAuthorizations;
import org.mhpathway.access.Roles;
import org.mhpathway.system.StartupSetupLock;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Tasklist filters so each person lands on their own work: first their group's own list (only that group sees it),
 * then the tasks of all their groups, what is assigned to them, and missed deadlines (managers also see every team's).
 * Every list says whose task it is (the person's name, NHS number, ward, bed, ICS and pathway) and is sorted by due
 * date, soonest first, then by when the task was created. The engine's tenant check keeps each list to the user's own
 * ICSs. The service owns these filters: at start it creates them, or brings an older copy up to date.
 */
@Component
class TasklistFilters {

    static final String MY_GROUPS = "My groups' work";
    static final String MINE = "Assigned to me";
    static final String MISSED_DEADLINES = "Missed deadlines";
    static final String EVERY_TEAMS_MISSED_DEADLINES = "Missed deadlines, every team";
    /** Each working group's own list, first in Tasklist. */
    static final Map<String, String> GROUP_LISTS = Map.of(
            Roles.WARD_CLINICIANS, "Ward work",
            Roles.BED_MANAGEMENT, "Beds and admissions",
            Roles.DISCHARGE_HUB, "Discharge hub work",
            Roles.HOUSING, "Housing work",
            Roles.COMMUNITY_MH_TEAM, "Community team work",
            Roles.MANAGERS, "Managers' work");
    /** Whose task it is, as a ward says it: the variables every model with a user task holds (PathwayFactsMapping). */
    static final List<Map<String, String>> COLUMNS = List.of(
            Map.of("name", PathwayVariables.PATIENT_NAME, "label", "Patient"),
            Map.of("name", PathwayVariables.NHS_NUMBER_DISPLAY, "label", "NHS number"),
            Map.of("name", PathwayVariables.WARD, "label", "Ward"),
            Map.of("name", PathwayVariables.BED, "label", "Bed"),
            Map.of("name", PathwayVariables.HOME_ICS, "label", "ICS"),
            Map.of("name", PathwayVariables.PATHWAY_ID, "label", "Pathway"));

    private final FilterService filters;
    private final TaskService tasks;
    private final AuthorizationService authorizations;
    private final StartupSetupLock setupLock;

    public TasklistFilters(FilterService filters, TaskService tasks, AuthorizationService authorizations,
                           StartupSetupLock setupLock) {
        this.setupLock = setupLock;
        this.filters = filters;
        this.tasks = tasks;
        this.authorizations = authorizations;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    public void createMissing() {
        // one node at a time (StartupSetupLock): a second node starting at the same moment finds every list made
        setupLock.run(this::createMissingNow);
    }

    private void createMissingNow() {
        for (String group : Roles.WORKING_GROUPS) {
            Filter own = create(GROUP_LISTS.get(group), -20, "Tasks for " + group,
                    tasks.createTaskQuery().taskCandidateGroup(group).includeAssignedTasks()
                            .orderByDueDate().asc().orderByTaskCreateTime().asc());
            readableBy(own, List.of(group));
        }
        readableBy(create(MY_GROUPS, -10, "Tasks for the groups you belong to",
                tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
                        .orderByDueDate().asc().orderByTaskCreateTime().asc()), Roles.WORKING_GROUPS);
        readableBy(create(MINE, -5, "Tasks you have claimed", tasks.createTaskQuery()
                .taskAssigneeExpression("${currentUser()}").orderByDueDate().asc().orderByTaskCreateTime().asc()),
                Roles.WORKING_GROUPS);
        readableBy(create(MISSED_DEADLINES, 0, "Deadlines your groups must answer for that have passed",
                tasks.createTaskQuery().taskDefinitionKey(SlaBreachResponse.TASK_RESPOND_TO_MISSED_DEADLINE)
                        .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
                        .orderByDueDate().asc().orderByTaskCreateTime().asc()), Roles.WORKING_GROUPS);
        readableBy(create(EVERY_TEAMS_MISSED_DEADLINES, 5, "Every team's missed deadlines in your ICSs",
                tasks.createTaskQuery().taskDefinitionKey(SlaBreachResponse.TASK_RESPOND_TO_MISSED_DEADLINE)
                        .orderByDueDate().asc().orderByTaskCreateTime().asc()), List.of(Roles.MANAGERS));
    }

    private Filter create(String name, int priority, String description, TaskQuery query) {
        Map<String, Object> properties = Map.of("priority", priority, "description", description, "refresh", true,
                "variables", COLUMNS);
        Filter existing = filters.createFilterQuery().filterName(name).list().stream().findFirst().orElse(null);
        if (existing != null) {
            // an installation started before the lists said whose task it is: brought up to date, once
            if (!properties.equals(existing.getProperties())) {
                existing.setQuery(query);
                existing.setProperties(properties);
                filters.saveFilter(existing);
            }
            return existing;
        }
        Filter filter = filters.newTaskFilter(name).setQuery(query).setProperties(properties);
        filters.saveFilter(filter);
        return filter;
    }

    private void readableBy(Filter filter, List<String> groups) {
        for (String group : groups) {
            GroupAuthorizations.grant(authorizations, group, Resources.FILTER, filter.getId(), Permissions.READ);
        }
    }
}
