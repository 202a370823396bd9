package dev.upsert.hibernate;

import dev.upsert.UpsertOptions;
import dev.upsert.dialect.GenericDialect;

/**
 * The whole suite through the generic fallback (separate UPDATE and INSERT batches), forced on
 * PostgreSQL, as it would run on a database without a dialect of its own.
 */
class GenericUpsertTest extends UpsertSuite {

    /**
     * Without server-side prepared statements: the generic path's key lookups are one text, whose
     * plan PostgreSQL would otherwise fix while the table is still empty (a sequential scan), and
     * keep as the table grows to 100,000 rows.
     */
    @Override
    public TestDatabase database() {
        return TestDatabase.postgres().with("prepareThreshold=0");
    }

    @Override
    UpsertOptions.Builder options() {
        return super.options().dialect(new GenericDialect());
    }

    /**
     * Writers that each change one key's main row and another key's secondary row, crosswise: a
     * secondary change rewrites its main row (the version) in a second pass, which must not wait
     * for a row the other writer holds while it waits for one this writer holds.
     */
    @org.junit.jupiter.api.Test
    void crosswiseChangesInTwoTablesDoNotDeadlock() throws Exception {
        java.util.List<dev.upsert.hibernate.model.Profile> start = java.util.List.of(
                new dev.upsert.hibernate.model.Profile("k1", "n", "b", "w"), new dev.upsert.hibernate.model.Profile("k2", "n", "b", "w"));
        upsertAny(start);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 20; round++) {
                String r = String.valueOf(round);
                java.util.concurrent.CyclicBarrier together = new java.util.concurrent.CyclicBarrier(2);
                java.util.List<java.util.concurrent.Future<dev.upsert.UpsertResult>> writers = new java.util.ArrayList<>();
                for (String[] keys : java.util.List.of(new String[] {"k1", "k2"}, new String[] {"k2", "k1"})) {
                    writers.add(pool.submit(() -> {
                        together.await();
                        // This writer's main change on one key, its secondary change on the other.
                        return factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(java.util.List.of(
                                new dev.upsert.hibernate.model.Profile(keys[0], "n" + r + keys[0], "b", "w"),
                                new dev.upsert.hibernate.model.Profile(keys[1], "n", "b", "w" + r + keys[0])), options().build()));
                    }));
                }
                for (java.util.concurrent.Future<dev.upsert.UpsertResult> writer : writers) {
                    org.assertj.core.api.Assertions.assertThat(writer.get(60, java.util.concurrent.TimeUnit.SECONDS).total()).isEqualTo(2);
                }
            }
        } finally {
            pool.shutdownNow();
        }
        org.assertj.core.api.Assertions.assertThat(query("select count(*) as c from it_profile").get(0).get("c")).isEqualTo(2L);
    }
}
