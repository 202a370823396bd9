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
    public TestDatabase database() {
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

    @Override
    public boolean killWritersOf(java.sql.Statement admin, String table) throws java.sql.SQLException {
        List<Long> ids = new java.util.ArrayList<>();
        try (var rs = admin.executeQuery("select id from information_schema.processlist"
                + " where id <> connection_id() and info like 'INSERT INTO `" + table + "`%'")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        for (long id : ids) {
            admin.execute("KILL " + id);
        }
        return !ids.isEmpty();
    }

    @Test
    void aChangeOfCaseIsAChange() {
        upsertProducts(List.of(new Product("sku-1", "grace", BigDecimal.ONE)));
        assertThat(upsertProducts(List.of(new Product("sku-1", "Grace", BigDecimal.ONE))).updated()).isEqualTo(1);
        assertThat(query("select name from it_product").get(0).get("name")).isEqualTo("Grace");
    }
}
