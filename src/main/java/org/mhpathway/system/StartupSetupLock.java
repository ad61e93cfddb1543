package org.mhpathway.system;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.springframework.stereotype.Component;

/**
 * Lets one node at a time set up what every installation needs at start (the identity directory, the groups'
 * grants; in the demo its users, partners and patients) when several nodes start at once on one PostgreSQL database.
 * Each set-up checks before it creates, but two nodes checking at the same moment both found nothing, both created,
 * and the second's insert failed on a unique key: the engine logged it as an ERROR, and a demo node died of it ("The
 * user already exists"). With the lock the second node waits, then finds everything there. A session-level advisory
 * lock on a connection of its own, held only while the set-up runs; on H2, which one node alone uses, none is needed.
 */
@Component
public class StartupSetupLock {

    /** Any number no other advisory lock on the database uses: "mhset" in ASCII. */
    static final long LOCK = 0x6d68736574L;

    private final DataSource dataSource;

    public StartupSetupLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs {@code setUp} while no other node runs its own. */
    public void run(Runnable setUp) {
        try (Connection connection = dataSource.getConnection()) {
            boolean postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
            if (!postgres) {
                setUp.run();
                return;
            }
            lock(connection, "select pg_advisory_lock(?)");
            try {
                setUp.run();
            } finally {
                lock(connection, "select pg_advisory_unlock(?)");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot take the database's start-up lock", e);
        }
    }

    private static void lock(Connection connection, String sql) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setLong(1, LOCK);
            statement.execute();
        }
    }
}
