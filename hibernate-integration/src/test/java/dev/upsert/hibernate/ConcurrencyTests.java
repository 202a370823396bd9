package dev.upsert.hibernate;

import dev.upsert.ParallelResult;
import dev.upsert.UpsertResult;
import dev.upsert.hibernate.model.Product;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** For server databases: concurrent writers of overlapping keys. */
interface ConcurrencyTests {

    UpsertResult upsertProducts(List<Product> batch);

    List<Map<String, Object>> query(String sql);

    org.hibernate.SessionFactory factory();

    TestDatabase database();

    UpsertResult upsertProducts(List<Product> batch, dev.upsert.UpsertOptions options);

    /** Whether a session other than {@code admin}'s waits for a row lock. */
    boolean someoneWaitsForALock(java.sql.Statement admin) throws java.sql.SQLException;

    /** Ends, from another connection, the sessions writing into the table; whether it found one. */
    boolean killWritersOf(java.sql.Statement admin, String table) throws java.sql.SQLException;

    /**
     * A call in a transaction of its own meets a deadlock with another transaction (PostgreSQL
     * 40P01, MariaDB 1213): the database rolls the call back, and with {@code retries} it runs again
     * once the other has committed. The other transaction has changed many rows and waits less long,
     * so that both databases choose the call as the one to roll back.
     */
    @Test
    default void aDeadlockedCallRunsAgainWithRetries() throws Exception {
        upsertProducts(IntStream.range(0, 300).mapToObj(i -> new Product(String.format("sku-%03d", i), "v1", BigDecimal.ONE)).toList());
        try (java.sql.Connection other = database().connect(); var statement = other.createStatement()) {
            other.setAutoCommit(false);
            statement.executeUpdate("update it_product set name = 'other' where sku >= 'sku-002'");
            statement.executeQuery("select id from it_product where sku = 'sku-001' for update").close();
            var call = java.util.concurrent.CompletableFuture.supplyAsync(() -> factory().fromSession(s -> UpsertSession.wrap(s)
                    .upsertAll(List.of(new Product("sku-000", "mine", BigDecimal.TEN), new Product("sku-001", "mine", BigDecimal.TEN)),
                            dev.upsert.UpsertOptions.builder().retries(2).build())));
            try (java.sql.Connection admin = database().connect(); var watch = admin.createStatement()) {
                for (int attempt = 0; attempt < 400 && !someoneWaitsForALock(watch); attempt++) {
                    Thread.sleep(5);
                }
            }
            // The call holds sku-000 and waits for sku-001: taking sku-000 closes the cycle.
            statement.executeQuery("select id from it_product where sku = 'sku-000' for update").close();
            other.commit();
            UpsertResult result = call.get(60, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(result.retries()).as("rolled back once, then run again").isEqualTo(1);
            assertThat(result.updated()).isEqualTo(2);
        }
        assertThat(query("select sku, name from it_product where sku < 'sku-003' order by sku"))
                .extracting(r -> r.get("sku"), r -> r.get("name"))
                .containsExactly(org.assertj.core.groups.Tuple.tuple("sku-000", "mine"), org.assertj.core.groups.Tuple.tuple("sku-001", "mine"),
                        org.assertj.core.groups.Tuple.tuple("sku-002", "other"));
    }

    /**
     * The connection dies in the middle of a large call: the caller gets an exception, nothing of
     * the call is committed, and the next call on a new session works.
     */
    @Test
    default void aConnectionKilledMidCallCommitsNothing() throws Exception {
        var call = java.util.concurrent.CompletableFuture.supplyAsync(() -> upsertProducts(IntStream.range(0, 300_000)
                .mapToObj(i -> new Product("sku-" + i, "doomed", BigDecimal.ONE)).toList(),
                dev.upsert.UpsertOptions.builder().chunkSize(500).build()));
        try (java.sql.Connection admin = database().connect(); var statement = admin.createStatement()) {
            boolean killed = false;
            for (int attempt = 0; attempt < 200 && !killed && !call.isDone(); attempt++) {
                Thread.sleep(25);
                killed = killWritersOf(statement, "it_product");
            }
            assertThat(killed).as("the call's connection was found while it wrote").isTrue();
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> call.get(60, java.util.concurrent.TimeUnit.SECONDS))
                .hasCauseInstanceOf(org.hibernate.JDBCException.class);
        assertThat(((Number) query("select count(*) as c from it_product").get(0).get("c")).longValue()).isZero();
        assertThat(upsertProducts(List.of(new Product("sku-1", "after", BigDecimal.ONE))))
                .isEqualTo(new UpsertResult(1, 0, 0, 0));
    }

    /** Whether this test may restart the database server (a local one, as root). */
    boolean restartable();

    /** Restarts the database server; returns once the restart command has run. */
    void restartServer() throws Exception;

    /** Whether another connection is running an INSERT into the table. */
    boolean writing(String table);

    /** Closes the suite's session factory and builds a new one (for a pool the restart broke). */
    void renewFactory();

    /**
     * The server restarts in the middle of a large call: the call fails with a JDBC exception and
     * commits nothing, what was committed before survives, and once the server is back a call on a
     * new session works (connections the restart broke fail once and leave the pool).
     */
    @Test
    default void theServerRestartedMidCallCommitsNothingAndTheNextCallWorks() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(restartable(), "restarts only the local server of a machine the test runs as root on");
        upsertProducts(List.of(new Product("kept", "before", BigDecimal.ONE)));
        var call = java.util.concurrent.CompletableFuture.supplyAsync(() -> upsertProducts(IntStream.range(0, 300_000)
                .mapToObj(i -> new Product("sku-" + i, "doomed", BigDecimal.ONE)).toList(),
                dev.upsert.UpsertOptions.builder().chunkSize(500).build()));
        boolean writing = false;
        for (int attempt = 0; attempt < 200 && !writing && !call.isDone(); attempt++) {
            Thread.sleep(25);
            writing = writing("it_product");
        }
        assertThat(writing).as("the call was found while it wrote").isTrue();
        restartServer();
        try {
            for (int attempt = 0; ; attempt++) {
                try (java.sql.Connection ignored = database().connect()) {
                    break;
                } catch (java.sql.SQLException starting) {
                    if (attempt == 120) {
                        throw new IllegalStateException("The server did not come back within a minute of its restart", starting);
                    }
                    Thread.sleep(500);
                }
            }
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> call.get(60, java.util.concurrent.TimeUnit.SECONDS))
                    .hasCauseInstanceOf(org.hibernate.JDBCException.class);
            assertThat(query("select sku, name from it_product")).extracting(r -> r.get("sku"), r -> r.get("name"))
                    .containsExactly(org.assertj.core.api.Assertions.tuple("kept", "before"));
            UpsertResult after = null;
            for (int attempt = 0; attempt <= 10 && after == null; attempt++) {
                try {
                    after = upsertProducts(List.of(new Product("kept", "after", BigDecimal.ONE), new Product("new", "after", BigDecimal.ONE)));
                } catch (org.hibernate.JDBCException broken) {
                    // a pooled connection from before the restart
                }
            }
            assertThat(after).isEqualTo(new UpsertResult(1, 1, 0, 0));
            assertThat(query("select sku, name from it_product order by sku")).extracting(r -> r.get("sku"), r -> r.get("name"))
                    .containsExactly(org.assertj.core.api.Assertions.tuple("kept", "after"), org.assertj.core.api.Assertions.tuple("new", "after"));
        } finally {
            renewFactory();
        }
    }

    /** Inputs that their columns keep as one key (1.499 and 1.501 in a decimal of two places) go to one writer. */
    @Test
    default void parallelWritersKeepInputsOfOneStoredKeyTogether() {
        java.time.LocalDateTime noon = java.time.LocalDateTime.of(2026, 11, 29, 12, 0);
        List<dev.upsert.hibernate.model.Tick> ticks = java.util.stream.IntStream.range(0, 40)
                .mapToObj(i -> new dev.upsert.hibernate.model.Tick("p", noon, i % 2 == 0 ? "1.499" : "1.501", i)).toList();
        ParallelResult result = Upserts.upsertAllInParallel(factory(), ticks, dev.upsert.UpsertOptions.defaults(), 4);
        assertThat(result.committed()).isEqualTo(new dev.upsert.UpsertResult(1, 0, 0, 0));
        assertThat(query("select level from it_tick")).extracting(r -> ((Number) r.get("level")).intValue())
                .as("the last of them").containsExactly(39);
    }

    @Test
    default void parallelWritersSplitTheBatchByKeyAndCommitPerPartition() {
        int n = 20_000;
        List<Product> first = IntStream.range(0, n).mapToObj(k -> new Product("sku-" + k, "v1", BigDecimal.ONE)).toList();
        ParallelResult loaded = Upserts.upsertAllInParallel(factory(), first, dev.upsert.UpsertOptions.defaults(), 4);
        assertThat(loaded.allCommitted()).isTrue();
        assertThat(loaded.partitions()).hasSize(4).allSatisfy(p -> assertThat(p.rows()).isBetween(n / 8, n / 2));
        assertThat(loaded.committed()).isEqualTo(new UpsertResult(n, 0, 0, 0));
        assertThat(first).allSatisfy(p -> assertThat(p.id).isNotNull());

        List<Product> second = new ArrayList<>(IntStream.range(0, n)
                .mapToObj(k -> new Product("sku-" + k, k % 2 == 0 ? "v2" : "v1", BigDecimal.ONE)).toList());
        // A key missing, or repeated under FAIL, is refused before any writer starts, at its position in the whole batch.
        second.add(new Product(null, "no key", BigDecimal.ONE));
        assertThatThrownBy(() -> Upserts.upsertAllInParallel(factory(), second, dev.upsert.UpsertOptions.defaults(), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null in the entity at position " + n);
        second.set(n, new Product("sku-7", "again", BigDecimal.ONE));
        assertThatThrownBy(() -> Upserts.upsertAllInParallel(factory(), second, dev.upsert.UpsertOptions.builder()
                .duplicateKeyPolicy(dev.upsert.DuplicateKeyPolicy.FAIL).build(), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[sku=sku-7] at positions [7, " + n + "]");
        assertThat(query("select sku from it_product where name <> 'v1'")).isEmpty();

        // A value its column cannot hold fails its partition alone, which carries the entities to send again.
        Product broken = new Product("sku-broken", "x".repeat(300), BigDecimal.ONE);
        second.set(n, broken);
        ParallelResult partly = Upserts.upsertAllInParallel(factory(), second, dev.upsert.UpsertOptions.defaults(), 4);
        assertThat(partly.partitions()).filteredOn(p -> !p.committed()).singleElement()
                .satisfies(p -> assertThat(p.failure()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("255"))
                .satisfies(p -> assertThat(p.entities()).contains(broken).hasSize(p.rows()));
        long committedChanges = partly.committed().updated();
        assertThat(((Number) query("select count(*) as c from it_product where name = 'v2'").get(0).get("c")).longValue())
                .as("exactly the committed partitions' changes are in the table").isEqualTo(committedChanges)
                .isLessThan(n / 2);

        // What needs the whole batch in one transaction is refused before anything runs.
        for (dev.upsert.UpsertOptions whole : List.of(dev.upsert.UpsertOptions.builder().strategy(dev.upsert.Strategy.SYNC).build(),
                dev.upsert.UpsertOptions.builder().strategy(dev.upsert.Strategy.DELETE_THEN_INSERT)
                        .scope(dev.upsert.Scope.all().eq("name", "v2")).build())) {
            assertThatThrownBy(() -> Upserts.upsertAllInParallel(factory(), second, whole, 4))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("upsertAllInParallel");
        }
        assertThat(((Number) query("select count(*) as c from it_product where name = 'v2'").get(0).get("c")).longValue())
                .isEqualTo(committedChanges);

        // So is a batch of several types, or with a null, which each writer would see only a part of.
        List<Object> mixed = new ArrayList<>(List.of(new Product("mixed-1", "v3", BigDecimal.ONE), new Product("mixed-2", "v3", BigDecimal.ONE),
                new dev.upsert.hibernate.model.CustomerHistory("c1", "Ada", "London", "e")));
        assertThatThrownBy(() -> Upserts.upsertAllInParallel(factory(), mixed, dev.upsert.UpsertOptions.defaults(), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one type per call");
        mixed.set(2, null);
        assertThatThrownBy(() -> Upserts.upsertAllInParallel(factory(), mixed, dev.upsert.UpsertOptions.defaults(), 4))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("null element at position 2");
        assertThat(query("select sku from it_product where name = 'v3'")).isEmpty();
    }

    /**
     * Writers that upsert overlapping keys in different orders, each call in its own transaction:
     * rows are written in natural-key order, so none deadlocks, and every row is one writer's whole.
     */
    @Test
    default void concurrentWritersOfOverlappingKeysNeitherDeadlockNorMixRows() throws Exception {
        int keys = 400;
        concurrently(8, 6, (writer, round, random) -> {
            List<Product> batch = new ArrayList<>(IntStream.range(0, keys)
                    .filter(k -> random.nextInt(4) != 0)
                    .mapToObj(k -> new Product("sku-" + k, "writer-" + writer, BigDecimal.valueOf(writer)))
                    .toList());
            Collections.shuffle(batch, random);
            upsertProducts(batch);
        });
        List<Map<String, Object>> rows = query("select sku, name, price from it_product");
        assertThat(rows).hasSize(keys);
        assertThat(rows).allSatisfy(r -> assertThat(r.get("name"))
                .isEqualTo("writer-" + ((BigDecimal) r.get("price")).intValueExact()));
    }

    /**
     * Writers of overlapping keys of entities in several tables (a JOINED type; one with an
     * optional secondary table that some writers empty): none deadlocks, and each entity's rows in
     * all its tables are one writer's.
     */
    @Test
    default void concurrentWritersOfMultiTableEntitiesNeitherDeadlockNorMixTables() throws Exception {
        int keys = 150;
        concurrently(6, 4, (writer, round, random) -> {
            List<dev.upsert.hibernate.model.Asset.Laptop> laptops = new ArrayList<>(IntStream.range(0, keys)
                    .filter(k -> random.nextInt(4) != 0)
                    .mapToObj(k -> new dev.upsert.hibernate.model.Asset.Laptop("L" + k, "w" + writer, "w" + writer, writer))
                    .toList());
            Collections.shuffle(laptops, random);
            upsertEntities(laptops);
            List<dev.upsert.hibernate.model.Profile> profiles = new ArrayList<>(IntStream.range(0, keys)
                    .filter(k -> random.nextInt(4) != 0)
                    .mapToObj(k -> new dev.upsert.hibernate.model.Profile("p" + k, "w" + writer,
                            writer % 2 == 0 ? null : "w" + writer, null))
                    .toList());
            Collections.shuffle(profiles, random);
            upsertEntities(profiles);
        });
        List<Map<String, Object>> laptops = query("select a.label, l.cpu, l.ram from it_asset a join it_laptop l on l.id = a.id");
        assertThat(laptops).hasSize(keys).allSatisfy(r -> {
            assertThat(r.get("cpu")).isEqualTo(r.get("label"));
            assertThat("w" + ((Number) r.get("ram")).intValue()).isEqualTo(r.get("label"));
        });
        List<Map<String, Object>> profiles = query("select p.name, b.bio from it_profile p"
                + " left join it_profile_bio b on b.profile_id = p.id");
        assertThat(profiles).hasSize(keys).allSatisfy(r -> assertThat(r.get("bio"))
                .isEqualTo(Integer.parseInt(((String) r.get("name")).substring(1)) % 2 == 0 ? null : r.get("name")));
    }

    /**
     * Syncs of one scope from several writers at once: each call makes the table equal its batch,
     * so afterwards the table holds exactly one call's batch, whole: no key another call deleted
     * survives, none it inserted is lost.
     */
    @Test
    default void concurrentSyncsOfOneScopeLeaveExactlyOneCallsBatch() throws Exception {
        Map<String, java.util.Set<String>> batches = new java.util.concurrent.ConcurrentHashMap<>();
        dev.upsert.UpsertOptions sync = dev.upsert.UpsertOptions.builder().strategy(dev.upsert.Strategy.SYNC).build();
        concurrently(8, 4, (writer, round, random) -> {
            String name = "w" + writer + "-r" + round;
            List<Product> batch = new ArrayList<>(IntStream.range(0, 300).filter(k -> random.nextInt(4) != 0)
                    .mapToObj(k -> new Product("sku-" + k, name, BigDecimal.valueOf(writer))).toList());
            Collections.shuffle(batch, random);
            batches.put(name, batch.stream().map(p -> p.sku).collect(java.util.stream.Collectors.toSet()));
            upsertProducts(batch, sync);
        });
        List<Map<String, Object>> rows = query("select sku, name from it_product");
        String winner = (String) rows.get(0).get("name");
        assertThat(rows).as("every row from one call").allSatisfy(r -> assertThat(r.get("name")).isEqualTo(winner));
        assertThat(rows.stream().map(r -> (String) r.get("sku")).collect(java.util.stream.Collectors.toSet()))
                .as("exactly that call's keys").isEqualTo(batches.get(winner));
    }

    /**
     * Syncs and plain upserts of overlapping keys at once: a sync writes its batch, then deletes
     * what the batch lacks, rows a plain upsert may hold while it waits for one of the sync's
     * batch: neither may deadlock, and every row stays one writer's whole.
     */
    @Test
    default void syncsAndUpsertsOfOverlappingKeysDoNotDeadlock() throws Exception {
        dev.upsert.UpsertOptions sync = dev.upsert.UpsertOptions.builder().strategy(dev.upsert.Strategy.SYNC).build();
        concurrently(8, 4, (writer, round, random) -> {
            List<Product> batch = new ArrayList<>(IntStream.range(0, 200).filter(k -> random.nextInt(3) != 0)
                    .mapToObj(k -> new Product("sku-" + k, "w" + writer, BigDecimal.valueOf(writer))).toList());
            Collections.shuffle(batch, random);
            if (writer % 2 == 0) {
                upsertProducts(batch, sync);
            } else {
                upsertProducts(batch);
            }
        });
        assertThat(query("select name, price from it_product")).isNotEmpty().allSatisfy(r ->
                assertThat(r.get("name")).isEqualTo("w" + ((Number) r.get("price")).intValue()));
    }

    /**
     * A sync in a transaction that read the table before another transaction committed a key
     * (on InnoDB, that first read fixes what later plain reads see) still deletes that key: the
     * scope is what the table holds when the sync runs.
     */
    @Test
    default void aSyncDeletesKeysCommittedAfterItsTransactionFirstRead() {
        dev.upsert.UpsertOptions sync = dev.upsert.UpsertOptions.builder().strategy(dev.upsert.Strategy.SYNC).build();
        upsertProducts(List.of(new Product("a", "old", BigDecimal.ONE), new Product("b", "old", BigDecimal.ONE)));
        UpsertResult result;
        try (org.hibernate.Session session = factory().openSession()) {
            session.beginTransaction();
            session.createNativeQuery("select count(*) from it_product", Object.class).getSingleResult();
            upsertProducts(List.of(new Product("n", "another's", BigDecimal.ONE)));
            result = UpsertSession.wrap(session).upsertAll(List.of(new Product("a", "mine", BigDecimal.ONE)), sync);
            session.getTransaction().commit();
        }
        assertThat(result).isEqualTo(new UpsertResult(0, 1, 0, 2));
        assertThat(query("select sku, name from it_product")).extracting(r -> r.get("sku") + "=" + r.get("name"))
                .containsExactly("a=mine");
    }

    /**
     * A key another transaction stored as a subtype after this one first read the tables: found in
     * the subtype's table all the same, and the call fails rather than write over it.
     */
    @Test
    default void aKeyStoredAsASubtypeAfterTheTransactionsFirstReadIsFound() {
        UpsertResult[] result = new UpsertResult[1];
        try (org.hibernate.Session session = factory().openSession()) {
            session.beginTransaction();
            session.createNativeQuery("select count(*) from it_asset", Object.class).getSingleResult();
            upsertEntities(List.of(new dev.upsert.hibernate.model.Asset.Workstation("W9", "render", "x9", 64, "rtx")));
            assertThatThrownBy(() -> result[0] = UpsertSession.wrap(session).upsertAll(
                    List.of(new dev.upsert.hibernate.model.Asset.Laptop("W9", "desk", "i5", 8))))
                    .isInstanceOf(dev.upsert.UpsertException.class).hasMessageContaining("are of a subtype");
            session.getTransaction().rollback();
        }
        assertThat(query("select a.tag, a.label, l.cpu from it_asset a join it_laptop l on l.id = a.id"))
                .extracting(r -> r.get("tag") + "/" + r.get("label") + "/" + r.get("cpu")).containsExactly("W9/render/x9");
    }

    /**
     * A history key another transaction versioned after this one first read the table: the
     * entity gets the id of the version that is current, not of the one its first read saw.
     */
    @Test
    default void aHistoryWritesBackTheCurrentVersionCommittedAfterItsTransactionFirstRead() {
        upsertEntities(List.of(new dev.upsert.hibernate.model.CustomerHistory("c1", "Ada", "London", "e")));
        dev.upsert.hibernate.model.CustomerHistory mine = new dev.upsert.hibernate.model.CustomerHistory("c1", "Ada", "Paris", "e");
        UpsertResult result;
        try (org.hibernate.Session session = factory().openSession()) {
            session.beginTransaction();
            session.createNativeQuery("select count(*) from it_history", Object.class).getSingleResult();
            upsertEntities(List.of(new dev.upsert.hibernate.model.CustomerHistory("c1", "Ada", "Paris", "e")));
            result = UpsertSession.wrap(session).upsertAll(List.of(mine));
            session.getTransaction().commit();
        }
        assertThat(result).isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(query("select id, city from it_history where is_current = true")).singleElement()
                .satisfies(r -> assertThat(((Number) r.get("id")).longValue()).isEqualTo(mine.id))
                .satisfies(r -> assertThat(r.get("city")).isEqualTo("Paris"));
    }

    /**
     * History writers changing the same keys at once: each key keeps exactly one current version,
     * and its versions follow one another without gap or overlap, one per call that changed it.
     */
    @Test
    default void concurrentHistoryWritersKeepOneCurrentVersionPerKey() throws Exception {
        int keys = 60;
        int writers = 8;
        int rounds = 3;
        concurrently(writers, rounds, (writer, round, random) -> {
            List<dev.upsert.hibernate.model.CustomerHistory> batch = new ArrayList<>(IntStream.range(0, keys)
                    .mapToObj(k -> new dev.upsert.hibernate.model.CustomerHistory("c" + k, "name", "w" + writer + "-r" + round, "e"))
                    .toList());
            Collections.shuffle(batch, random);
            upsertEntities(batch);
        });
        List<Map<String, Object>> versions = query("select customer_id, city, valid_from, valid_to, is_current from it_history"
                + " order by customer_id, valid_from");
        Map<Object, List<Map<String, Object>>> byKey = versions.stream()
                .collect(java.util.stream.Collectors.groupingBy(v -> v.get("customer_id")));
        assertThat(byKey).hasSize(keys);
        byKey.forEach((key, history) -> {
            assertThat(history).as("versions of %s", key).hasSize(writers * rounds);
            assertThat(history.stream().filter(v -> Boolean.TRUE.equals(v.get("is_current"))
                    || v.get("is_current") instanceof Number n && n.intValue() == 1))
                    .as("current versions of %s", key).singleElement().isSameAs(history.get(history.size() - 1));
            for (int i = 1; i < history.size(); i++) {
                assertThat(history.get(i - 1).get("valid_to")).as("version %d of %s ends where the next starts", i, key)
                        .isEqualTo(history.get(i).get("valid_from"));
            }
            assertThat(history.get(history.size() - 1).get("valid_to")).isNull();
        });
    }

    /**
     * Streamed history writers: each stream is one transaction of several calls (one per chunk of
     * ten keys, whose key locks differ from chunk to chunk), and still none deadlocks with another.
     */
    @Test
    default void concurrentStreamedHistoryWritersNeitherDeadlockNorBreakTheHistory() throws Exception {
        int keys = 120;
        concurrently(6, 2, (writer, round, random) -> {
            List<dev.upsert.hibernate.model.CustomerHistory> batch = new ArrayList<>(IntStream.range(0, keys)
                    .mapToObj(k -> new dev.upsert.hibernate.model.CustomerHistory("c" + k, "name", "w" + writer + "-r" + round, "e"))
                    .toList());
            Collections.shuffle(batch, random);
            factory().inTransaction(s -> UpsertSession.wrap(s).upsertAll(dev.upsert.hibernate.model.CustomerHistory.class,
                    batch.stream(), dev.upsert.UpsertOptions.builder().chunkSize(10).build()));
        });
        assertThat(query("select customer_id from it_history where is_current = true")).as("one current version per key")
                .hasSize(keys);
        assertThat(query("select count(*) as c from it_history").get(0).get("c")).satisfies(c ->
                assertThat(((Number) c).intValue()).isEqualTo(keys * 6 * 2));
    }

    /** Upserts a batch of any mapped type with the default options, in a transaction of its own. */
    UpsertResult upsertEntities(List<?> batch);

    interface Writer {
        void write(int writer, int round, Random random) throws Exception;
    }

    /**
     * Runs {@code writers} threads of {@code rounds} calls each and rethrows the first failure,
     * after every writer has finished, so that none writes into the next test.
     */
    default void concurrently(int writers, int rounds, Writer body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    Random random = new Random(writer);
                    for (int round = 0; round < rounds; round++) {
                        body.write(writer, round, random);
                    }
                    return null;
                }));
            }
            Exception failure = null;
            for (Future<?> future : done) {
                try {
                    future.get();
                } catch (Exception e) {
                    failure = failure == null ? e : failure;
                }
            }
            if (failure != null) {
                throw failure;
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
