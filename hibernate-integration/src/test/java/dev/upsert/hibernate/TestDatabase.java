package dev.upsert.hibernate;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.JdbcDatabaseContainer;
import org.testcontainers.mariadb.MariaDBContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Where the integration tests find their databases. For a server database, in this order: a URL
 * from the environment ({@code UPSERT_TEST_POSTGRES_URL} or {@code UPSERT_TEST_MARIADB_URL}, with
 * {@code _USER} and {@code _PASSWORD}); a Testcontainers container where Docker runs; the local
 * server. A database that cannot be reached fails the test when {@code CI=true} and skips it
 * otherwise. H2 and SQLite are embedded.
 *
 * @param quote how the database quotes an identifier, for the tests' own SQL
 */
public record TestDatabase(String url, String user, String password, char quote) {

    private static TestDatabase postgres;
    private static TestDatabase mariadb;

    public static synchronized TestDatabase postgres() {
        if (postgres == null) {
            postgres = locate("POSTGRES", () -> new PostgreSQLContainer("postgres:15-alpine"),
                    new TestDatabase("jdbc:postgresql://127.0.0.1:5432/test", "postgres", "", '"'));
        }
        return postgres;
    }

    public static synchronized TestDatabase mariadb() {
        if (mariadb == null) {
            mariadb = locate("MARIADB", () -> new MariaDBContainer("mariadb:10.11"),
                    new TestDatabase("jdbc:mariadb://127.0.0.1:3306/test", "root", "", '`'));
        }
        return mariadb;
    }

    static TestDatabase h2(String name) {
        return new TestDatabase("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "", '"');
    }

    static TestDatabase sqlite(String name) {
        try {
            Path file = Files.createTempFile(name, ".sqlite");
            file.toFile().deleteOnExit();
            return new TestDatabase("jdbc:sqlite:" + file, "", "", '"');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static TestDatabase locate(String name, Supplier<JdbcDatabaseContainer<?>> container, TestDatabase local) {
        String url = System.getenv("UPSERT_TEST_" + name + "_URL");
        if (url != null && !url.isBlank()) {
            return reachable(new TestDatabase(url, env("UPSERT_TEST_" + name + "_USER", local.user),
                    env("UPSERT_TEST_" + name + "_PASSWORD", local.password), local.quote));
        }
        if (dockerAvailable()) {
            JdbcDatabaseContainer<?> started = container.get();
            started.start();
            return new TestDatabase(started.getJdbcUrl(), started.getUsername(), started.getPassword(), local.quote);
        }
        return reachable(local);
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static TestDatabase reachable(TestDatabase database) {
        try (Connection ignored = database.connect()) {
            return database;
        } catch (SQLException e) {
            String message = "No database at " + database.url + ": " + e.getMessage()
                    + ". Start the local server or set the UPSERT_TEST_..._URL variable (see README).";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                throw new IllegalStateException(message, e);
            }
            Assumptions.abort(message);
            return null;
        }
    }

    private static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null ? fallback : value;
    }

    /** The same database with one more connection parameter, {@code name=value}. */
    public TestDatabase with(String parameter) {
        return new TestDatabase(url + (url.contains("?") ? "&" : "?") + parameter, user, password, quote);
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Runs one statement on a connection of its own, such as what the schema tooling does not create. */
    void execute(String sql) {
        try (Connection connection = connect(); var statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    /** The identifier quoted for this database. */
    String q(String identifier) {
        return quote + identifier + quote;
    }

    boolean is(String product) {
        return url.toLowerCase(Locale.ROOT).startsWith("jdbc:" + product);
    }
}
