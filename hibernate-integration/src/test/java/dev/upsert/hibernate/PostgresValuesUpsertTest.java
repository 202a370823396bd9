package dev.upsert.hibernate;

import dev.upsert.UpsertOptions;
import dev.upsert.dialect.PostgresDialect;

/**
 * The whole suite on PostgreSQL with every value bound by itself (multi-row VALUES), as a chunk is
 * where one of its values cannot travel in an array.
 */
class PostgresValuesUpsertTest extends UpsertSuite {

    @Override
    public TestDatabase database() {
        return TestDatabase.postgres();
    }

    @Override
    UpsertOptions.Builder options() {
        return super.options().dialect(new PostgresDialect(false));
    }
}
