package dev.upsert.hibernate;

/** The whole suite on H2, as its own dialect (MERGE). */
class H2UpsertTest extends UpsertSuite {
    @Override
    TestDatabase database() {
        return TestDatabase.h2("upsert_suite");
    }
}
