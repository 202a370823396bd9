package dev.upsert.hibernate;

import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

/**
 * The whole suite on SQLite (INSERT ... ON CONFLICT), through Hibernate's community dialect. The
 * schema comes from a script, as it does for SQLite users: that dialect creates neither the
 * unique indexes nor an INTEGER PRIMARY KEY for an identity id.
 */
class SqliteUpsertTest extends UpsertSuite {

    @Override
    public TestDatabase database() {
        return TestDatabase.sqlite("upsert_suite");
    }

    @Override
    void configure(StandardServiceRegistryBuilder settings) {
        settings.applySetting(AvailableSettings.HBM2DDL_AUTO, "none")
                .applySetting(AvailableSettings.JAKARTA_HBM2DDL_DATABASE_ACTION, "create")
                .applySetting(AvailableSettings.JAKARTA_HBM2DDL_CREATE_SOURCE, "script")
                .applySetting(AvailableSettings.JAKARTA_HBM2DDL_CREATE_SCRIPT_SOURCE, "sqlite-schema.sql");
    }
}
