package dev.upsert.spring;

import dev.upsert.hibernate.TestDatabase;
import org.springframework.test.context.DynamicPropertyRegistry;

/** The test PostgreSQL as Spring Boot's data source. */
final class Postgres {

    private Postgres() {
    }

    static void dataSource(DynamicPropertyRegistry registry) {
        TestDatabase postgres = TestDatabase.postgres();
        registry.add("spring.datasource.url", postgres::url);
        registry.add("spring.datasource.username", postgres::user);
        registry.add("spring.datasource.password", postgres::password);
    }
}
