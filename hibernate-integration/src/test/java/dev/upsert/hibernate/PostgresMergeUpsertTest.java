package dev.upsert.hibernate;

import dev.upsert.UpsertOptions;
import dev.upsert.dialect.PostgresMergeDialect;

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
}
