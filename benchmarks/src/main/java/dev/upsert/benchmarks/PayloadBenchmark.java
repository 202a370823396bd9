package dev.upsert.benchmarks;

import dev.upsert.UpsertOptions;
import dev.upsert.dialect.PostgresDialect;
import dev.upsert.hibernate.UpsertSession;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The library's default path on PostgreSQL for a table with a {@code jsonb} and a {@code bytea}
 * column, whole columns bound as arrays, against the same calls with every value bound by itself
 * (multi-row VALUES, as a chunk is sent where one of its values has no array form). Each run
 * starts from the same table (half the batch present, 40% of it changed), vacuumed and
 * checkpointed; the table shows the median of the runs after a warm-up.
 *
 * <pre>
 * java -Xms4g -Xmx4g -cp benchmarks/target/benchmarks.jar dev.upsert.benchmarks.PayloadBenchmark [jdbc-url] [rows] [runs]
 * </pre>
 */
public final class PayloadBenchmark {

    private PayloadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Map<String, UpsertOptions> paths = new LinkedHashMap<>();
        paths.put("arrays (default)", UpsertOptions.defaults());
        paths.put("value by value", UpsertOptions.builder().dialect(new PostgresDialect(false)).build());
        try (SessionFactory factory = new MetadataSources(new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_JDBC_URL, url)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "create-drop")
                .build()).addAnnotatedClass(BenchDoc.class).buildMetadata().buildSessionFactory()) {
            Map<String, Supplier<Medians.Call>> calls = new LinkedHashMap<>();
            paths.forEach((name, options) -> calls.put(name, () -> {
                reset(factory, url, rows);
                List<BenchDoc> batch = docs(rows, 1);
                return () -> factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(batch, options));
            }));
            Medians.print("path", rows, runs, calls);
        }
    }

    /** The table as every run finds it: the batch's first half present, vacuumed and checkpointed. */
    private static void reset(SessionFactory factory, String url, int rows) {
        factory.inTransaction(s -> s.createNativeMutationQuery("truncate bench_doc").executeUpdate());
        List<BenchDoc> present = docs(rows, 0);
        factory.inTransaction(s -> UpsertSession.wrap(s).upsertAll(present));
        try (var connection = java.sql.DriverManager.getConnection(url); var statement = connection.createStatement()) {
            statement.execute("vacuum analyze bench_doc");
            statement.execute("checkpoint");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Round 0: the present rows; round 1: half of them again (40% changed), half new. */
    private static List<BenchDoc> docs(int rows, int round) {
        List<BenchDoc> docs = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            boolean changed = i % 10 < 4;
            Map<String, Object> payload = new LinkedHashMap<>();
            payload.put("i", i);
            payload.put("tags", List.of("a", "b\"q", "c"));
            payload.put("note", "row " + i + (changed ? " v" + round : ""));
            byte[] digest = new byte[32];
            for (int b = 0; b < digest.length; b++) {
                digest[b] = (byte) (i * 31 + b);
            }
            docs.add(new BenchDoc("s" + i % 7, "c" + (i % 2 == 0 ? i : i + rows * round), "name " + i, payload, digest));
        }
        return docs;
    }
}
