package dev.upsert.hibernate;

import dev.upsert.UpsertOptions;
import dev.upsert.dialect.GenericDialect;

/**
 * The whole suite through the generic fallback (separate UPDATE and INSERT batches), forced on
 * PostgreSQL, as it would run on a database without a dialect of its own.
 */
class GenericUpsertTest extends UpsertSuite {

    /**
     * Without server-side prepared statements: the generic path's key lookups are one text, whose
     * plan PostgreSQL would otherwise fix while the table is still empty (a sequential scan), and
     * keep as the table grows to 100,000 rows.
     */
    @Override
    public TestDatabase database() {
        return TestDatabase.postgres().with("prepareThreshold=0");
    }

    @Override
    UpsertOptions.Builder options() {
        return super.options().dialect(new GenericDialect());
    }
}
