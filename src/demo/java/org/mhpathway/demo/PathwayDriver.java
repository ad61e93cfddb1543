package org.mhpathway.demo;

import java.util.List;
import java.util.Map;
import org.camunda.bpm.engine.ManagementService;
import org.camunda.bpm.engine.OptimisticLockingException;
import org.camunda.bpm.engine.RuntimeService;
import org.camunda.bpm.engine.TaskService;
import org.camunda.bpm.engine.runtime.Job;
import org.camunda.bpm.engine.runtime.ProcessInstance;
import org.camunda.bpm.engine.task.Task;
import org.springframework.stereotype.Component;

/**
 * Moves a pathway on as its users would: completes its open task of a given key with the values a form
 * submits, and runs the jobs that are due. Used to lay out the demo patients and by end-to-end tests.
 */
@Component
public class PathwayDriver {

    private static final org.slf4j.Logger log = org.slf4j.LoggerFactory.getLogger(PathwayDriver.class);

    private static final int MAX_JOB_ROUNDS = 50;

    private final TaskService tasks;
    private final RuntimeService runtime;
    private final ManagementService management;

    public PathwayDriver(TaskService tasks, RuntimeService runtime, ManagementService management) {
        this.tasks = tasks;
        this.runtime = runtime;
        this.management = management;
    }

    public Task openTask(String pathwayId, String taskKey) {
        List<Task> open = tasks.createTaskQuery().processInstanceBusinessKey(pathwayId).taskDefinitionKey(taskKey).list();
        if (open.size() != 1) {
            throw new IllegalStateException("pathway " + pathwayId + " has " + open.size() + " open '" + taskKey + "' tasks");
        }
        return open.get(0);
    }

    /** Runs what is due first (a timer may be what opens the task), then completes the task and runs what follows. */
    public void complete(String pathwayId, String taskKey, Map<String, Object> formValues) {
        runDueJobs(pathwayId);
        tasks.complete(openTask(pathwayId, taskKey).getId(), formValues);
        runDueJobs(pathwayId);
    }

    /**
     * Runs every job of the pathway that is due now, until none is left. A job the job executor took first is
     * skipped: it runs there. A job that fails is left to the engine, as the job executor would leave it: its
     * retry is scheduled, and an incident shows in Cockpit when the retries run out.
     */
    public void runDueJobs(String pathwayId) {
        for (int round = 0; round < MAX_JOB_ROUNDS; round++) {
            List<Job> due = dueJobs(pathwayId);
            if (due.isEmpty()) {
                return;
            }
            for (Job job : due) {
                try {
                    management.executeJob(job.getId());
                } catch (OptimisticLockingException takenElsewhere) {
                    // the job executor ran it
                } catch (RuntimeException failed) {
                    log.warn("Pathway {}: job {} failed and is left to its retries: {}", pathwayId, job.getId(),
                            failed.getClass().getSimpleName());
                }
            }
        }
        throw new IllegalStateException("pathway " + pathwayId + " still has due jobs after " + MAX_JOB_ROUNDS + " rounds");
    }

    private List<Job> dueJobs(String pathwayId) {
        return runtime.createProcessInstanceQuery().processInstanceBusinessKey(pathwayId).list().stream()
                .map(ProcessInstance::getId)
                .flatMap(id -> management.createJobQuery().processInstanceId(id).executable().list().stream())
                .toList();
    }
}
