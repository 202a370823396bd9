package dev.upsert.benchmarks;

import dev.upsert.UpsertResult;
import dev.upsert.hibernate.UpsertSession;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The library's default path on MariaDB against hand-written {@code INSERT ... ON DUPLICATE KEY
 * UPDATE} (multi-row VALUES, and single rows in JDBC batches) and the Hibernate loop that finds
 * each entity by natural id and then persists or modifies it, on {@link UpsertBenchmark}'s data:
 * half the batch new, 40% changed, 10% identical. The hand-written statements neither read ids
 * back nor count. Each technique runs {@code repeat} times per size, in turns, from the same
 * table; the table shows the median run.
 *
 * <pre>
 * java -Xms4g -Xmx4g -cp benchmarks/target/benchmarks.jar dev.upsert.benchmarks.MariaDbBenchmark \
 *     [jdbc-url] [sizes] [output.md]
 * </pre>
 */
public final class MariaDbBenchmark {

    private static final String COLUMNS = "source, code, name, qty, price, seen_at";
    private static final String UPDATE = " ON DUPLICATE KEY UPDATE name = VALUES(name), qty = VALUES(qty),"
            + " price = VALUES(price), seen_at = VALUES(seen_at)";

    private interface Technique {
        void run(List<BenchItem> items) throws Exception;
    }

    private final String url;
    private final SessionFactory factory;
    private final Connection jdbc;

    private MariaDbBenchmark(String url) throws SQLException {
        this.url = url;
        this.factory = new MetadataSources(new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_JDBC_URL, url)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "create")
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, "50")
                .build()).addAnnotatedClass(BenchItem.class).buildMetadata().buildSessionFactory();
        this.jdbc = DriverManager.getConnection(url);
        jdbc.setAutoCommit(false);
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:mariadb://127.0.0.1:3306/test?user=root";
        int[] sizes = java.util.Arrays.stream((args.length > 1 ? args[1] : "10000,100000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        Path output = Path.of(args.length > 2 ? args[2] : "BENCHMARKS-MariaDB.md");
        MariaDbBenchmark benchmark = new MariaDbBenchmark(url);
        try {
            benchmark.run(sizes, Integer.getInteger("repeat", 5), output);
        } finally {
            benchmark.jdbc.close();
            benchmark.factory.close();
        }
    }

    private void run(int[] sizes, int repeat, Path output) throws Exception {
        Map<String, Technique> techniques = new LinkedHashMap<>();
        techniques.put("library: upsertAll (default path)", this::library);
        techniques.put("Hibernate: find by natural id, then persist or modify (batch 50)", items -> BenchItem.findThenPersist(factory, items));
        techniques.put("JDBC: multi-row VALUES ... ON DUPLICATE KEY UPDATE (1000 rows)", this::multiRowValues);
        techniques.put("JDBC: single-row ON DUPLICATE KEY UPDATE, batches of 1000", this::batched);
        StringBuilder table = new StringBuilder("| technique | rows | seconds (fastest-slowest) | rows/s | ratio |\n"
                + "| --- | ---: | ---: | ---: | ---: |\n");
        for (int size : sizes) {
            for (Technique technique : techniques.values()) {
                reset(Math.min(size, 5_000));
                technique.run(BenchItem.batch(Math.min(size, 5_000)));   // warm-up
            }
            Map<String, List<Double>> seconds = new LinkedHashMap<>();
            List<Map.Entry<String, Technique>> order = new ArrayList<>(techniques.entrySet());
            for (int round = 0; round < repeat; round++) {
                for (Map.Entry<String, Technique> technique : order) {
                    reset(size);
                    List<BenchItem> items = BenchItem.batch(size);
                    System.gc();
                    long start = System.nanoTime();
                    technique.getValue().run(items);
                    double took = (System.nanoTime() - start) / 1e9;
                    verify(size);
                    seconds.computeIfAbsent(technique.getKey(), k -> new ArrayList<>()).add(took);
                    System.out.printf(Locale.ROOT, "  run %d: %-66s %8d rows %7.2f s%n", round + 1, technique.getKey(), size, took);
                }
                Collections.rotate(order, -1);
            }
            double best = seconds.entrySet().stream().filter(e -> e.getKey().startsWith("JDBC"))
                    .mapToDouble(e -> median(e.getValue())).min().orElse(Double.NaN);
            seconds.forEach((technique, runs) -> table.append(String.format(Locale.ROOT, "| %s | %d | %.2f (%.2f-%.2f) | %.0f | %.2f |%n",
                    technique, size, median(runs), Collections.min(runs), Collections.max(runs), size / median(runs),
                    best / median(runs))));
        }
        System.out.print(table);
        write(output, table.toString(), repeat);
    }

    private static double median(List<Double> runs) {
        List<Double> sorted = new ArrayList<>(runs);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    private static void write(Path output, String table, int repeat) throws IOException {
        Files.writeString(output, "# Benchmarks on MariaDB\n\nWritten by `dev.upsert.benchmarks.MariaDbBenchmark` (see its"
                + " Javadoc to run it). The data of `BENCHMARKS.md`: half the batch is new, 40% changed, 10% identical;"
                + " 7 columns. Each technique is warmed up once per size, then runs " + repeat + " times, in turns, from"
                + " the same table; the table shows the median run, and the fastest and slowest in brackets. Ratio:"
                + " rows/s over the best hand-written technique at the same size. The hand-written statements neither"
                + " read ids back nor count; the library gives every entity its id and counts exactly.\n\n" + table);
    }

    // --- techniques ------------------------------------------------------------------------------

    private void library(List<BenchItem> items) {
        UpsertResult result = factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(items));
        if (result.total() != items.size() || items.stream().anyMatch(item -> item.id == null)) {
            throw new IllegalStateException("library counted " + result + " or left an entity without its id");
        }
    }

    private void multiRowValues(List<BenchItem> items) throws SQLException {
        for (int from = 0; from < items.size(); from += 1_000) {
            List<BenchItem> chunk = items.subList(from, Math.min(items.size(), from + 1_000));
            StringBuilder sql = new StringBuilder("INSERT INTO bench_item (" + COLUMNS + ") VALUES ");
            for (int r = 0; r < chunk.size(); r++) {
                sql.append(r == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
            }
            try (PreparedStatement statement = jdbc.prepareStatement(sql + UPDATE)) {
                int index = 1;
                for (BenchItem item : chunk) {
                    index = bind(statement, index, item);
                }
                statement.executeUpdate();
            }
        }
        jdbc.commit();
    }

    private void batched(List<BenchItem> items) throws SQLException {
        try (PreparedStatement statement = jdbc.prepareStatement("INSERT INTO bench_item (" + COLUMNS + ")"
                + " VALUES (?, ?, ?, ?, ?, ?)" + UPDATE)) {
            for (int i = 0; i < items.size(); i++) {
                bind(statement, 1, items.get(i));
                statement.addBatch();
                if (i % 1_000 == 999 || i == items.size() - 1) {
                    statement.executeBatch();
                }
            }
        }
        jdbc.commit();
    }

    private static int bind(PreparedStatement statement, int index, BenchItem item) throws SQLException {
        statement.setString(index++, item.source);
        statement.setString(index++, item.code);
        statement.setString(index++, item.name);
        statement.setInt(index++, item.qty);
        statement.setBigDecimal(index++, item.price);
        statement.setObject(index++, item.seenAt);
        return index;
    }

    // --- data ------------------------------------------------------------------------------------

    /** The table as every run finds it: the second half of the batch's keys, with their old values. */
    private void reset(int size) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE bench_item");
            connection.setAutoCommit(false);
            try (PreparedStatement insert = connection.prepareStatement("INSERT INTO bench_item (" + COLUMNS + ")"
                    + " VALUES (?, ?, ?, ?, ?, ?)")) {
                for (int i = size / 2; i < size; i++) {
                    bind(insert, 1, BenchItem.row(i, false));
                    insert.addBatch();
                    if (i % 1_000 == 999) {
                        insert.executeBatch();
                    }
                }
                insert.executeBatch();
            }
            connection.commit();
            statement.execute("ANALYZE TABLE bench_item");
        }
    }

    private void verify(int size) throws SQLException {
        BenchItem.checkTable(url, "SELECT count(*), sum(name LIKE '% v2') FROM bench_item", size);
    }
}
