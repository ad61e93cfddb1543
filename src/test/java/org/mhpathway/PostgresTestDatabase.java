package org.mhpathway;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A throwaway database on the PostgreSQL at 127.0.0.1:5432 (override with PGHOST, PGPORT, PGUSER, PGPASSWORD),
 * created for one test class and dropped after it. In CI (CI=true) PostgreSQL is required; elsewhere tests
 * that need it are skipped with a message saying how to enable them.
 */
public final class PostgresTestDatabase {

    /**
     * What every test database's name starts with; set MHPATHWAY_TEST_DB_PREFIX (lower case letters, digits and
     * underscores) when several checkouts share one PostgreSQL, so that each cleans up only its own leftovers.
     */
    public static final String PREFIX = prefix();

    private final String prefix;
    private final String name;

    public PostgresTestDatabase() {
        this(PREFIX);
    }

    /** A database whose name starts with {@code prefix}; leftovers of earlier runs with the same prefix are dropped. */
    public PostgresTestDatabase(String prefix) {
        this.prefix = prefix;
        this.name = prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String prefix() {
        String prefix = System.getenv().getOrDefault("MHPATHWAY_TEST_DB_PREFIX", "mhpathway_test_");
        if (!prefix.matches("[a-z][a-z0-9_]{0,30}")) {
            throw new IllegalStateException("MHPATHWAY_TEST_DB_PREFIX must be lower case letters, digits and underscores");
        }
        return prefix;
    }

    public static String host() {
        return System.getenv().getOrDefault("PGHOST", "127.0.0.1");
    }

    public static String port() {
        return System.getenv().getOrDefault("PGPORT", "5432");
    }

    public static String user() {
        return System.getenv().getOrDefault("PGUSER", "postgres");
    }

    public static String password() {
        return System.getenv().getOrDefault("PGPASSWORD", "");
    }

    /** True when PostgreSQL answers, or when CI requires it (so the tests run and fail loudly without it). */
    public static boolean availableOrRequired() {
        if ("true".equals(System.getenv("CI"))) {
            return true;
        }
        try (Connection ignored = admin()) {
            return true;
        } catch (SQLException e) {
            System.out.println("PostgreSQL tests skipped: nothing answers at " + host() + ":" + port()
                    + ". Start PostgreSQL there (user " + user() + ", or set PGHOST/PGPORT/PGUSER/PGPASSWORD) to run them.");
            return false;
        }
    }

    public String name() {
        return name;
    }

    public String url() {
        return "jdbc:postgresql://" + host() + ":" + port() + "/" + name;
    }

    public PostgresTestDatabase create() {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            dropLeftovers(s, prefix);
            s.execute("create database " + name);
            return this;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create test database " + name + " at " + host() + ":" + port(), e);
        }
    }

    /**
     * Creates the database for a Spring Boot test and points the service at it with the {@code postgres} profile's
     * settings ({@code DB_URL}, {@code DB_USER}, {@code DB_PASSWORD}). It is dropped when the JVM ends, after the
     * service has stopped ({@code @DirtiesContext}): an engine that stops on a database dropped under it waits for
     * connections that never come.
     */
    public void createFor(org.springframework.test.context.DynamicPropertyRegistry registry) {
        create();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                drop();
            } catch (RuntimeException e) {
                System.err.println("Could not drop " + name + ": " + e.getMessage());
            }
        }));
        registry.add("DB_URL", this::url);
        registry.add("DB_USER", PostgresTestDatabase::user);
        registry.add("DB_PASSWORD", PostgresTestDatabase::password);
    }

    public void drop() {
        try (Connection c = admin(); Statement s = c.createStatement()) {
            s.execute("drop database if exists " + name + " with (force)");
        } catch (SQLException e) {
            throw new IllegalStateException("cannot drop test database " + name, e);
        }
    }

    /** Databases of earlier runs that were killed before they could drop their own. */
    private static void dropLeftovers(Statement s, String prefix) throws SQLException {
        List<String> old = new ArrayList<>();
        try (ResultSet rs = s.executeQuery("select datname from pg_database where starts_with(datname, '" + prefix + "')"
                + " and not exists (select 1 from pg_stat_activity a where a.datname = pg_database.datname)")) {
            while (rs.next()) {
                old.add(rs.getString(1));
            }
        }
        for (String db : old) {
            s.execute("drop database if exists " + db);
        }
    }

    private static Connection admin() throws SQLException {
        return DriverManager.getConnection("jdbc:postgresql://" + host() + ":" + port() + "/postgres", user(), password());
    }
}
