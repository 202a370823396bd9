package dev.upsert.hibernate;

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
}
