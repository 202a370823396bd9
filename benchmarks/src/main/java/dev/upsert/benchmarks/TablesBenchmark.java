package dev.upsert.benchmarks;

import dev.upsert.hibernate.UpsertSession;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What an entity's second table costs the library's default path: one record of six attributes
 * stored in one table, in a JOINED hierarchy's two tables (three attributes each), and in a main
 * table with a secondary table. Each run starts from the same tables (half the batch present,
 * 40% of it changed in both tables); the table shows the median of the runs after a warm-up.
 * Works on PostgreSQL and MariaDB.
 *
 * <pre>
 * java -Xms4g -Xmx4g -cp benchmarks/target/benchmarks.jar dev.upsert.benchmarks.TablesBenchmark [jdbc-url] [rows] [runs]
 * </pre>
 */
public final class TablesBenchmark {

    private TablesBenchmark() {
    }

    public static void main(String[] args) {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
        int rows = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 5;
        Map<String, Supplier<BenchShapes.Main>> shapes = new LinkedHashMap<>();
        shapes.put("one table", BenchShapes.Flat::new);
        shapes.put("JOINED type, two tables", BenchShapes.Joined::new);
        shapes.put("secondary table", BenchShapes.Split::new);
        try (SessionFactory factory = new MetadataSources(new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_JDBC_URL, url)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "create-drop")
                .build()).addAnnotatedClass(BenchShapes.Flat.class).addAnnotatedClass(BenchShapes.Root.class)
                .addAnnotatedClass(BenchShapes.Joined.class).addAnnotatedClass(BenchShapes.Split.class)
                .buildMetadata().buildSessionFactory()) {
            Map<String, Supplier<Medians.Call>> calls = new LinkedHashMap<>();
            shapes.forEach((name, shape) -> calls.put(name, () -> {
                reset(factory, shape, rows);
                List<BenchShapes.Main> batch = records(shape, rows, 1);
                return () -> factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(batch));
            }));
            Medians.print("shape", rows, runs, calls);
        }
    }

    /** The tables as every run finds them: the batch's first half present, as written by the library. */
    private static void reset(SessionFactory factory, Supplier<BenchShapes.Main> shape, int rows) {
        factory.inTransaction(s -> {
            for (String table : List.of("bench_flat", "bench_joined", "bench_root", "bench_split_rest", "bench_split")) {
                s.createNativeMutationQuery("delete from " + table).executeUpdate();
            }
        });
        List<BenchShapes.Main> present = records(shape, rows, 0);
        factory.inTransaction(s -> UpsertSession.wrap(s).upsertAll(present));
    }

    /** Round 0: the present rows; round 1: half of them again (40% changed in each table), half new. */
    private static List<BenchShapes.Main> records(Supplier<BenchShapes.Main> shape, int rows, int round) {
        List<BenchShapes.Main> records = new ArrayList<>(rows);
        for (int i = 0; i < rows; i++) {
            String suffix = i % 10 < 4 ? " v" + round : "";
            records.add(shape.get().with("s" + i % 7, "c" + (i % 2 == 0 ? i : i + rows * round), "name " + i + suffix, i % 100,
                    BigDecimal.valueOf(i % 1000, 2),
                    new BenchShapes.Rest("note " + i + suffix, i % 5, java.time.LocalDate.of(2026, 1, 1).plusDays(i % 365))));
        }
        return records;
    }
}
