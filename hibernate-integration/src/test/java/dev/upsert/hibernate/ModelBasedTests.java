package dev.upsert.hibernate;

import dev.upsert.Strategy;
import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import dev.upsert.hibernate.model.Product;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Random sequences of batches (random keys, repeated keys, nulls in non-key columns, rows sent
 * again unchanged, every strategy) applied through the library and through a plain in-memory
 * model of what each call should do. After every call the reported counts, the table's contents
 * and the ids written back into the entities must equal the model's. Seeded: a failure names
 * the seed and step that reproduce it.
 */
interface ModelBasedTests {

    long[] SEEDS = {1, 2, 3};
    int STEPS = 25;
    int KEYS = 40;

    UpsertResult upsertProducts(List<Product> batch, UpsertOptions options);

    List<Map<String, Object>> query(String sql);

    /** What the model holds per key. */
    record Stored(String name, BigDecimal price) {
    }

    @Test
    default void randomBatchesMatchAnInMemoryModel() {
        for (long seed : SEEDS) {
            Random random = new Random(seed);
            Map<String, Stored> model = new TreeMap<>();
            // Starts from the table the suite emptied, then carries on through every step.
            if (seed != SEEDS[0]) {
                upsertProducts(List.of(), UpsertOptions.builder().strategy(Strategy.SYNC).allowEmptyBatch(true).build());
            }
            for (int step = 0; step < STEPS; step++) {
                String where = "seed " + seed + ", step " + step;
                Strategy strategy = pick(random);
                boolean skipUnchanged = random.nextInt(4) != 0;
                List<Product> batch = batch(random, model, strategy == Strategy.SYNC);
                UpsertOptions options = UpsertOptions.builder().strategy(strategy).skipUnchanged(skipUnchanged).build();

                UpsertResult expected = apply(model, batch, strategy, skipUnchanged);
                UpsertResult actual = upsertProducts(batch, options);

                assertThat(actual).as("counts at %s (%s, skipUnchanged %s)", where, strategy, skipUnchanged).isEqualTo(expected);
                Map<String, Stored> table = new TreeMap<>();
                Map<String, Long> ids = new TreeMap<>();
                for (Map<String, Object> row : query("select id, sku, name, price from it_product")) {
                    table.put((String) row.get("sku"), new Stored((String) row.get("name"), scaled(row.get("price"))));
                    ids.put((String) row.get("sku"), ((Number) row.get("id")).longValue());
                }
                assertThat(table).as("table at %s (%s)", where, strategy).isEqualTo(model);
                for (Product product : batch) {
                    assertThat(product.id).as("id of %s at %s", product.sku, where).isEqualTo(ids.get(product.sku));
                }
            }
        }
    }

    private static Strategy pick(Random random) {
        int n = random.nextInt(10);
        return n < 6 ? Strategy.UPSERT : n < 7 ? Strategy.INSERT_MISSING : n < 9 ? Strategy.SYNC : Strategy.DELETE_THEN_INSERT;
    }

    /** Up to 30 rows over {@link #KEYS} keys: some repeated, some as stored, some with nulls. */
    private static List<Product> batch(Random random, Map<String, Stored> model, boolean nonEmpty) {
        int size = random.nextInt(31);
        if (nonEmpty && size == 0) {
            size = 1;
        }
        List<Product> batch = new ArrayList<>(size);
        for (int i = 0; i < size; i++) {
            String sku = "sku-" + random.nextInt(KEYS);
            Stored stored = model.get(sku);
            if (stored != null && random.nextInt(3) == 0) {
                batch.add(new Product(sku, stored.name(), stored.price()));   // sent again as it is
            } else {
                String[] names = {null, "a", "b", "c"};
                BigDecimal[] prices = {null, new BigDecimal("1.00"), new BigDecimal("2.50")};
                batch.add(new Product(sku, names[random.nextInt(names.length)], prices[random.nextInt(prices.length)]));
            }
        }
        return batch;
    }

    /** What the call should do to the model, and the counts it should report. */
    private static UpsertResult apply(Map<String, Stored> model, List<Product> batch, Strategy strategy, boolean skipUnchanged) {
        Map<String, Stored> rows = new LinkedHashMap<>();
        for (Product product : batch) {
            rows.put(product.sku, new Stored(product.name, product.price));   // the last one wins
        }
        long inserted = 0;
        long updated = 0;
        long unchanged = 0;
        long deleted = 0;
        if (strategy == Strategy.DELETE_THEN_INSERT) {
            for (String sku : rows.keySet()) {
                deleted += model.remove(sku) != null ? 1 : 0;
            }
        }
        for (Map.Entry<String, Stored> row : rows.entrySet()) {
            Stored old = model.get(row.getKey());
            if (old == null) {
                inserted++;
                model.put(row.getKey(), row.getValue());
            } else if (strategy == Strategy.INSERT_MISSING) {
                unchanged++;
            } else if (old.equals(row.getValue()) && skipUnchanged) {
                unchanged++;
            } else {
                updated++;
                model.put(row.getKey(), row.getValue());
            }
        }
        if (strategy == Strategy.SYNC) {
            List<String> absent = model.keySet().stream().filter(k -> !rows.containsKey(k)).toList();
            absent.forEach(model::remove);
            deleted = absent.size();
        }
        return new UpsertResult(inserted, updated, unchanged, deleted);
    }

    /** Prices as the model holds them, whatever scale the database returns. */
    private static BigDecimal scaled(Object price) {
        return price == null ? null : new BigDecimal(Objects.toString(price)).setScale(2, java.math.RoundingMode.UNNECESSARY);
    }
}
