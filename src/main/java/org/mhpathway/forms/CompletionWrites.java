package org.mhpathway.forms;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.CachedDbEntity;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityCache;
import org.camunda.bpm.engine.impl.db.entitymanager.cache.DbEntityState;
import org.camunda.bpm.engine.impl.db.sql.DbSqlSession;
import org.camunda.bpm.engine.impl.interceptor.CommandContext;
import org.camunda.bpm.engine.impl.persistence.entity.ByteArrayEntity;
import org.camunda.bpm.engine.impl.persistence.entity.VariableInstanceEntity;

/**
 * The variables a task's completion sends, and which of them it changes.
 *
 * <p>When a task completes, the engine first sets the caller's variables, then fires the {@code complete} listeners,
 * all in one command whose writes reach the database only at its end. So, when {@link TaskFormCheck} runs, a variable
 * of the instance created in this command, or written in it (its cached entity is dirty: every write counts up its
 * sequence counter), is one the caller sent. Whether a value sent changes what was recorded is told by the row still
 * in the database, read through the command's own connection: a value sent back unchanged (Tasklist sends a
 * read-only field back as it showed it) is no change.
 */
final class CompletionWrites {

    private final CommandContext command;
    private final Map<String, VariableInstanceEntity> sent = new LinkedHashMap<>();

    private CompletionWrites(CommandContext command) {
        this.command = command;
    }

    /** What the command has written so far to the variables of this process instance. */
    static CompletionWrites of(CommandContext command, String processInstanceId) {
        CompletionWrites writes = new CompletionWrites(command);
        DbEntityCache cache = command.getDbEntityManager().getDbEntityCache();
        for (VariableInstanceEntity variable : cache.getEntitiesByType(VariableInstanceEntity.class)) {
            if (!processInstanceId.equals(variable.getProcessInstanceId())) {
                continue;
            }
            CachedDbEntity cached = cache.getCachedEntity(variable);
            boolean written = cached != null && switch (cached.getEntityState()) {
                case TRANSIENT -> true;
                case PERSISTENT, MERGED -> cached.isDirty();
                default -> false;
            };
            if (written) {
                writes.sent.put(variable.getName(), variable);
            }
        }
        return writes;
    }

    /** The names of the variables sent, whether or not their values changed. */
    Set<String> sent() {
        return sent.keySet();
    }

    /** Whether the variable sent under this name differs from what was recorded before the command. */
    boolean changes(String name) {
        VariableInstanceEntity now = sent.get(name);
        if (now == null) {
            return false;
        }
        CachedDbEntity cached = command.getDbEntityManager().getDbEntityCache().getCachedEntity(now);
        if (cached != null && cached.getEntityState() == DbEntityState.TRANSIENT) {
            // created now: a change unless it holds nothing (Tasklist sends an empty read-only field as null)
            return !"null".equals(now.getSerializerName());
        }
        return differsFromDatabase(command.getDbSqlSession(), now);
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
