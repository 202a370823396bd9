package dev.upsert.hibernate;

import dev.upsert.UpsertResult;
import dev.upsert.UpsertException;
import dev.upsert.hibernate.model.Ledger;
import dev.upsert.hibernate.model.UnindexedHistory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The whole suite on PostgreSQL, and what only PostgreSQL shows. */
class PostgresUpsertTest extends UpsertSuite implements SchemaTests, ConcurrencyTests {

    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }

    @Override
    List<Class<?>> entities() {
        return Stream.concat(super.entities().stream(), Stream.of(Ledger.class, UnindexedHistory.class)).toList();
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

    @Test
    void aHistoryWithoutItsCurrentVersionIndexIsRefusedWithTheFix() {
        assertThatThrownBy(() -> upsertAny(List.of(new UnindexedHistory("a"))))
                .isInstanceOf(UpsertException.class)
                .hasMessageContaining("one current version per natural key")
                .hasMessageContaining("CREATE UNIQUE INDEX \"it_unindexed_history_current\" ON \"public\".\"it_unindexed_history\" (\"code\")"
                        + " WHERE \"is_current\"");
        assertThat(query("select count(*) as c from it_unindexed_history").get(0).get("c")).isEqualTo(0L);
    }

    private long identityValue() {
        return ((Number) query("select last_value from it_customer_id_seq").get(0).get("last_value")).longValue();
    }
}
