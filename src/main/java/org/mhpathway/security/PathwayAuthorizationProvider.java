package org.mhpathway.security;

import org.camunda.bpm.engine.impl.cfg.auth.DefaultAuthorizationProvider;
import org.camunda.bpm.engine.impl.persistence.entity.AuthorizationEntity;
import org.camunda.bpm.engine.task.Task;

/**
 * Camunda's default authorizations, except that a task gets none of its own. By default the engine writes a grant per
 * task for each candidate group, candidate user, assignee and owner, and the task query joins those rows task by
 * task: at national load (docs/performance.md) a ward's list cost grew with tasks x authorizations. Here the groups'
 * grants are on the process definitions they work ({@link GroupAuthorizations}), a dozen rows per group whatever the
 * number of patients, and {@link TaskWorkGuard} keeps claiming, completing and commenting to a task's candidates.
 */
class PathwayAuthorizationProvider extends DefaultAuthorizationProvider {

    @Override
    public AuthorizationEntity[] newTaskAssignee(Task task, String oldAssignee, String newAssignee) {
        return null;
    }

    @Override
    public AuthorizationEntity[] newTaskOwner(Task task, String oldOwner, String newOwner) {
        return null;
    }

    @Override
    public AuthorizationEntity[] newTaskUserIdentityLink(Task task, String userId, String type) {
        return null;
    }

    @Override
    public AuthorizationEntity[] newTaskGroupIdentityLink(Task task, String groupId, String type) {
        return null;
    }
}
