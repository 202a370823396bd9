package dev.upsert.hibernate;

import dev.upsert.UpsertOptions;
import dev.upsert.dialect.MariaDbDialect;

/**
 * The whole suite on MariaDB as before 10.5 (and as on MySQL): no {@code RETURNING}, each chunk's
 * rows read again after the statement and checked against its count.
 */
class MariaDbCountedUpsertTest extends UpsertSuite {

    @Override
    public TestDatabase database() {
        return TestDatabase.mariadb();
    }

    @Override
    UpsertOptions.Builder options() {
        return super.options().dialect(new MariaDbDialect(false));
    }
}
