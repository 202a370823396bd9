package dev.upsert.hibernate;

import dev.upsert.UpsertResult;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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

    /** SQLite keeps a decimal as given, whatever scale its column declares: another value is a change. */
    @Override
    @Test
    void aHistoryComparesDecimalsAsItsColumnKeepsThem() {
        assertThat(upsertAny(ada("1.495", null))).isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThat(upsertAny(ada("1.495", null))).isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(upsertAny(ada("1.5", null))).isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(query("select cast(credit_limit as text) as l from it_history order by valid_from"))
                .extracting(r -> r.get("l")).containsExactly("1.495", "1.5");
    }

    /** SQLite keeps a key's time and decimal as given: each value is a key of its own. */
    @Override
    @Test
    void keysAsTheirColumnsKeepThem() {
        java.time.LocalDateTime noon = java.time.LocalDateTime.of(2026, 11, 29, 12, 0);
        assertThat(upsertAny(java.util.List.of(new dev.upsert.hibernate.model.Tick("t1", noon.plusNanos(400_000_000), "1.499", 1))))
                .isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThat(upsertAny(java.util.List.of(new dev.upsert.hibernate.model.Tick("t1", noon, "1.50", 1))))
                .isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThat(query("select count(*) as c from it_tick").get(0).get("c")).isIn(2, 2L);
    }

    @Override
    boolean keepsDeclaredFractionalSeconds() {
        return false;
    }
}
