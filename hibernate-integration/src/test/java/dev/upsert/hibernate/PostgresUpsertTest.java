package dev.upsert.hibernate;

/** The whole suite on PostgreSQL. */
class PostgresUpsertTest extends UpsertSuite {
    @Override
    TestDatabase database() {
        return TestDatabase.postgres();
    }
}
