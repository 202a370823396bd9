package dev.upsert.hibernate;

import dev.upsert.UpsertException;
import dev.upsert.hibernate.model.Product;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The whole suite on MariaDB (INSERT ... ON DUPLICATE KEY UPDATE), and what only MariaDB shows. */
class MariaDbUpsertTest extends UpsertSuite implements ConcurrencyTests {

    @Override
    TestDatabase database() {
        return TestDatabase.mariadb();
    }

    @Test
    void refusesATableWithAnotherUniqueKey() {
        factory.inTransaction(s -> s.createNativeMutationQuery(
                "create unique index it_product_name on it_product (name)").executeUpdate());
        try {
            Models.forget(factory);
            assertThatThrownBy(() -> upsertProducts(List.of(new Product("sku-1", "one", BigDecimal.ONE))))
                    .isInstanceOf(UpsertException.class)
                    .hasMessageContaining("it_product_name").hasMessageContaining("ON DUPLICATE KEY UPDATE");
            assertThat(query("select count(*) as c from it_product").get(0).get("c")).isEqualTo(0L);
        } finally {
            factory.inTransaction(s -> s.createNativeMutationQuery("drop index it_product_name on it_product").executeUpdate());
            Models.forget(factory);
        }
    }

    /** The connection dies in the middle of a large call: nothing of it is committed, and the next call works. */
    @Test
    void aConnectionKilledMidCallCommitsNothing() throws Exception {
        int n = 300_000;
        var call = java.util.concurrent.CompletableFuture.supplyAsync(() -> upsertProducts(
                java.util.stream.IntStream.range(0, n).mapToObj(i -> product(i, "doomed")).toList(),
                dev.upsert.UpsertOptions.builder().chunkSize(500).build()));
        try (java.sql.Connection admin = database.connect(); var statement = admin.createStatement()) {
            boolean killed = false;
            for (int attempt = 0; attempt < 200 && !killed && !call.isDone(); attempt++) {
                Thread.sleep(25);
                java.util.List<Long> ids = new java.util.ArrayList<>();
                try (var rs = statement.executeQuery("select id from information_schema.processlist"
                        + " where id <> connection_id() and info like 'INSERT INTO `it_product`%'")) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
                for (long id : ids) {
                    statement.execute("KILL " + id);
                    killed = true;
                }
            }
            assertThat(killed).as("the call's connection was found while it wrote").isTrue();
        }
        assertThatThrownBy(() -> call.get(60, java.util.concurrent.TimeUnit.SECONDS))
                .hasCauseInstanceOf(org.hibernate.JDBCException.class);
        assertThat(query("select count(*) as c from it_product").get(0).get("c")).isEqualTo(0L);
        assertThat(upsertProducts(List.of(product(1, "after")))).isEqualTo(new dev.upsert.UpsertResult(1, 0, 0, 0));
    }

    @Test
    void aChangeOfCaseIsAChange() {
        upsertProducts(List.of(new Product("sku-1", "grace", BigDecimal.ONE)));
        assertThat(upsertProducts(List.of(new Product("sku-1", "Grace", BigDecimal.ONE))).updated()).isEqualTo(1);
        assertThat(query("select name from it_product").get(0).get("name")).isEqualTo("Grace");
    }
}
