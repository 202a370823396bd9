package dev.upsert.hibernate;

import dev.upsert.UpsertResult;
import dev.upsert.hibernate.model.Ledger;
import org.hibernate.SessionFactory;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** For databases with schemas: a table and its sequence outside the default schema. */
interface SchemaTests {

    SessionFactory factory();

    List<Map<String, Object>> query(String sql);

    @Test
    default void upsertsIntoASchemaQualifiedTable() {
        factory().inTransaction(s -> s.createNativeMutationQuery("delete from upsert_it.it_ledger").executeUpdate());
        List<Ledger> first = List.of(new Ledger("a", BigDecimal.ONE), new Ledger("b", BigDecimal.TEN));
        UpsertResult firstRun = factory().fromTransaction(s -> UpsertSession.wrap(s).upsertAll(first));
        assertThat(firstRun).isEqualTo(new UpsertResult(2, 0, 0, 0));
        List<Ledger> second = List.of(new Ledger("b", BigDecimal.ONE), new Ledger("c", BigDecimal.ONE));
        UpsertResult secondRun = factory().fromTransaction(s -> UpsertSession.wrap(s).upsertAll(second));
        assertThat(secondRun).isEqualTo(new UpsertResult(1, 1, 0, 0));

        assertThat(query("select id, account, balance from upsert_it.it_ledger order by account"))
                .extracting(r -> r.get("account"), r -> ((BigDecimal) r.get("balance")).intValue())
                .containsExactly(tuple("a", 1), tuple("b", 1), tuple("c", 1));
        assertThat(second.get(0).id).isEqualTo(first.get(1).id);
    }
}
