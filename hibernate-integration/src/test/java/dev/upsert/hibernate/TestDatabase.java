package dev.upsert.hibernate;

import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * Where the integration tests find their databases, in this order: a URL from the environment
 * ({@code UPSERT_TEST_POSTGRES_URL}, {@code _USER}, {@code _PASSWORD}); a Testcontainers container
 * where Docker runs; the local server at 127.0.0.1:5432. A database that cannot be reached fails
 * the test when {@code CI=true} and skips it otherwise.
 */
record TestDatabase(String url, String user, String password) {

    private static TestDatabase postgres;

    static synchronized TestDatabase postgres() {
        if (postgres == null) {
            postgres = locatePostgres();
        }
        return postgres;
    }

    static TestDatabase h2(String name) {
        return new TestDatabase("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1", "sa", "");
    }

    private static TestDatabase locatePostgres() {
        String url = System.getenv("UPSERT_TEST_POSTGRES_URL");
        if (url != null && !url.isBlank()) {
            return reachable(new TestDatabase(url, env("UPSERT_TEST_POSTGRES_USER", "postgres"),
                    env("UPSERT_TEST_POSTGRES_PASSWORD", "")));
        }
        if (dockerAvailable()) {
            PostgreSQLContainer container = new PostgreSQLContainer("postgres:15-alpine");
            container.start();
            return new TestDatabase(container.getJdbcUrl(), container.getUsername(), container.getPassword());
        }
        return reachable(new TestDatabase("jdbc:postgresql://127.0.0.1:5432/test", "postgres", ""));
    }

    private static boolean dockerAvailable() {
        try {
            return DockerClientFactory.instance().isDockerAvailable();
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }

    private static TestDatabase reachable(TestDatabase database) {
        try (Connection ignored = DriverManager.getConnection(database.url, database.user, database.password)) {
            return database;
        } catch (SQLException e) {
            String message = "No PostgreSQL at " + database.url + ": " + e.getMessage()
                    + ". Start the local server or set UPSERT_TEST_POSTGRES_URL.";
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

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }
}
