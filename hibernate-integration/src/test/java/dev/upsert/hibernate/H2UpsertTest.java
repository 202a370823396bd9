package dev.upsert.hibernate;

import org.junit.jupiter.api.Test;

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

    /** An array's element longer than its column takes: refused by the column, not cut by a cast. */
    @Test
    void anArrayElementTooLongIsRefusedNotCut() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> upsertAny(List.of(
                new dev.upsert.hibernate.model.Article("long", List.of(), "x".repeat(300)))))
                .hasStackTraceContaining("Value too long");
        org.assertj.core.api.Assertions.assertThat(query("select count(*) as c from it_article").get(0).get("c")).isEqualTo(0L);
    }

    /** A table in another catalog, of a schema there: refused, where writing the schema alone would reach another table. */
    @Test
    void aTableNamedByCatalogAndSchemaIsRefused() {
        try (org.hibernate.SessionFactory other = factoryOf(Catalogued.class)) {
            Catalogued row = new Catalogued();
            row.code = "a";
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.inTransaction(s -> UpsertSession.wrap(s).upsertAll(List.of(row))))
                    .isInstanceOf(dev.upsert.UpsertException.class).hasMessageContaining("qualified by a catalog as well as a schema");
        }
    }

    /** A versioned history's versions hold the values sent: a @Merge policy on one of its attributes is refused. */
    @Test
    void aMergePolicyOnAHistoryIsRefused() {
        try (org.hibernate.SessionFactory other = factoryOf(MergedHistory.class)) {
            MergedHistory row = new MergedHistory();
            row.code = "a";
            row.total = 1L;
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> other.inTransaction(s -> UpsertSession.wrap(s).upsertAll(List.of(row))))
                    .isInstanceOf(dev.upsert.UpsertException.class).hasMessageContaining("'total' cannot take @Merge(ADD)");
        }
    }

    /** A factory of one entity on the suite's database, which creates no table: for calls refused before any is read. */
    private org.hibernate.SessionFactory factoryOf(Class<?> entity) {
        return new org.hibernate.boot.MetadataSources(new org.hibernate.boot.registry.StandardServiceRegistryBuilder()
                .applySetting(org.hibernate.cfg.AvailableSettings.JAKARTA_JDBC_URL, database.url())
                .applySetting(org.hibernate.cfg.AvailableSettings.JAKARTA_JDBC_USER, database.user())
                .applySetting(org.hibernate.cfg.AvailableSettings.JAKARTA_JDBC_PASSWORD, database.password())
                // Its own factory must not close the cache manager the suite's factory shares.
                .applySetting(org.hibernate.cfg.AvailableSettings.USE_SECOND_LEVEL_CACHE, "false")
                .build()).addAnnotatedClass(entity).buildMetadata().buildSessionFactory();
    }

    @jakarta.persistence.Entity
    @jakarta.persistence.Table(name = "it_merged_history")
    static class MergedHistory {
        @jakarta.persistence.Id
        @jakarta.persistence.GeneratedValue
        Long id;

        @dev.upsert.NaturalKey
        String code;

        @dev.upsert.Merge(dev.upsert.MergePolicy.ADD)
        Long total;

        @dev.upsert.ValidFrom
        java.time.Instant validFrom;

        @dev.upsert.ValidTo
        java.time.Instant validTo;

        @dev.upsert.Current
        Boolean current;
    }

    @jakarta.persistence.Entity
    @jakarta.persistence.Table(name = "it_catalogued", catalog = "ARCHIVE", schema = "PUBLIC")
    static class Catalogued {
        @jakarta.persistence.Id
        @jakarta.persistence.GeneratedValue
        Long id;

        @dev.upsert.NaturalKey
        String code;
    }
}
