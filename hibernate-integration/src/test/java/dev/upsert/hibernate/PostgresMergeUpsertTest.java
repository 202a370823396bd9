package dev.upsert.hibernate;

import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import dev.upsert.dialect.PostgresMergeDialect;
import dev.upsert.hibernate.model.Product;
import dev.upsert.hibernate.model.Stamped;
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
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** The whole suite on PostgreSQL through the opt-in MERGE dialect. */
class PostgresMergeUpsertTest extends UpsertSuite {

    @Override
    public TestDatabase database() {
        return TestDatabase.postgres();
    }

    @Override
    UpsertOptions.Builder options() {
        return super.options().dialect(new PostgresMergeDialect());
    }

    @Override
    List<Class<?>> entities() {
        return java.util.stream.Stream.concat(super.entities().stream(), java.util.stream.Stream.of(Stamped.class)).toList();
    }

    /** The MERGE's source turns the arrays' microseconds and days back into timestamps and dates, as the upsert's does. */
    @Test
    void timestampsAndDatesTravelAsNumbersThroughMerge() {
        java.time.OffsetDateTime time = java.time.OffsetDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_500,
                java.time.ZoneOffset.ofHours(-3));
        java.util.function.Function<java.time.OffsetDateTime, List<Stamped>> batch = t -> List.of(
                new Stamped("a", java.time.Instant.ofEpochSecond(1_795_921_445L, 1_000), t, t.toLocalDateTime(), t.toLocalDate()),
                new Stamped("b", java.time.Instant.ofEpochSecond(0), null, null, null));
        assertThat(upsertAny(batch.apply(time))).isEqualTo(new UpsertResult(2, 0, 0, 0));
        assertThat(upsertAny(batch.apply(time))).isEqualTo(new UpsertResult(0, 0, 2, 0));
        assertThat(upsertAny(batch.apply(time.plusDays(1)))).isEqualTo(new UpsertResult(0, 1, 1, 0));
        assertThat(query("select code, extract(epoch from moment) * 1000000 as moment, extract(epoch from zoned) * 1000000 as zoned,"
                + " to_char(wall, 'YYYY-MM-DD HH24:MI:SS.US') as wall, to_char(day, 'YYYY-MM-DD') as day from it_stamped order by code"))
                .extracting(r -> r.get("code"), r -> ((BigDecimal) r.get("moment")).longValueExact(),
                        r -> r.get("zoned") == null ? null : ((BigDecimal) r.get("zoned")).longValueExact(), r -> r.get("wall"), r -> r.get("day"))
                .containsExactly(
                        org.assertj.core.api.Assertions.tuple("a", 1_795_921_445_000_001L, 86_400_000_000L + 3 * 3_600_000_000L,
                                "1970-01-02 00:00:00.000000", "1970-01-01"),
                        org.assertj.core.api.Assertions.tuple("b", 0L, null, null, null));
    }

    /** MERGE matches rows by a join, so a deferrable unique constraint on the key serves, where ON CONFLICT's cannot. */
    @Test
    void aDeferrableUniqueKeyServes() {
        inspectedAfter("alter table it_unindexed add constraint it_unindexed_code unique (code) deferrable", () -> {
            assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Unindexed("a")))).isEqualTo(new UpsertResult(1, 0, 0, 0));
            assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Unindexed("a")))).isEqualTo(new UpsertResult(0, 0, 1, 0));
            assertThat(query("select code from it_unindexed")).extracting(r -> r.get("code")).containsExactly("a");
        }, "delete from it_unindexed; alter table it_unindexed drop constraint it_unindexed_code");
    }

    /**
     * MERGE alone does not wait for a concurrent insert of the same key (one writer fails with a
     * unique violation) and counts from a read just before it; with the key locks, writers of the
     * same new keys take turns: each key is counted inserted exactly once, every row is whole.
     */
    @Test
    void concurrentWritersOfTheSameNewKeysCountEachInsertOnce() throws Exception {
        int keys = 200;
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        List<Future<UpsertResult>> results = new ArrayList<>();
        try {
            for (int w = 0; w < writers; w++) {
                int writer = w;
                results.add(pool.submit(() -> {
                    List<Product> batch = new ArrayList<>(IntStream.range(0, keys)
                            .mapToObj(k -> new Product("sku-" + k, "writer-" + writer, BigDecimal.valueOf(writer))).toList());
                    Collections.shuffle(batch, new Random(writer));
                    return upsertProducts(batch);
                }));
            }
            UpsertResult total = UpsertResult.EMPTY;
            for (Future<UpsertResult> result : results) {
                total = total.plus(result.get(60, TimeUnit.SECONDS));
            }
            assertThat(total.inserted()).isEqualTo(keys);
            assertThat(total.total()).isEqualTo((long) keys * writers);
        } finally {
            pool.shutdownNow();
        }
        List<Map<String, Object>> rows = query("select sku, name, price from it_product");
        assertThat(rows).hasSize(keys).allSatisfy(r -> assertThat(r.get("name"))
                .isEqualTo("writer-" + ((BigDecimal) r.get("price")).intValueExact()));
    }
}
