package dev.upsert.spring;

import dev.upsert.Strategy;
import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import dev.upsert.spring.app.Account;
import dev.upsert.spring.app.AccountRepository;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** An application's UpsertOptions bean that deletes would make every repository's plain call a sync: refused. */
@DataJpaTest(properties = "spring.jpa.hibernate.ddl-auto=create-drop")
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
class DeletingOptionsBeanTest {

    @TestConfiguration
    static class SyncByDefault {
        @Bean
        UpsertOptions upsertOptions() {
            return UpsertOptions.builder().strategy(Strategy.SYNC).build();
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
    void aDefaultThatDeletesIsRefusedAndOptionsPerCallStillSync() {
        assertThatThrownBy(() -> accounts.upsertAll(List.of(new Account("1", "Ada", BigDecimal.ONE))))
                .isInstanceOf(InvalidDataAccessApiUsageException.class).hasMessageContaining("SYNC")
                .hasMessageContaining("Pass such options per call");
        assertThat(jdbc.queryForList("select owner from sd_account", String.class)).isEmpty();
        assertThat(accounts.upsertAll(List.of(new Account("1", "Ada", BigDecimal.ONE)), UpsertOptions.builder()
                .strategy(Strategy.SYNC).build())).isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThat(jdbc.queryForList("select owner from sd_account", String.class)).containsExactly("Ada");
    }
}
