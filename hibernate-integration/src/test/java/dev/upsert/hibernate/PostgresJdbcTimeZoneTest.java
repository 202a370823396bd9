package dev.upsert.hibernate;

import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;

/**
 * The whole suite on PostgreSQL with Hibernate's {@code jdbc.time_zone} set to a zone other than
 * the JVM's: Hibernate binds date-times and times of day shifted into it, and the upsert stores
 * them as Hibernate's own persist does.
 */
class PostgresJdbcTimeZoneTest extends UpsertSuite {

    @Override
    public TestDatabase database() {
        return TestDatabase.postgres();
    }

    @Override
    void configure(StandardServiceRegistryBuilder settings) {
        settings.applySetting(AvailableSettings.JDBC_TIME_ZONE,
                java.util.TimeZone.getDefault().getID().equals("America/New_York") ? "Asia/Kolkata" : "America/New_York");
    }
}
