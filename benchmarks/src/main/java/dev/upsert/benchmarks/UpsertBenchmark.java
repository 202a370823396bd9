package dev.upsert.benchmarks;

import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import dev.upsert.hibernate.UpsertSession;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.postgresql.PGConnection;

import javax.imageio.ImageIO;
import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.StringReader;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One process, one data set, every technique: the library's paths (default, a stream, sequence guard,
 * PostgreSQL MERGE, two parallel writers), two Hibernate loops (find-then-persist, merge with JDBC
 * batching), and hand-written JDBC (multi-row VALUES, unnest, the library's SQL by hand, the same
 * with the library's guarantees, COPY then merge), on PostgreSQL; the Hibernate loops are left out
 * above 100,000 rows. Each run starts from the same table: half the batch exists, of which 80%
 * changed; the other half is new. Every technique is given the same input, a list of entities
 * built before the clock starts (a caller has its records before it writes them), and the
 * hand-written ones read their values from it. Prints
 * rows/s, the ratio to the best hand-written technique, allocation per row, heap peak, the CPU
 * of the JVM and of the server, and GC pauses, and writes the table to BENCHMARKS.md with a chart
 * beside it.
 *
 * <pre>
 * ./mvnw -q -pl benchmarks -am package -DskipTests
 * java -jar benchmarks/target/benchmarks.jar  # JMH; this harness:
 * java -Xms4g -Xmx4g -cp benchmarks/target/benchmarks.jar dev.upsert.benchmarks.UpsertBenchmark [jdbc-url] [sizes] [output.md]
 * </pre>
 *
 * <p>A fixed heap ({@code -Xms} = {@code -Xmx}): each run starts after a full GC, which shrinks a
 * growable heap, and the next run would then pay for growing it again in young-GC pauses.</p>
 */
public final class UpsertBenchmark {

    private static final String COLUMNS = "source, code, name, qty, price, seen_at";
    private static final String CONFLICT = " ON CONFLICT (source, code) DO UPDATE SET name = EXCLUDED.name, qty = EXCLUDED.qty,"
            + " price = EXCLUDED.price, seen_at = EXCLUDED.seen_at WHERE (t.name, t.qty, t.price, t.seen_at)"
            + " IS DISTINCT FROM (EXCLUDED.name, EXCLUDED.qty, EXCLUDED.price, EXCLUDED.seen_at)";
    /** The library's statement for this table, written by hand: arrays unnested in input order, written rows returned. */
    private static final String LIBRARY_SQL = "INSERT INTO bench_item AS t (" + COLUMNS + ")"
            + " SELECT c0, c1, c2, c3, c4, c5 FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::int[],"
            + " ?::numeric[], ?::timestamptz[]) WITH ORDINALITY AS i(c0, c1, c2, c3, c4, c5, n) ORDER BY n"
            + CONFLICT + " RETURNING t.id, t.source, t.code, (t.xmax = 0)";

    /** One run, or the median run of several with the fastest and slowest seconds among them. */
    private record Measured(String technique, int rows, double seconds, double bytesPerRow, long heapPeak,
                            double clientCpu, double serverCpu, double gcPauses, double fastest, double slowest) {
        double rate() {
            return rows / seconds;
        }

        Measured among(List<Measured> runs) {
            return new Measured(technique, rows, seconds, bytesPerRow, heapPeak, clientCpu, serverCpu, gcPauses, runs.get(0).seconds(),
                    runs.get(runs.size() - 1).seconds());
        }
    }

    /** A technique's rows/s over the best hand-written technique's in the same round: median, lowest, highest. */
    private record PerRound(String technique, int rows, double median, double lowest, double highest) {
    }

    private interface Technique {
        void run(List<BenchItem> items) throws Exception;
    }

    private interface JdbcWork {
        void run(Connection connection) throws Exception;
    }

    private final String url;
    private final SessionFactory factory;
    /** The hand-written techniques' connection, opened once: the library's pooled connections are as warm. */
    private final Connection jdbc;
    private final long postmaster;
    private boolean checkpoints = true;

    private UpsertBenchmark(String url) {
        this.url = url;
        this.factory = new MetadataSources(new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_JDBC_URL, url)
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "create")
                .applySetting(AvailableSettings.STATEMENT_BATCH_SIZE, "50")
                .applySetting(AvailableSettings.ORDER_INSERTS, "true")
                .applySetting(AvailableSettings.ORDER_UPDATES, "true")
                .build())
                .addAnnotatedClass(BenchItem.class).buildMetadata().buildSessionFactory();
        try {
            this.jdbc = DriverManager.getConnection(url);
            jdbc.setAutoCommit(false);
            this.postmaster = Cpu.postmaster(jdbc);
            jdbc.commit();
        } catch (SQLException e) {
            factory.close();
            throw new IllegalStateException(e);
        }
    }

    public static void main(String[] args) throws Exception {
        String url = args.length > 0 ? args[0] : "jdbc:postgresql://127.0.0.1:5432/test?user=postgres";
        int[] sizes = java.util.Arrays.stream((args.length > 1 ? args[1] : "10000,100000").split(","))
                .mapToInt(Integer::parseInt).toArray();
        Path output = Path.of(args.length > 2 ? args[2] : "BENCHMARKS.md");
        UpsertBenchmark benchmark = new UpsertBenchmark(url);
        try {
            benchmark.run(sizes, output);
        } finally {
            benchmark.jdbc.close();
            benchmark.factory.close();
        }
    }

    private void run(int[] sizes, Path output) throws Exception {
        Map<String, Technique> techniques = new LinkedHashMap<>();
        techniques.put("library: upsertAll (default path)", this::library);
        techniques.put("library: upsertAll(Stream), chunk by chunk", this::libraryStream);
        techniques.put("library: upsertAll, sequenceGuard(true)", this::libraryGuarded);
        techniques.put("library: upsertAll, PostgreSQL MERGE dialect", this::libraryMerge);
        techniques.put("library: upsertAllInParallel, 2 writers (a transaction each)", this::libraryParallel);
        techniques.put("Hibernate: find by natural id, then persist or modify (batch 50)", items -> BenchItem.findThenPersist(factory, items));
        techniques.put("Hibernate: merge with known ids, JDBC batching (batch 50)", this::merge);
        techniques.put("JDBC: multi-row VALUES ... ON CONFLICT (1000 rows)", this::multiRowValues);
        techniques.put("JDBC: INSERT ... SELECT FROM unnest(arrays) ON CONFLICT", this::unnest);
        techniques.put("JDBC: the library's SQL by hand (chunks, RETURNING)", this::libraryShaped);
        techniques.put("JDBC: the same, plus key order, duplicate check, every id", this::libraryShapedGuaranteed);
        techniques.put("JDBC: COPY into temp table, INSERT ... SELECT ON CONFLICT", this::copyThenMerge);
        // -Dtechniques=library,JDBC to run only the techniques whose names start so
        String only = System.getProperty("techniques");
        if (only != null) {
            techniques.keySet().removeIf(name -> java.util.Arrays.stream(only.split(",")).noneMatch(name::startsWith));
        }
        // -Drepeat=N: each technique runs N times per size, in turns, and the median run is reported,
        // so that a checkpoint or a noisy neighbour during one run does not decide a ratio.
        int repeat = Integer.getInteger("repeat", 5);
        List<Measured> all = new ArrayList<>();
        List<PerRound> perRound = new ArrayList<>();
        for (int size : sizes) {
            for (Technique technique : techniques.values()) {
                technique.run(BenchItem.batch(Math.min(size, 5_000)));   // warm-up: JIT, statement caches, metadata
            }
            Map<String, List<Measured>> runs = new LinkedHashMap<>();
            techniques.keySet().forEach(name -> runs.put(name, new ArrayList<>()));
            List<Map.Entry<String, Technique>> order = new ArrayList<>(techniques.entrySet());
            for (int round = 0; round < repeat; round++) {
                // Each round starts with the next technique: none is always the first after a reset.
                for (Map.Entry<String, Technique> technique : order) {
                    if (technique.getKey().startsWith("Hibernate") && size > 100_000) {
                        continue;   // at about 5k rows/s a million rows would take minutes
                    }
                    Measured run = measure(technique.getKey(), size, technique.getValue());
                    runs.get(technique.getKey()).add(run);
                    System.out.println("  run " + (round + 1) + ": " + format(run, List.of(run)));
                }
                java.util.Collections.rotate(order, -1);
            }
            runs.values().removeIf(List::isEmpty);
            perRound.addAll(perRound(runs, size));
            for (List<Measured> measured : runs.values()) {
                measured.sort(java.util.Comparator.comparingDouble(Measured::seconds));
                all.add(measured.get(measured.size() / 2).among(measured));
            }
            all.stream().filter(m -> m.rows() == size).forEach(m -> System.out.println(format(m, all)));
        }
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE bench_item RESET (autovacuum_enabled)");
        }
        Files.writeString(output, markdown(all, perRound, repeat, checkpoints));
        chart(all, output.resolveSibling(output.getFileName().toString().replace(".md", ".png")));
    }

    private Measured measure(String name, int size, Technique technique) throws Exception {
        reset(size);
        List<BenchItem> items = BenchItem.batch(size);   // the input exists before the clock starts, as it would for any caller
        System.gc();
        List<MemoryPoolMXBean> heap = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP).toList();
        heap.forEach(MemoryPoolMXBean::resetPeakUsage);
        Allocation allocation = new Allocation();
        double seconds;
        // A closed connection's server process counts once the postmaster has reaped it.
        Thread.sleep(100);
        double clientBefore = Cpu.client();
        double serverBefore = Cpu.server(postmaster);
        double gcBefore = Cpu.gcPauses();
        try (allocation) {
            long start = System.nanoTime();
            technique.run(items);
            seconds = (System.nanoTime() - start) / 1e9;
        }
        double bytesPerRow = allocation.bytes() / (double) size;
        long peak = heap.stream().mapToLong(p -> p.getPeakUsage().getUsed()).sum();
        double clientCpu = Cpu.client() - clientBefore;
        double gcPauses = Cpu.gcPauses() - gcBefore;
        Thread.sleep(100);
        double serverCpu = Cpu.server(postmaster) - serverBefore;
        verify(size);
        return new Measured(name, size, seconds, bytesPerRow, peak, clientCpu, serverCpu, gcPauses, seconds, seconds);
    }

    // --- data ------------------------------------------------------------------------------------

    /** The table as every run finds it: the second half of the batch's keys, with their old values. */
    private void reset(int size) throws SQLException, IOException {
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement()) {
            statement.execute("TRUNCATE bench_item RESTART IDENTITY");
            StringBuilder rows = new StringBuilder();
            for (int i = size / 2; i < size; i++) {
                BenchItem stored = BenchItem.row(i, false);
                rows.append(stored.source).append('\t').append(stored.code).append('\t').append(stored.name).append('\t')
                        .append(stored.qty).append('\t').append(stored.price).append('\t').append(stored.seenAt).append('\n');
            }
            connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY bench_item (" + COLUMNS + ") FROM STDIN", new StringReader(rows.toString()));
            // The same start for every run: no dead rows or unset hint bits for the run to clean up,
            // no autovacuum or checkpoint of the previous run's writes landing in this one.
            statement.execute("ALTER TABLE bench_item SET (autovacuum_enabled = false)");
            statement.execute("VACUUM (ANALYZE) bench_item");
            if (checkpoints) {
                try {
                    statement.execute("CHECKPOINT");
                } catch (SQLException e) {
                    // Needs a superuser or pg_checkpoint: without it a run may pay for a checkpoint.
                    checkpoints = false;
                    System.out.println("No CHECKPOINT before each run (" + e.getMessage().strip() + ")");
                }
            }
        }
    }

    private void verify(int size) throws SQLException {
        BenchItem.checkTable(url, "SELECT count(*), count(*) FILTER (WHERE name LIKE '% v2') FROM bench_item", size);
    }

    // --- techniques ------------------------------------------------------------------------------

    private void library(List<BenchItem> items) {
        library(items, UpsertOptions.defaults());
    }

    private void libraryStream(List<BenchItem> items) {
        counted(items, factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(BenchItem.class, items.stream(),
                UpsertOptions.defaults())));
    }

    private void libraryGuarded(List<BenchItem> items) {
        library(items, UpsertOptions.builder().sequenceGuard(true).build());
    }

    private void libraryMerge(List<BenchItem> items) {
        library(items, UpsertOptions.builder().dialect(new dev.upsert.dialect.PostgresMergeDialect()).build());
    }

    private void libraryParallel(List<BenchItem> items) {
        dev.upsert.ParallelResult result = dev.upsert.hibernate.Upserts.upsertAllInParallel(factory, items, UpsertOptions.defaults(), 2);
        if (!result.allCommitted() || result.committed().total() != items.size()) {
            throw new IllegalStateException("parallel writers: " + result);
        }
        everyId(items);
    }

    private void library(List<BenchItem> items, UpsertOptions options) {
        counted(items, factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(items, options)));
    }

    private static void counted(List<BenchItem> items, UpsertResult result) {
        if (result.total() != items.size()) {
            throw new IllegalStateException("library counted " + result);
        }
        everyId(items);
    }

    private static void everyId(List<BenchItem> items) {
        if (items.stream().anyMatch(item -> item.id == null)) {
            throw new IllegalStateException("an entity was left without its id");
        }
    }

    /** Ids of existing keys read in one query, then session.merge per entity, flushed in batches of 50. */
    private void merge(List<BenchItem> items) {
        factory.inTransaction(session -> {
            Map<String, Long> ids = new java.util.HashMap<>();
            session.createSelectionQuery("select source, code, id from BenchItem", Object[].class).getResultList()
                    .forEach(r -> ids.put(r[0] + "/" + r[1], (Long) r[2]));
            for (int i = 0; i < items.size(); i++) {
                BenchItem item = items.get(i);
                item.id = ids.get(item.source + "/" + item.code);
                if (item.id == null) {
                    session.persist(item);
                } else {
                    session.merge(item);
                }
                if (i % 50 == 49) {
                    session.flush();
                    session.clear();
                }
            }
        });
    }

    private void multiRowValues(List<BenchItem> items) throws Exception {
        int chunk = 1_000;
        inTransaction(connection -> {
            for (int from = 0; from < items.size(); from += chunk) {
                int rows = Math.min(chunk, items.size() - from);
                StringBuilder sql = new StringBuilder("INSERT INTO bench_item AS t (" + COLUMNS + ") VALUES ");
                for (int r = 0; r < rows; r++) {
                    sql.append(r == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?)");
                }
                try (PreparedStatement statement = connection.prepareStatement(sql + CONFLICT)) {
                    int index = 1;
                    for (BenchItem item : items.subList(from, from + rows)) {
                        statement.setString(index++, item.source);
                        statement.setString(index++, item.code);
                        statement.setString(index++, item.name);
                        statement.setInt(index++, item.qty);
                        statement.setBigDecimal(index++, item.price);
                        statement.setObject(index++, item.seenAt);
                    }
                    statement.executeUpdate();
                }
            }
        });
    }

    private void unnest(List<BenchItem> items) throws Exception {
        inTransaction(connection -> {
            try (PreparedStatement statement = connection.prepareStatement("INSERT INTO bench_item AS t (" + COLUMNS + ")"
                    + " SELECT * FROM unnest(?::varchar[], ?::varchar[], ?::varchar[], ?::int[], ?::numeric[], ?::timestamptz[])"
                    + CONFLICT)) {
                bindArrays(connection, statement, items);
                statement.executeUpdate();
            }
        });
    }

    /** The items as one array per column, bound in COLUMNS order. */
    private static void bindArrays(Connection connection, PreparedStatement statement, List<BenchItem> items) throws SQLException {
        int rows = items.size();
        String[] sources = new String[rows];
        String[] codes = new String[rows];
        String[] names = new String[rows];
        Integer[] qtys = new Integer[rows];
        BigDecimal[] prices = new BigDecimal[rows];
        OffsetDateTime[] seen = new OffsetDateTime[rows];
        for (int r = 0; r < rows; r++) {
            BenchItem item = items.get(r);
            sources[r] = item.source;
            codes[r] = item.code;
            names[r] = item.name;
            qtys[r] = item.qty;
            prices[r] = item.price;
            seen[r] = item.seenAt;
        }
        statement.setArray(1, connection.createArrayOf("varchar", sources));
        statement.setArray(2, connection.createArrayOf("varchar", codes));
        statement.setArray(3, connection.createArrayOf("varchar", names));
        statement.setArray(4, connection.createArrayOf("int4", qtys));
        statement.setArray(5, connection.createArrayOf("numeric", prices));
        statement.setArray(6, connection.createArrayOf("timestamptz", seen));
    }

    /**
     * What the library's statement costs without the library: chunks of the library's default size
     * (5,000 rows), inserted in input order, each written row returned with its id and an inserted
     * flag, the returned rows read. The gap between this and plain unnest is the price of reporting
     * ids and counts.
     */
    private void libraryShaped(List<BenchItem> items) throws Exception {
        inTransaction(connection -> upsertChunks(connection, items, false));
    }

    /**
     * The library's statement by hand, chunks of the library's default size, the returned rows
     * read; with {@code ids}, each one's id set on its item.
     */
    private static void upsertChunks(Connection connection, List<BenchItem> items, boolean ids) throws SQLException {
        int chunk = UpsertOptions.DEFAULT_CHUNK_SIZE;
        try (PreparedStatement statement = connection.prepareStatement(LIBRARY_SQL)) {
            for (int from = 0; from < items.size(); from += chunk) {
                List<BenchItem> part = items.subList(from, Math.min(from + chunk, items.size()));
                bindArrays(connection, statement, part);
                try (var returned = statement.executeQuery()) {
                    // Rows come back in input order, the unchanged ones left out.
                    int cursor = 0;
                    while (returned.next()) {
                        long id = returned.getLong(1);
                        String source = returned.getString(2);
                        String code = returned.getString(3);
                        returned.getBoolean(4);
                        if (ids) {
                            while (!sameKey(part.get(cursor), source, code)) {
                                cursor++;
                            }
                            part.get(cursor++).id = id;
                        }
                    }
                }
            }
        }
    }

    /**
     * {@link #libraryShaped} with what the library adds to it, written by hand: the rows sorted by
     * natural key in the order of its unique index (writers of overlapping keys then lock them in
     * one order), a repeated key rejected before anything is written, and every entity given its
     * id, those of the rows left unchanged read back after the last chunk, 5,000 keys per read.
     * What the guarantees cost without the library.
     */
    private void libraryShapedGuaranteed(List<BenchItem> items) throws Exception {
        List<BenchItem> sorted = new ArrayList<>(items);
        // The unique index's order, (code, source), as the library's: the other order cost the
        // server 9% more at a million rows.
        sorted.sort(java.util.Comparator.comparing((BenchItem item) -> item.code).thenComparing(item -> item.source));
        for (int i = 1; i < sorted.size(); i++) {
            if (sameKey(sorted.get(i - 1), sorted.get(i).source, sorted.get(i).code)) {
                throw new IllegalArgumentException("repeated key " + sorted.get(i).source + "/" + sorted.get(i).code);
            }
        }
        inTransaction(connection -> {
            upsertChunks(connection, sorted, true);
            List<BenchItem> unchanged = sorted.stream().filter(item -> item.id == null).toList();
            try (PreparedStatement read = connection.prepareStatement("SELECT x.id, x.source, x.code FROM unnest(?::varchar[],"
                    + " ?::varchar[]) AS i(k0, k1) CROSS JOIN LATERAL (SELECT id, source, code FROM bench_item"
                    + " WHERE source = i.k0 AND code = i.k1 OFFSET 0) AS x")) {
                for (int from = 0; from < unchanged.size(); from += 5_000) {
                    List<BenchItem> part = unchanged.subList(from, Math.min(from + 5_000, unchanged.size()));
                    read.setArray(1, connection.createArrayOf("varchar", part.stream().map(item -> item.source).toArray()));
                    read.setArray(2, connection.createArrayOf("varchar", part.stream().map(item -> item.code).toArray()));
                    Map<String, BenchItem> byKey = new java.util.HashMap<>();
                    part.forEach(item -> byKey.put(item.source + '\u0000' + item.code, item));
                    try (var stored = read.executeQuery()) {
                        while (stored.next()) {
                            byKey.get(stored.getString(2) + '\u0000' + stored.getString(3)).id = stored.getLong(1);
                        }
                    }
                }
            }
        });
        everyId(items);
    }

    /** Hand-written work on the warm connection, in one transaction. */
    private void inTransaction(JdbcWork work) throws Exception {
        try {
            work.run(jdbc);
            jdbc.commit();
        } catch (Exception | Error failure) {
            jdbc.rollback();
            throw failure;
        }
    }

    private static boolean sameKey(BenchItem item, String source, String code) {
        return item.source.equals(source) && item.code.equals(code);
    }

    private void copyThenMerge(List<BenchItem> items) throws Exception {
        inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("CREATE TEMP TABLE bench_stage (source varchar, code varchar, name varchar, qty int,"
                        + " price numeric, seen_at timestamptz) ON COMMIT DROP");
                StringBuilder rows = new StringBuilder(items.size() * 48);
                for (BenchItem item : items) {
                    rows.append(item.source).append('\t').append(item.code).append('\t').append(item.name).append('\t')
                            .append(item.qty).append('\t').append(item.price).append('\t').append(item.seenAt).append('\n');
                }
                connection.unwrap(PGConnection.class).getCopyAPI()
                        .copyIn("COPY bench_stage FROM STDIN", new StringReader(rows.toString()));
                statement.executeUpdate("INSERT INTO bench_item AS t (" + COLUMNS + ") SELECT " + COLUMNS
                        + " FROM bench_stage ORDER BY source, code" + CONFLICT);
            }
        });
    }

    // --- report ----------------------------------------------------------------------------------

    private static double bestHandWritten(List<Measured> all, int rows) {
        return all.stream().filter(m -> m.rows() == rows && m.technique().startsWith("JDBC"))
                .mapToDouble(Measured::rate).max().orElse(Double.NaN);
    }

    private static String format(Measured m, List<Measured> all) {
        return String.format(Locale.ROOT, "%-64s %9d rows %8.2f s %10.0f rows/s %6.2fx %8.0f B/row %6d MB"
                        + "  cpu %5.2f s, server %5.2f s, GC pauses %5.2f s", m.technique(), m.rows(), m.seconds(), m.rate(),
                m.rate() / bestHandWritten(all, m.rows()), m.bytesPerRow(), m.heapPeak() >> 20, m.clientCpu(), m.serverCpu(),
                m.gcPauses());
    }

    /**
     * Runs of one round are close in time, so a slow minute of the machine slows all of them: the
     * ratio within a round is steadier than the ratio of medians taken over different rounds.
     *
     * @param runs each technique's runs, in round order
     */
    private static List<PerRound> perRound(Map<String, List<Measured>> runs, int size) {
        List<PerRound> ratios = new ArrayList<>();
        for (Map.Entry<String, List<Measured>> technique : runs.entrySet()) {
            if (technique.getKey().startsWith("JDBC")) {
                continue;
            }
            double[] ratio = new double[technique.getValue().size()];
            for (int round = 0; round < ratio.length; round++) {
                int r = round;
                double best = runs.entrySet().stream().filter(e -> e.getKey().startsWith("JDBC"))
                        .mapToDouble(e -> e.getValue().get(r).seconds()).min().orElse(Double.NaN);
                ratio[round] = best / technique.getValue().get(round).seconds();
            }
            java.util.Arrays.sort(ratio);
            ratios.add(new PerRound(technique.getKey(), size, ratio[ratio.length / 2], ratio[0], ratio[ratio.length - 1]));
        }
        return ratios;
    }

    private static String markdown(List<Measured> all, List<PerRound> perRound, int repeat, boolean checkpointed) {
        StringBuilder md = new StringBuilder(String.format(Locale.ROOT, """
                # Benchmarks

                Written by `dev.upsert.benchmarks.UpsertBenchmark` (see its Javadoc to run it). PostgreSQL, one
                process, the same data for every technique: half the batch is new, 40%% changed, 10%% identical;
                7 columns. Every technique is given the same list of entities, built before the clock starts;
                the hand-written ones read their values from it, on one connection opened before the first
                run (the library's pooled connections are as warm). Every technique is warmed up once per
                size, then ran %d times, in turns (each round starting with the next technique); the table
                shows the median run, and the fastest and slowest in brackets. Each run
                starts from a vacuumed%s table.
                Ratio: rows/s over the best hand-written JDBC technique at the same size, in this run. The
                Hibernate loops are left out above 100,000 rows (minutes per run).
                Allocation is per row, on the calling thread and the threads started during the run (the
                library's pipeline thread, parallel writers; sampled every 5 ms, so the last few ms of a
                thread that ends are missed); heap peak is the JVM's whole heap. CPU: seconds of CPU the
                JVM used (every thread, GC and JIT included) and the PostgreSQL server's processes used,
                in the median run; where the server's CPU is close to the run's seconds, the server is
                what limits the run, and the rest is what the client adds to it. GC: the JVM's collection
                pauses in the median run.
                JVM: Java %s, %s.

                ![rows per second](BENCHMARKS.png)

                | technique | rows | seconds (fastest-slowest) | rows/s | ratio | allocated B/row | heap peak MB | JVM CPU s | server CPU s | GC s |
                | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |
                """, repeat, checkpointed ? " and checkpointed" : "", System.getProperty("java.version"),
                String.join(" ", ManagementFactory.getRuntimeMXBean().getInputArguments())));
        for (Measured m : all) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.2f (%.2f-%.2f) | %.0f | %.2f | %.0f | %d | %.2f | %s | %.2f |%n",
                    m.technique(), m.rows(), m.seconds(), m.fastest(), m.slowest(), m.rate(),
                    m.rate() / bestHandWritten(all, m.rows()), m.bytesPerRow(), m.heapPeak() >> 20, m.clientCpu(),
                    Double.isNaN(m.serverCpu()) ? "-" : String.format(Locale.ROOT, "%.2f", m.serverCpu()), m.gcPauses()));
        }
        md.append("""

                Round by round: each run's rows/s over the best hand-written technique's in the same
                round (runs of a round are close in time, so a slow minute of the machine slows them all).

                | technique | rows | median | lowest-highest |
                | --- | ---: | ---: | ---: |
                """);
        for (PerRound p : perRound) {
            md.append(String.format(Locale.ROOT, "| %s | %d | %.2f | %.2f-%.2f |%n", p.technique(), p.rows(), p.median(),
                    p.lowest(), p.highest()));
        }
        return md.toString();
    }

    private static void chart(List<Measured> all, Path file) throws IOException {
        int width = 1100;
        int barHeight = 22;
        int height = 60 + all.size() * (barHeight + 8);
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, width, height);
        g.setColor(Color.BLACK);
        g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 15));
        g.drawString("Rows per second on PostgreSQL (longer is better)", 20, 28);
        double max = all.stream().mapToDouble(Measured::rate).max().orElse(1);
        g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        int y = 50;
        for (Measured m : all) {
            int length = (int) (m.rate() / max * 420);
            g.setColor(m.technique().startsWith("library") ? new Color(0x2E7D32)
                    : m.technique().startsWith("JDBC") ? new Color(0x1565C0) : new Color(0x9E9E9E));
            g.fillRect(560, y, Math.max(1, length), barHeight);
            g.setColor(Color.BLACK);
            g.drawString(String.format(Locale.ROOT, "%s, %,d rows", m.technique(), m.rows()), 10, y + 15);
            g.drawString(String.format(Locale.ROOT, "%,.0f", m.rate()), 566 + length, y + 15);
            y += barHeight + 8;
        }
        g.dispose();
        ImageIO.write(image, "png", file.toFile());
    }
}
