package org.mhpathway.system;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.camunda.bpm.engine.ProcessEngine;
import org.camunda.bpm.engine.SchemaOperationsCommand;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.impl.cfg.ProcessEnginePlugin;
import org.springframework.stereotype.Component;

/**
 * Lets the nodes of a cluster start at the same moment on an empty PostgreSQL database. Camunda locks deployments
 * against each other but not the creation of its tables: every node found no tables, every node created them,
 * and all but one failed to start ({@code duplicate key value violates unique constraint
 * "pg_type_typname_nsp_index"}). The engine's schema step now first takes a PostgreSQL advisory lock that lasts
 * until its transaction ends. The first node creates the tables; the others wait, then find them and go on.
 * PostgreSQL creates tables inside the transaction, so a waiting node never sees half a schema.
 */
@Component
class SchemaCreationLock implements ProcessEnginePlugin {

    /** Any number that no other advisory lock on the database uses: "mhpath" in ASCII. */
    static final long LOCK = 0x6d6870617468L;

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
    }

    @Override
    public void postInit(ProcessEngineConfigurationImpl configuration) {
        if (!"postgres".equals(configuration.getDatabaseType())) {
            return;
        }
        SchemaOperationsCommand schemaOperations = configuration.getSchemaOperationsCommand();
        configuration.setSchemaOperationsCommand(commandContext -> {
            Connection connection = commandContext.getDbSqlSession().getSqlSession().getConnection();
            try (Statement statement = connection.createStatement()) {
                statement.execute("select pg_advisory_xact_lock(" + LOCK + ")");
            } catch (SQLException e) {
                throw new IllegalStateException("cannot lock the database schema for the engine's schema check", e);
            }
            return schemaOperations.execute(commandContext);
        });
    }

    @Override
    public void postProcessEngineBuild(ProcessEngine processEngine) {
    }
}
