package org.mhpathway.system;

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
import org.mhpathway.security.GroupAuthorizations;
import org.mhpathway.security.Roles;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Tasklist filters so each person lands on their own work: first their group's own list (only that group sees it),
 * then the tasks of all their groups, what is assigned to them, and missed deadlines. Each list shows the pathway id,
 * so a task is never anonymous. The engine's tenant check keeps each list to the user's own ICSs.
 */
@Component
public class TasklistFilters {

    static final String MY_GROUPS = "My groups' work";
    static final String MINE = "Assigned to me";
    static final String MISSED_DEADLINES = "Missed deadlines";
    /** Each working group's own list, first in Tasklist. */
    static final Map<String, String> GROUP_LISTS = Map.of(
            Roles.WARD_CLINICIANS, "Ward work",
            Roles.BED_MANAGEMENT, "Beds and admissions",
            Roles.DISCHARGE_HUB, "Discharge hub work",
            Roles.HOUSING, "Housing work",
            Roles.COMMUNITY_MH_TEAM, "Community team work",
            Roles.MANAGERS, "Managers' work");
    private static final List<Map<String, String>> COLUMNS = List.of(
            Map.of("name", "pathwayId", "label", "Pathway"),
            Map.of("name", "homeIcs", "label", "ICS"),
            Map.of("name", "wardType", "label", "Ward type"));

    private final FilterService filters;
    private final TaskService tasks;
    private final AuthorizationService authorizations;

    public TasklistFilters(FilterService filters, TaskService tasks, AuthorizationService authorizations) {
        this.filters = filters;
        this.tasks = tasks;
        this.authorizations = authorizations;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    public void createMissing() {
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
                .taskAssigneeExpression("${currentUser()}").orderByDueDate().asc()), Roles.WORKING_GROUPS);
        readableBy(create(MISSED_DEADLINES, 0, "Deadlines the guidance sets that have passed",
                tasks.createTaskQuery().taskDefinitionKey(SlaBreachResponse.TASK_RESPOND_TO_MISSED_DEADLINE)
                        .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
                        .orderByTaskCreateTime().asc()), Roles.WORKING_GROUPS);
    }

    private Filter create(String name, int priority, String description, TaskQuery query) {
        Filter existing = filters.createFilterQuery().filterName(name).list().stream().findFirst().orElse(null);
        if (existing != null) {
            return existing;
        }
        Filter filter = filters.newTaskFilter(name)
                .setQuery(query)
                .setProperties(Map.of("priority", priority, "description", description, "refresh", true,
                        "variables", COLUMNS));
        filters.saveFilter(filter);
        // two nodes starting at the same moment may both have created it: both keep the oldest, drop the rest
        List<Filter> same = filters.createFilterQuery().filterName(name).orderByFilterId().asc().list();
        for (Filter extra : same.subList(1, same.size())) {
            try {
                filters.deleteFilter(extra.getId());
            } catch (org.camunda.bpm.engine.ProcessEngineException alreadyDeleted) {
                // the other node dropped it first
            }
        }
        return same.get(0);
    }

    private void readableBy(Filter filter, List<String> groups) {
        for (String group : groups) {
            GroupAuthorizations.grant(authorizations, group, Resources.FILTER, filter.getId(), Permissions.READ);
        }
    }
}
