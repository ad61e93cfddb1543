package org.mhpathway.security;

import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.AuthorizationException;
import org.camunda.bpm.engine.authorization.Groups;
import org.camunda.bpm.engine.impl.identity.Authentication;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.IdentityLinkEntity;
import org.camunda.bpm.engine.impl.persistence.entity.TaskEntity;
import org.camunda.bpm.engine.task.IdentityLinkType;

/**
 * Which task a user may work. The groups' grants are on whole process definitions ({@link GroupAuthorizations}); this
 * narrows claiming, completing, resolving, raising an error from, and commenting on or attaching to a task to its
 * candidates, as Camunda's per-task grants would have. Run by the engine's own task and form services
 * ({@link GuardedTaskService}, {@link GuardedFormService}) before the command itself, so Tasklist, {@code /engine-rest}
 * and Java callers meet the same rule.
 * <ul>
 *   <li>work: a member of one of the task's candidate groups, a candidate user, or its assignee;</li>
 *   <li>claim or assign: only to oneself, and only as a candidate; giving the task back: a candidate or the assignee.
 *       An administrator may assign a task to anyone who exists and is one of its candidates;</li>
 *   <li>a comment or attachment on a process instance rather than a task: administrators only.</li>
 * </ul>
 * Calls without an authenticated user (the job executor, the service's own code behind {@code /api}) and calls with
 * authorization checks off are not checked: they act for the service, not for a person.
 */
final class TaskWorkGuard {

    private TaskWorkGuard() {
    }

    /** A user works the task (complete, resolve, error, escalation, comment, attachment). */
    static Command<Void> work(String taskId) {
        return cc -> {
            check(cc, taskId, false, null);
            return null;
        };
    }

    /** A user sets the task's assignee ({@code null}: gives it back). */
    static Command<Void> assign(String taskId, String newAssignee) {
        return cc -> {
            check(cc, taskId, true, newAssignee);
            return null;
        };
    }

    /** A comment or attachment on a process instance, not on one of its tasks. */
    static Command<Void> annotateInstance(String processInstanceId) {
        return cc -> {
            Authentication user = actingUser(cc);
            if (user != null && !administrator(user)) {
                throw refused(user, "UPDATE", "ProcessInstance", processInstanceId);
            }
            return null;
        };
    }

    private static void check(CommandContext cc, String taskId, boolean assigning, String newAssignee) {
        Authentication user = actingUser(cc);
        if (user == null || taskId == null) {
            return;
        }
        TaskEntity task = cc.getTaskManager().findTaskById(taskId);
        if (administrator(user)) {
            if (assigning && newAssignee != null && task != null && !isCandidate(cc, task, newAssignee)) {
                throw refused(user, "TASK_ASSIGN", "Task", taskId);
            }
            return;
        }
        if (task == null) {
            // a task that is not open: nobody but an administrator annotates it; the commands answer "not found"
            return;
        }
        boolean candidate = isCandidate(task, user.getUserId(), user.getGroupIds());
        boolean assignee = user.getUserId().equals(task.getAssignee());
        boolean allowed;
        if (!assigning) {
            allowed = candidate || assignee;
        } else if (newAssignee == null) {
            allowed = candidate || assignee;
        } else {
            allowed = candidate && newAssignee.equals(user.getUserId());
        }
        if (!allowed) {
            throw refused(user, assigning ? "TASK_ASSIGN" : "TASK_WORK", "Task", taskId);
        }
    }

    /** The user acting, or null when the call acts for the service itself. */
    private static Authentication actingUser(CommandContext cc) {
        Authentication user = cc.getAuthentication();
        if (user == null || user.getUserId() == null || !cc.isAuthorizationCheckEnabled()) {
            return null;
        }
        return user;
    }

    private static boolean administrator(Authentication user) {
        return user.getGroupIds() != null && user.getGroupIds().contains(Groups.CAMUNDA_ADMIN);
    }

    static boolean isCandidate(TaskEntity task, String userId, List<String> groupIds) {
        for (IdentityLinkEntity link : task.getIdentityLinks()) {
            if (!IdentityLinkType.CANDIDATE.equals(link.getType())) {
                continue;
            }
            if (link.getGroupId() != null && groupIds != null && groupIds.contains(link.getGroupId())) {
                return true;
            }
            if (Objects.equals(link.getUserId(), userId)) {
                return true;
            }
        }
        return false;
    }

    /** An existing user who is one of the task's candidates. */
    private static boolean isCandidate(CommandContext cc, TaskEntity task, String userId) {
        var identity = cc.getProcessEngineConfiguration().getIdentityService();
        if (identity.createUserQuery().userId(userId).count() == 0) {
            return false;
        }
        List<String> groups = identity.createGroupQuery().groupMember(userId).list().stream()
                .map(org.camunda.bpm.engine.identity.Group::getId).toList();
        return isCandidate(task, userId, groups);
    }

    private static AuthorizationException refused(Authentication user, String permission, String resource, String id) {
        return new AuthorizationException(user.getUserId(), permission, resource, id);
    }
}
