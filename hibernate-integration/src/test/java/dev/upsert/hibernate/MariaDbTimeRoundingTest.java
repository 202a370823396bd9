package dev.upsert.hibernate;

import dev.upsert.UpsertResult;
import dev.upsert.hibernate.model.Tick;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.junit.jupiter.api.Test;

import java.sql.ResultSet;
import java.time.LocalDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * MariaDB cuts a time's extra digits of a second, unless its sql_mode has TIME_ROUND_FRACTIONAL:
 * then it rounds, and so does the library, read from the session's mode.
 */
class MariaDbTimeRoundingTest {

    @Test
    void aSessionThatRoundsTimesHasThemRoundedAsItWould() throws Exception {
        TestDatabase rounding = TestDatabase.mariadb().with("sessionVariables=sql_mode=TIME_ROUND_FRACTIONAL");
        var registry = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_JDBC_URL, rounding.url())
                .applySetting(AvailableSettings.JAKARTA_JDBC_USER, rounding.user())
                .applySetting(AvailableSettings.JAKARTA_JDBC_PASSWORD, rounding.password())
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "create-drop")
                .build();
        try (SessionFactory factory = new MetadataSources(registry).addAnnotatedClass(Tick.class).buildMetadata().buildSessionFactory()) {
            LocalDateTime noon = LocalDateTime.of(2026, 11, 29, 12, 0);
            List<Tick> first = List.of(new Tick("s", noon.plusNanos(700_000_000), "1.00", 1));
            UpsertResult inserted = factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(first));
            assertThat(inserted).isEqualTo(new UpsertResult(1, 0, 0, 0));
            List<Tick> again = List.of(new Tick("s", noon.plusSeconds(1), "1.00", 1));
            UpsertResult same = factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(again));
            assertThat(same).as("the same key as the server keeps it").isEqualTo(new UpsertResult(0, 0, 1, 0));
            try (var connection = rounding.connect(); var statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery("select at from it_tick")) {
                assertThat(rs.next()).isTrue();
                assertThat(rs.getObject(1, LocalDateTime.class)).isEqualTo(noon.plusSeconds(1));
            }
        }
    }
}
