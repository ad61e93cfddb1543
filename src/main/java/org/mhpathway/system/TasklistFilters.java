package org.mhpathway.system;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.FilterService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.filter.Filter;
import org.camunda.bpm.engine.task.TaskQuery;
import org.mhpathway.pathway.PathwayProcesses.SlaBreachResponse;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Tasklist filters so each person lands on their own work: the tasks of their groups, what is assigned to
 * them, and missed deadlines. Each list shows the pathway id, so a task is never anonymous.
 */
@Component
public class TasklistFilters {

    static final String MY_GROUPS = "My groups' work";
    static final String MINE = "Assigned to me";
    static final String MISSED_DEADLINES = "Missed deadlines";
    private static final List<Map<String, String>> COLUMNS = List.of(
            Map.of("name", "pathwayId", "label", "Pathway"),
            Map.of("name", "homeIcs", "label", "ICS"),
            Map.of("name", "wardType", "label", "Ward type"));

    private final FilterService filters;
    private final TaskService tasks;

    public TasklistFilters(FilterService filters, TaskService tasks) {
        this.filters = filters;
        this.tasks = tasks;
    }

    @EventListener(ApplicationReadyEvent.class)
    @Order(0)
    public void createMissing() {
        create(MY_GROUPS, -10, "Tasks for the groups you belong to",
                tasks.createTaskQuery().taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
                        .orderByDueDate().asc().orderByTaskCreateTime().asc());
        create(MINE, -5, "Tasks you have claimed", tasks.createTaskQuery().taskAssigneeExpression("${currentUser()}")
                .orderByDueDate().asc());
        create(MISSED_DEADLINES, 0, "Deadlines the guidance sets that have passed",
                tasks.createTaskQuery().taskDefinitionKey(SlaBreachResponse.TASK_RESPOND_TO_MISSED_DEADLINE)
                        .taskCandidateGroupInExpression("${currentUserGroups()}").includeAssignedTasks()
                        .orderByTaskCreateTime().asc());
    }

    private void create(String name, int priority, String description, TaskQuery query) {
        if (filters.createFilterQuery().filterName(name).count() > 0) {
            return;
        }
        Filter filter = filters.newTaskFilter(name)
                .setQuery(query)
                .setProperties(Map.of("priority", priority, "description", description, "refresh", true,
                        "variables", COLUMNS));
        filters.saveFilter(filter);
    }
}
