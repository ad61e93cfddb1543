package org.mhpathway.security;

import java.io.InputStream;
import java.util.Map;
import org.camunda.bpm.engine.impl.TaskServiceImpl;
import org.camunda.bpm.engine.task.Attachment;
import org.camunda.bpm.engine.task.Comment;
import org.camunda.bpm.engine.variable.VariableMap;

/** Camunda's task service, with {@link TaskWorkGuard} before every call that works, assigns or annotates a task. */
class GuardedTaskService extends TaskServiceImpl {

    private void work(String taskId) {
        commandExecutor.execute(TaskWorkGuard.work(taskId));
    }

    private void annotate(String taskId, String processInstanceId) {
        commandExecutor.execute(taskId != null ? TaskWorkGuard.work(taskId)
                : TaskWorkGuard.annotateInstance(processInstanceId));
    }

    @Override
    public void claim(String taskId, String userId) {
        commandExecutor.execute(TaskWorkGuard.assign(taskId, userId));
        super.claim(taskId, userId);
    }

    @Override
    public void setAssignee(String taskId, String userId) {
        commandExecutor.execute(TaskWorkGuard.assign(taskId, userId));
        super.setAssignee(taskId, userId);
    }

    @Override
    public void delegateTask(String taskId, String userId) {
        commandExecutor.execute(TaskWorkGuard.assign(taskId, userId));
        super.delegateTask(taskId, userId);
    }

    @Override
    public void complete(String taskId, Map<String, Object> variables) {
        work(taskId);
        super.complete(taskId, variables);
    }

    @Override
    public VariableMap completeWithVariablesInReturn(String taskId, Map<String, Object> variables,
                                                     boolean deserializeValues) {
        work(taskId);
        return super.completeWithVariablesInReturn(taskId, variables, deserializeValues);
    }

    @Override
    public void resolveTask(String taskId) {
        work(taskId);
        super.resolveTask(taskId);
    }

    @Override
    public void resolveTask(String taskId, Map<String, Object> variables) {
        work(taskId);
        super.resolveTask(taskId, variables);
    }

    @Override
    public void handleBpmnError(String taskId, String errorCode) {
        work(taskId);
        super.handleBpmnError(taskId, errorCode);
    }

    @Override
    public void handleBpmnError(String taskId, String errorCode, String errorMessage) {
        work(taskId);
        super.handleBpmnError(taskId, errorCode, errorMessage);
    }

    @Override
    public void handleEscalation(String taskId, String escalationCode) {
        work(taskId);
        super.handleEscalation(taskId, escalationCode);
    }

    @Override
    public void handleBpmnError(String taskId, String errorCode, String errorMessage, Map<String, Object> variables) {
        work(taskId);
        super.handleBpmnError(taskId, errorCode, errorMessage, variables);
    }

    @Override
    public void handleEscalation(String taskId, String escalationCode, Map<String, Object> variables) {
        work(taskId);
        super.handleEscalation(taskId, escalationCode, variables);
    }

    @Override
    public Comment createComment(String taskId, String processInstanceId, String message) {
        annotate(taskId, processInstanceId);
        return super.createComment(taskId, processInstanceId, message);
    }

    @Override
    public void updateTaskComment(String taskId, String commentId, String message) {
        work(taskId);
        super.updateTaskComment(taskId, commentId, message);
    }

    @Override
    public void deleteTaskComment(String taskId, String commentId) {
        work(taskId);
        super.deleteTaskComment(taskId, commentId);
    }

    @Override
    public void deleteTaskComments(String taskId) {
        work(taskId);
        super.deleteTaskComments(taskId);
    }

    @Override
    public void updateProcessInstanceComment(String processInstanceId, String commentId, String message) {
        annotate(null, processInstanceId);
        super.updateProcessInstanceComment(processInstanceId, commentId, message);
    }

    @Override
    public void deleteProcessInstanceComment(String processInstanceId, String commentId) {
        annotate(null, processInstanceId);
        super.deleteProcessInstanceComment(processInstanceId, commentId);
    }

    @Override
    public void deleteProcessInstanceComments(String processInstanceId) {
        annotate(null, processInstanceId);
        super.deleteProcessInstanceComments(processInstanceId);
    }

    @Override
    public Attachment createAttachment(String attachmentType, String taskId, String processInstanceId,
                                       String attachmentName, String attachmentDescription, InputStream content) {
        annotate(taskId, processInstanceId);
        return super.createAttachment(attachmentType, taskId, processInstanceId, attachmentName, attachmentDescription,
                content);
    }

    @Override
    public Attachment createAttachment(String attachmentType, String taskId, String processInstanceId,
                                       String attachmentName, String attachmentDescription, String url) {
        annotate(taskId, processInstanceId);
        return super.createAttachment(attachmentType, taskId, processInstanceId, attachmentName, attachmentDescription,
                url);
    }

    @Override
    public void saveAttachment(Attachment attachment) {
        annotate(attachment.getTaskId(), attachment.getProcessInstanceId());
        super.saveAttachment(attachment);
    }

    @Override
    public void deleteAttachment(String attachmentId) {
        Attachment attachment = super.getAttachment(attachmentId);
        if (attachment != null) {
            annotate(attachment.getTaskId(), attachment.getProcessInstanceId());
        }
        super.deleteAttachment(attachmentId);
    }

    @Override
    public void deleteTaskAttachment(String taskId, String attachmentId) {
        work(taskId);
        super.deleteTaskAttachment(taskId, attachmentId);
    }
}
