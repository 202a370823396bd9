package dev.upsert.hibernate;

import dev.upsert.hibernate.model.Ledger;
import java.util.List;
import java.util.stream.Stream;

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

/** The whole suite on PostgreSQL, and what only PostgreSQL shows. */
class PostgresUpsertTest extends UpsertSuite implements SchemaTests {

    @Override
    List<Class<?>> entities() {
        return Stream.concat(super.entities().stream(), Stream.of(Ledger.class)).toList();
    }


    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }

    @Test
    void existingKeysDoNotAdvanceTheIdSequence() {
        upsert(List.of(customer("crm", "1", "Ada"), customer("crm", "2", "Grace")));
        long before = identityValue();

        assertThat(upsert(List.of(customer("crm", "1", "Ada L."), customer("crm", "2", "Grace"))))
                .isEqualTo(new UpsertResult(0, 1, 1, 0));
        assertThat(identityValue()).isEqualTo(before);

        upsert(List.of(customer("crm", "3", "Alan")));
        assertThat(identityValue()).isEqualTo(before + 1);
        assertThat(idsByKey().get("crm/3")).isEqualTo(before + 1);
    }

    /**
     * Writers that upsert overlapping keys in different orders, each call in its own transaction:
     * rows are written in natural-key order, so none deadlocks, and every row is one writer's whole.
     */
    @Test
    void concurrentWritersOfOverlappingKeysNeitherDeadlockNorMixRows() throws Exception {
        int writers = 4;
        int rounds = 8;
        int keys = 400;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int w = 0; w < writers; w++) {
                int writer = w;
                done.add(pool.submit(() -> {
                    Random random = new Random(writer);
                    for (int round = 0; round < rounds; round++) {
                        List<Product> batch = new ArrayList<>(IntStream.range(0, keys)
                                .filter(k -> random.nextInt(4) != 0)
                                .mapToObj(k -> new Product("sku-" + k, "writer-" + writer,
                                        BigDecimal.valueOf(writer))).toList());
                        Collections.shuffle(batch, random);
                        upsertProducts(batch);
                    }
                    return null;
                }));
            }
            for (Future<?> future : done) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        List<Map<String, Object>> rows = query("select sku, name, price from it_product");
        assertThat(rows).hasSize(keys);
        assertThat(rows).allSatisfy(r -> assertThat(r.get("name"))
                .isEqualTo("writer-" + ((BigDecimal) r.get("price")).intValueExact()));
    }

    private long identityValue() {
        return ((Number) query("select last_value from it_customer_id_seq").get(0).get("last_value")).longValue();
    }
}
