package org.mhpathway.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.SchemaOperationsCommand;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.stereotype.Component;

/**
 * The engine's schema step, as the service needs it: locked against the other nodes of a cluster, and followed by
 * the indexes that Camunda's own schema lacks for this service's load.
 *
 * <p><b>The lock.</b> Lets the nodes of a cluster start at the same moment on an empty PostgreSQL database. Camunda
 * locks deployments against each other but not the creation of its tables: every node found no tables, every node
 * created them, and all but one failed to start ({@code duplicate key value violates unique constraint
 * "pg_type_typname_nsp_index"}). The schema step now first takes a PostgreSQL advisory lock that lasts until its
 * transaction ends. The first node creates the tables; the others wait, then find them and go on. PostgreSQL creates
 * tables inside the transaction, so a waiting node never sees half a schema.
 *
 * <p><b>The indexes</b> (measured in {@code docs/performance.md}, national load), created when missing, in the same
 * transaction and under the same lock:
 * <ul>
 *   <li>{@code ACT_RU_TASK(PARENT_TASK_ID_)}: completing any task asks for its subtasks by this column, which Camunda
 *   does not index; without it every completion reads every open task of the installation.</li>
 *   <li>{@code ACT_RU_JOB(DUEDATE_)}: the job executor asks for the jobs due now, soonest first
 *   ({@code jobExecutorAcquireByDueDate}, every job with a due date: {@code ensureJobDueDateNotNull}, both in
 *   {@code application.yml}); with this index it reads the due jobs only, not every waiting timer and the dead rows
 *   of every job run since the table was last vacuumed. A job written without a due date, before these settings,
 *   is given its creation time here, or it would never be acquired.</li>
 *   <li>{@code ACT_RU_VARIABLE(TEXT_)} of the variables named {@code ward}, on PostgreSQL: a nurse's own ward is
 *   Tasklist's list searched for the process variable {@code ward}. Camunda's index of variables by name finds every
 *   {@code ward} variable of the installation (about four per live pathway) and reads each to compare its value, so
 *   the ward's list grew with the country; this one finds that ward's variables only. A hash index, partial: it
 *   holds no other variable, so writing the rest costs nothing more, and a hash has no limit on the value's length,
 *   as a B-tree has. H2, the single-user default, has neither and does without.</li>
 * </ul>
 * Named {@code MHP_IDX_*}, so that they never collide with an index of a later Camunda schema.
 */
@Component
class EngineSchema implements ProcessEnginePlugin {

    /** Any number that no other advisory lock on the database uses: "mhpath" in ASCII. */
    static final long LOCK = 0x6d6870617468L;

    static final List<String> INDEXES = List.of(
            "create index if not exists MHP_IDX_TASK_PARENT on ACT_RU_TASK (PARENT_TASK_ID_)",
            "create index if not exists MHP_IDX_JOB_DUEDATE on ACT_RU_JOB (DUEDATE_)");

    /** The name of the variable that says which ward a person is on ({@code PathwayVariables.WARD}). */
    static final String WARD_VARIABLE = "ward";

    static final List<String> POSTGRES_INDEXES = List.of(
            "create index if not exists MHP_IDX_VAR_WARD on ACT_RU_VARIABLE using hash (TEXT_) where NAME_ = '"
                    + WARD_VARIABLE + "'");

    private static final String JOBS_WITHOUT_DUE_DATE =
            "update ACT_RU_JOB set DUEDATE_ = coalesce(CREATE_TIME_, current_timestamp) where DUEDATE_ is null";

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        boolean postgres = "postgres".equals(configuration.getDatabaseType());
        boolean everyJobDue = configuration.isEnsureJobDueDateNotNull();
        SchemaOperationsCommand schemaOperations = configuration.getSchemaOperationsCommand();
        configuration.setSchemaOperationsCommand(commandContext -> {
            Connection connection = commandContext.getDbSqlSession().getSqlSession().getConnection();
            if (postgres) {
                run(connection, List.of("select pg_advisory_xact_lock(" + LOCK + ")"), "lock the database schema");
            }
            schemaOperations.execute(commandContext);
            run(connection, INDEXES, "create the service's indexes on the engine's tables");
            if (postgres) {
                run(connection, POSTGRES_INDEXES, "create the service's indexes on the engine's tables");
            }
            if (everyJobDue) {
                run(connection, List.of(JOBS_WITHOUT_DUE_DATE), "give every job a due date");
            }
            return null;
        });
    }

    private static void run(Connection connection, List<String> statements, String what) {
        try (Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot " + what + " in the engine's schema step", e);
        }
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
    }
}
