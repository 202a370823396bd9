package dev.upsert.hibernate;

/** The whole suite on MariaDB (INSERT ... ON DUPLICATE KEY UPDATE). */
class MariaDbUpsertTest extends UpsertSuite {
    @Override
    TestDatabase database() {
        return TestDatabase.mariadb();
    }
}
