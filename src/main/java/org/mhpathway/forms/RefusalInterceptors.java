package org.mhpathway.forms;

import org.camunda.bpm.engine.impl.context.Context;
import org.camunda.bpm.engine.impl.interceptor.Command;
import org.camunda.bpm.engine.impl.interceptor.CommandInterceptor;

/**
 * Gives a refusal thrown inside the engine back to the caller as itself. The engine wraps whatever a task listener
 * throws in a plain {@code ProcessEngineException} ("ENGINE-03051 There was an exception while invoking the
 * TaskListener"), which it logs as an ERROR, and Camunda's REST resources answer every ProcessEngineException from
 * {@code task/{id}/complete} and {@code submit-form} as a 500. Two interceptors around every command undo that:
 *
 * <ul>
 *   <li>{@link #inside()}, within the command's context: takes the {@link TaskValuesRefusal} out of the wrapper, so
 *       the command fails with the refusal itself. The command is rolled back as before; being a
 *       {@code BadUserRequestException}, it is logged at DEBUG.
 *   <li>{@link #outermost()}, around the whole command and its transaction: turns the refusal into
 *       {@link InvalidTaskValuesException}, which the REST resources do not catch, so it reaches
 *       {@link InvalidTaskValuesMapper}. Only the outermost command does this: within a command (a delegate that
 *       completes a task) the refusal stays an engine exception, for the outer command to fail with.
 * </ul>
 */
final class RefusalInterceptors {

    private RefusalInterceptors() {
    }

    static CommandInterceptor inside() {
        return new CommandInterceptor() {
            @Override
            public <T> T execute(Command<T> command) {
                try {
                    return next.execute(command);
                } catch (RuntimeException e) {
                    TaskValuesRefusal refusal = refusalIn(e);
                    throw refusal != null ? refusal : e;
                }
            }
        };
    }

    static CommandInterceptor outermost() {
        return new CommandInterceptor() {
            @Override
            public <T> T execute(Command<T> command) {
                boolean outermost = Context.getCommandContext() == null;
                try {
                    return next.execute(command);
                } catch (RuntimeException e) {
                    TaskValuesRefusal refusal = outermost ? refusalIn(e) : null;
                    throw refusal != null ? new InvalidTaskValuesException(refusal.problems()) : e;
                }
            }
        };
    }

    private static TaskValuesRefusal refusalIn(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof TaskValuesRefusal refusal) {
                return refusal;
            }
        }
        return null;
    }
}
