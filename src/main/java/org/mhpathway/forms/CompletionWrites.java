package org.mhpathway.forms;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityCache;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSession;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ByteArrayEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;

/**
 * The variables a task's completion changes: those its caller sent that differ from what was recorded before.
 *
 * <p>When a task completes, the engine first sets the caller's variables, then fires the {@code complete} listeners,
 * all in one command whose writes reach the database only at its end. So, when {@link TaskFormCheck} runs, a variable
 * of the instance created in this command is one the caller sent, and one written in this command (its cached entity
 * is dirty) is one the caller sent again; whether it changed is told by the row still in the database, read through
 * the command's own connection. A value sent again unchanged (Tasklist sends the read-only {@code pathwayId} back as
 * it showed it) is no change.
 */
final class CompletionWrites {

    private CompletionWrites() {
    }

    /** The names of the variables of this process instance that the command has changed so far. */
    static List<String> changed(CommandContext command, String processInstanceId) {
        DbEntityCache cache = command.getDbEntityManager().getDbEntityCache();
        List<String> changed = new ArrayList<>();
        for (VariableInstanceEntity variable : cache.getEntitiesByType(VariableInstanceEntity.class)) {
            if (!processInstanceId.equals(variable.getProcessInstanceId())) {
                continue;
            }
            CachedDbEntity cached = cache.getCachedEntity(variable);
            if (cached == null) {
                continue;
            }
            boolean isChanged = switch (cached.getEntityState()) {
                // created now: a change unless it holds nothing (Tasklist sends an empty read-only field as null)
                case TRANSIENT -> !"null".equals(variable.getSerializerName());
                // written now (every write counts up its sequence counter): a change if the value differs
                case PERSISTENT, MERGED -> cached.isDirty() && differsFromDatabase(command.getDbSqlSession(), variable);
                default -> false;
            };
            if (isChanged) {
                changed.add(variable.getName());
            }
        }
        return changed;
    }

    private static boolean differsFromDatabase(DbSqlSession session, VariableInstanceEntity now) {
        // MyBatis keeps what a statement read for the session; the row must come from the database itself
        session.getSqlSession().clearCache();
        VariableInstanceEntity before = session.selectById(VariableInstanceEntity.class, now.getId());
        if (before == null) {
            return true;
        }
        return !Objects.equals(before.getSerializerName(), now.getSerializerName())
                || !Objects.equals(before.getTextValue(), now.getTextValue())
                || !Objects.equals(before.getTextValue2(), now.getTextValue2())
                || !Objects.equals(before.getLongValue(), now.getLongValue())
                || !Objects.equals(before.getDoubleValue(), now.getDoubleValue())
                || !Arrays.equals(bytes(session, before.getByteArrayValueId()), now.getByteArrayValue());
    }

    private static byte[] bytes(DbSqlSession session, String byteArrayId) {
        if (byteArrayId == null) {
            return null;
        }
        ByteArrayEntity stored = session.selectById(ByteArrayEntity.class, byteArrayId);
        return stored == null ? null : stored.getBytes();
    }
}
