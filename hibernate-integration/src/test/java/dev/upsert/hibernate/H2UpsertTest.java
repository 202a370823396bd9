package dev.upsert.hibernate;

import org.junit.jupiter.api.Test;

import dev.upsert.hibernate.model.Ledger;
import java.util.List;
import java.util.stream.Stream;

/** The whole suite on H2, as its own dialect (MERGE). */
class H2UpsertTest extends UpsertSuite implements SchemaTests {

    @Override
    List<Class<?>> entities() {
        return Stream.concat(super.entities().stream(), Stream.of(Ledger.class)).toList();
    }

    @Override
    public TestDatabase database() {
        return TestDatabase.h2("upsert_suite");
    }

    /** An array's element longer than its column takes: refused by the column, not cut by a cast. */
    @Test
    void anArrayElementTooLongIsRefusedNotCut() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> upsertAny(List.of(
                new dev.upsert.hibernate.model.Article("long", List.of(), "x".repeat(300)))))
                .hasStackTraceContaining("Value too long");
        org.assertj.core.api.Assertions.assertThat(query("select count(*) as c from it_article").get(0).get("c")).isEqualTo(0L);
    }
}
