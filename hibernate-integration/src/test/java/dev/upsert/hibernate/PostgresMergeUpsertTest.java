package dev.upsert.hibernate;

import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import dev.upsert.dialect.PostgresMergeDialect;
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
