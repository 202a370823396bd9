package dev.upsert.spring;

import dev.upsert.DuplicateKeyPolicy;
import dev.upsert.Strategy;
import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import dev.upsert.hibernate.TestDatabase;
import dev.upsert.spring.app.Account;
import dev.upsert.spring.app.AccountRepository;
import dev.upsert.spring.app.AccountService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.data.jpa.test.autoconfigure.DataJpaTest;
import org.springframework.boot.jdbc.test.autoconfigure.AutoConfigureTestDatabase;
import org.springframework.context.annotation.Import;
import org.springframework.dao.InvalidDataAccessApiUsageException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * The repository fragment in a Spring Boot JPA test slice against real PostgreSQL. The tests that
 * look at committed state run outside the slice's own rolled-back transaction.
 */
@DataJpaTest(properties = {"spring.jpa.hibernate.ddl-auto=create-drop", "upsert.duplicate-key-policy=fail"})
@AutoConfigureTestDatabase(replace = AutoConfigureTestDatabase.Replace.NONE)
@Import(AccountService.class)
class UpsertRepositoryTest {

    @DynamicPropertySource
    static void postgres(DynamicPropertyRegistry registry) {
        Postgres.dataSource(registry);
    }

    @Autowired
    AccountRepository accounts;

    @Autowired
    AccountService service;

    @Autowired
    dev.upsert.spring.app.UnkeyedRepository unkeyed;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    TransactionTemplate transactions;

    @AfterEach
    void empty() {
        transactions.executeWithoutResult(t -> jdbc.update("delete from sd_account"));
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void upsertsThroughTheRepositoryInATransactionOfItsOwn() {
        assertThat(accounts.upsertAll(List.of(account("1", "Ada", "10.00"), account("2", "Grace", "20.00"))))
                .isEqualTo(new UpsertResult(2, 0, 0, 0));
        List<Account> second = List.of(account("1", "Ada", "10.00"), account("2", "Grace", "25.00"), account("3", "Alan", "0.00"));
        assertThat(accounts.upsertAll(second)).isEqualTo(new UpsertResult(1, 1, 1, 0));

        assertThat(rows()).extracting(r -> r.get("number"), r -> r.get("owner"), r -> ((BigDecimal) r.get("balance")).toPlainString())
                .containsExactly(tuple("1", "Ada", "10.00"), tuple("2", "Grace", "25.00"), tuple("3", "Alan", "0.00"));
        assertThat(second).allSatisfy(a -> assertThat(a.id).isNotNull());
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void joinsAServiceTransaction() {
        UpsertResult result = service.importAndRename(List.of(account("1", "Ada", "1.00")), "1", "Ada Lovelace");
        assertThat(result.inserted()).isEqualTo(1);
        assertThat(rows()).extracting(r -> r.get("owner")).containsExactly("Ada Lovelace");
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void aFailingServiceTransactionWritesNothing() {
        accounts.upsertAll(List.of(account("1", "Ada", "1.00")));
        assertThatThrownBy(() -> service.importThenFail(List.of(account("1", "Changed", "9.00"), account("2", "New", "2.00"))))
                .hasMessageContaining("downstream step failed");
        assertThat(rows()).extracting(r -> r.get("number"), r -> r.get("owner")).containsExactly(tuple("1", "Ada"));
    }

    @Test
    void rollsBackWithTheSurroundingTestTransaction() {
        assertThat(accounts.upsertAll(List.of(account("1", "Ada", "1.00"))).inserted()).isEqualTo(1);
        assertThat(accounts.findByNumber("1")).as("visible inside the transaction").isPresent();
        assertThat(committedCount()).as("not committed").isZero();
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void propertiesSetTheDefaultsAndOptionsOverrideThem() {
        List<Account> repeated = List.of(account("1", "Ada", "1.00"), account("1", "Ada again", "2.00"));
        // Spring's repository exception translation turns the IllegalArgumentException into its own type.
        assertThatThrownBy(() -> accounts.upsertAll(repeated)).as("upsert.duplicate-key-policy=fail")
                .isInstanceOf(InvalidDataAccessApiUsageException.class).hasMessageContaining("FAIL")
                .hasRootCauseInstanceOf(IllegalArgumentException.class);
        assertThat(accounts.upsertAll(repeated, UpsertOptions.builder().duplicateKeyPolicy(DuplicateKeyPolicy.LAST_WINS).build()))
                .isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThat(rows()).extracting(r -> r.get("owner")).containsExactly("Ada again");
    }

    /** The repository begins or joins the transaction: retries never run there, and are dropped with a warning. */
    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void retriesDoNotApplyInARepository() {
        UpsertResult result = accounts.upsertAll(List.of(account("1", "Ada", "1.00")), UpsertOptions.builder().retries(2).build());
        assertThat(result).isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThat(rows()).extracting(r -> r.get("owner")).containsExactly("Ada");
    }

    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void anEmptySyncKnowsTheRepositorysEntity() {
        accounts.upsertAll(List.of(account("1", "Ada", "1.00")));
        UpsertOptions sync = UpsertOptions.builder().strategy(Strategy.SYNC).allowEmptyBatch(true).build();
        assertThat(accounts.upsertAll(List.of(), sync)).isEqualTo(new UpsertResult(0, 0, 0, 1));
        assertThat(rows()).isEmpty();
    }

    /** A read-only transaction is refused, rather than joined and written in on databases that would let it. */
    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void aReadOnlyTransactionIsRefused() {
        TransactionTemplate readOnly = new TransactionTemplate(transactions.getTransactionManager());
        readOnly.setReadOnly(true);
        assertThatThrownBy(() -> readOnly.executeWithoutResult(t -> accounts.upsertAll(List.of(account("1", "Ada", "1.00")))))
                .isInstanceOf(InvalidDataAccessApiUsageException.class).hasMessageContaining("read-only");
        assertThat(rows()).isEmpty();
    }

    /** The library's mapping and schema errors arrive as Spring's data access exceptions. */
    @Test
    @Transactional(propagation = Propagation.NOT_SUPPORTED)
    void aMappingErrorArrivesAsADataAccessException() {
        assertThatThrownBy(() -> unkeyed.upsertAll(List.of(new dev.upsert.spring.app.Unkeyed())))
                .isInstanceOf(org.springframework.dao.InvalidDataAccessResourceUsageException.class)
                .hasMessageContaining("NaturalKey").hasCauseInstanceOf(dev.upsert.UpsertException.class);
        assertThat(jdbc.queryForList("select * from sd_unkeyed")).isEmpty();
    }

    private static Account account(String number, String owner, String balance) {
        return new Account(number, owner, new BigDecimal(balance));
    }

    private List<Map<String, Object>> rows() {
        return jdbc.queryForList("select number, owner, balance from sd_account order by number");
    }

    /** Over a connection of its own, so that it sees only what was committed. */
    private long committedCount() {
        TestDatabase postgres = TestDatabase.postgres();
        try (var connection = postgres.connect(); var statement = connection.createStatement();
             var rs = statement.executeQuery("select count(*) from sd_account")) {
            rs.next();
            return rs.getLong(1);
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException(e);
        }
    }
}
