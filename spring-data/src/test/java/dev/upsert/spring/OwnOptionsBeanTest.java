package dev.upsert.spring;

import dev.upsert.DuplicateKeyPolicy;
import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import dev.upsert.hibernate.TestDatabase;
import dev.upsert.spring.app.Account;
import dev.upsert.spring.app.AccountRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An application's own {@link UpsertOptions} bean replaces the one the {@code upsert.*} properties make. */
@DataJpaTest(properties = {"spring.jpa.hibernate.ddl-auto=create-drop", "upsert.duplicate-key-policy=fail"})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class OwnOptionsBeanTest {

    @TestConfiguration
    static class OwnOptions {
        @Bean
        UpsertOptions upsertOptions() {
            // Retries for the application's calls outside repositories: a repository's calls run without them.
            return UpsertOptions.builder().duplicateKeyPolicy(DuplicateKeyPolicy.FIRST_WINS).retries(2).build();
        }
    }

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.dataSource(registry);
    }

    @Autowired
    AccountRepository accounts;

    @Autowired
    JdbcTemplate jdbc;

    @Test
    void theApplicationsOptionsApplyRatherThanTheProperties() {
        UpsertResult result = accounts.upsertAll(List.of(new Account("1", "first", BigDecimal.ONE),
                new Account("1", "second", BigDecimal.TEN)));
        assertThat(result).isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThat(jdbc.queryForList("select owner from sd_account", String.class)).containsExactly("first");
    }
}
