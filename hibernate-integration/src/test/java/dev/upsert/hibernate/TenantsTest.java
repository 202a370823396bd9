package dev.upsert.hibernate;

import dev.upsert.Strategy;
import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import dev.upsert.hibernate.model.Memo;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Hibernate's {@code @TenantId}, in a factory of its own (a tenant entity makes every session of
 * its factory name a tenant): each row gets the session's tenant, keys are matched within a
 * tenant, and a SYNC deletes only the session's tenant's vanished rows.
 */
class TenantsTest {

    static Stream<TestDatabase> databases() {
        return Stream.of(TestDatabase.postgres(), TestDatabase.mariadb(), TestDatabase.h2("tenants"));
    }

    @ParameterizedTest
    @MethodSource("databases")
    void tenantsNeverMeet(TestDatabase database) throws Exception {
        try (SessionFactory factory = factory(database)) {
            UpsertOptions sync = UpsertOptions.builder().strategy(Strategy.SYNC).build();
            List<Memo> first = List.of(new Memo("x", "a1"), new Memo("y", "a2"));
            assertThat(upsert(factory, "A", first, sync)).isEqualTo(new UpsertResult(2, 0, 0, 0));
            assertThat(first).extracting(m -> m.tenant).as("written back, as Hibernate's persist does").containsExactly("A", "A");
            assertThat(upsert(factory, "B", List.of(new Memo("x", "b1")), sync))
                    .as("B's x is B's own, and A's rows are not B's to delete").isEqualTo(new UpsertResult(1, 0, 0, 0));
            assertThat(upsert(factory, "A", List.of(new Memo("x", "a1 again")), sync))
                    .as("A's y vanished; B's x is not A's").isEqualTo(new UpsertResult(0, 1, 0, 1));
            assertThat(rows(database)).containsExactly("A/x/a1 again", "B/x/b1");

            Memo foreign = new Memo("z", "?");
            foreign.tenant = "B";
            assertThatThrownBy(() -> upsert(factory, "A", List.of(foreign), UpsertOptions.defaults()))
                    .as("an entity of another tenant").isInstanceOf(RuntimeException.class);
            assertThat(rows(database)).hasSize(2);

            assertThatThrownBy(() -> Upserts.upsertAllInParallel(factory, List.of(new Memo("w", "?")), UpsertOptions.defaults(), 2))
                    .as("the writers' own sessions have no tenant").isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("@TenantId");
        }
    }

    /** The tenant the caller's resolver gives on the caller's thread is the parallel writers' too, not theirs. */
    @ParameterizedTest
    @MethodSource("databases")
    void parallelWritersWriteForTheCallersTenant(TestDatabase database) throws Exception {
        try (SessionFactory factory = factory(database, new ThreadTenant())) {
            ThreadTenant.CURRENT.set("C");
            try {
                assertThat(Upserts.upsertAllInParallel(factory, List.of(new Memo("p", "1"), new Memo("q", "2"), new Memo("r", "3")),
                        UpsertOptions.defaults(), 2).committed()).isEqualTo(new UpsertResult(3, 0, 0, 0));
            } finally {
                ThreadTenant.CURRENT.remove();
            }
            assertThat(rows(database)).containsExactly("C/p/1", "C/q/2", "C/r/3");
        }
    }

    /** The tenant of the thread, or a default: a resolver as applications write them. */
    public static final class ThreadTenant implements org.hibernate.context.spi.CurrentTenantIdentifierResolver<Object> {
        static final ThreadLocal<String> CURRENT = new ThreadLocal<>();

        @Override
        public Object resolveCurrentTenantIdentifier() {
            return CURRENT.get() == null ? "default" : CURRENT.get();
        }

        @Override
        public boolean validateExistingCurrentSessions() {
            return false;
        }
    }

    private static UpsertResult upsert(SessionFactory factory, String tenant, List<Memo> memos, UpsertOptions options) {
        try (Session session = factory.withOptions().tenantIdentifier(tenant).openSession()) {
            return UpsertSession.wrap(session).upsertAll(memos, options);
        }
    }

    private static SessionFactory factory(TestDatabase database) {
        return factory(database, null);
    }

    private static SessionFactory factory(TestDatabase database, ThreadTenant resolver) {
        var settings = new StandardServiceRegistryBuilder();
        if (resolver != null) {
            settings.applySetting(AvailableSettings.MULTI_TENANT_IDENTIFIER_RESOLVER, resolver);
        }
        var registry = settings
                .applySetting(AvailableSettings.JAKARTA_JDBC_URL, database.url())
                .applySetting(AvailableSettings.JAKARTA_JDBC_USER, database.user())
                .applySetting(AvailableSettings.JAKARTA_JDBC_PASSWORD, database.password())
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "create-drop")
                .build();
        return new MetadataSources(registry).addAnnotatedClass(Memo.class).buildMetadata().buildSessionFactory();
    }

    private static List<String> rows(TestDatabase database) throws Exception {
        List<String> rows = new ArrayList<>();
        try (var connection = database.connect(); var statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("select tenant, code, text from it_memo order by tenant, code")) {
            while (rs.next()) {
                rows.add(rs.getString(1) + "/" + rs.getString(2) + "/" + rs.getString(3));
            }
        }
        return rows;
    }
}
