package dev.upsert.units;

import dev.upsert.UpsertResult;
import dev.upsert.hibernate.TestDatabase;
import dev.upsert.spring.UpsertAutoConfiguration;
import dev.upsert.units.ledger.Entry;
import dev.upsert.units.ledger.EntryRepository;
import dev.upsert.units.shop.Shelf;
import dev.upsert.units.ledger.LedgerTagRepository;
import dev.upsert.units.shared.Tag;
import dev.upsert.units.shop.ShelfRepository;
import dev.upsert.units.shop.ShopTagRepository;
import jakarta.persistence.EntityManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.data.jpa.repository.config.EnableJpaRepositories;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.orm.jpa.JpaTransactionManager;
import org.springframework.orm.jpa.LocalContainerEntityManagerFactoryBean;
import org.springframework.orm.jpa.vendor.HibernateJpaVendorAdapter;
import org.springframework.test.context.junit.jupiter.SpringJUnitConfig;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.annotation.EnableTransactionManagement;
import org.springframework.transaction.support.TransactionTemplate;

import javax.sql.DataSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * An application with two persistence units, each with its own database and transaction manager:
 * shelves on PostgreSQL (the primary unit), ledger entries on MariaDB. Each repository's upserts
 * run in a transaction of its own unit, and join one that is open.
 */
@SpringJUnitConfig(TwoPersistenceUnitsTest.Units.class)
class TwoPersistenceUnitsTest {

    @Autowired
    ShelfRepository shelves;

    @Autowired
    EntryRepository entries;

    @Autowired
    ShopTagRepository shopTags;

    @Autowired
    LedgerTagRepository ledgerTags;

    @Autowired
    @Qualifier("shopTransactions")
    CountingTransactionManager shopTransactions;

    @Autowired
    @Qualifier("ledgerTransactions")
    CountingTransactionManager ledgerTransactions;

    @Autowired
    @Qualifier("shopData")
    DataSource shopData;

    @Autowired
    @Qualifier("ledgerData")
    DataSource ledgerData;

    @BeforeEach
    @AfterEach
    void empty() {
        new JdbcTemplate(shopData).update("delete from pu_shelf");
        new JdbcTemplate(ledgerData).update("delete from pu_entry");
        new JdbcTemplate(shopData).update("delete from pu_tag");
        new JdbcTemplate(ledgerData).update("delete from pu_tag");
        shopTransactions.begun.set(0);
        ledgerTransactions.begun.set(0);
    }

    @Test
    void eachRepositoryWritesInATransactionOfItsOwnUnit() {
        assertThat(entries.upsertAll(List.of(new Entry("2026", 1, "opening"), new Entry("2026", 2, "rent"))))
                .isEqualTo(new UpsertResult(2, 0, 0, 0));
        assertThat(entries.upsertAll(List.of(new Entry("2026", 2, "rent, paid"), new Entry("2026", 3, "fees"))))
                .isEqualTo(new UpsertResult(1, 1, 0, 0));
        assertThat(shelves.upsertAll(List.of(new Shelf("A1", 4)))).isEqualTo(new UpsertResult(1, 0, 0, 0));

        assertThat(new JdbcTemplate(ledgerData).queryForList("select book, line, text from pu_entry order by line"))
                .extracting(r -> r.get("book"), r -> r.get("line"), r -> r.get("text"))
                .containsExactly(tuple("2026", 1, "opening"), tuple("2026", 2, "rent, paid"), tuple("2026", 3, "fees"));
        assertThat(new JdbcTemplate(shopData).queryForList("select code, slots from pu_shelf"))
                .extracting(r -> r.get("code"), r -> r.get("slots")).containsExactly(tuple("A1", 4));
        assertThat(ledgerTransactions.begun).as("a ledger transaction per ledger call").hasValue(2);
        assertThat(shopTransactions.begun).as("the primary unit is left alone by ledger calls").hasValue(1);
    }

    @Test
    void joinsAnOpenTransactionOfItsUnit() {
        TransactionTemplate ledger = new TransactionTemplate(ledgerTransactions);
        ledger.executeWithoutResult(status -> {
            assertThat(entries.upsertAll(List.of(new Entry("2026", 1, "draft"))).inserted()).isEqualTo(1);
            assertThat(entries.findAll()).extracting(e -> e.text).as("visible inside the transaction").containsExactly("draft");
            status.setRollbackOnly();
        });
        assertThat(new JdbcTemplate(ledgerData).queryForList("select * from pu_entry")).as("rolled back with it").isEmpty();
        assertThat(ledgerTransactions.begun).hasValue(1);
        assertThat(shopTransactions.begun).hasValue(0);
    }

    @Test
    void aTransactionOfTheOtherUnitDoesNotHoldItsWrites() {
        TransactionTemplate shop = new TransactionTemplate(shopTransactions);
        shop.executeWithoutResult(status -> {
            shelves.upsertAll(List.of(new Shelf("B2", 8)));
            entries.upsertAll(List.of(new Entry("2026", 7, "kept")));
            status.setRollbackOnly();
        });
        assertThat(new JdbcTemplate(shopData).queryForList("select * from pu_shelf")).isEmpty();
        assertThat(new JdbcTemplate(ledgerData).queryForList("select text from pu_entry"))
                .extracting(r -> r.get("text")).as("committed in its own unit's transaction").containsExactly("kept");
        assertThat(ledgerTransactions.begun).hasValue(1);
    }

    /** An entity of both units: each repository writes it through its own unit, to its own database. */
    @Test
    void anEntityOfBothUnitsIsWrittenThroughEachRepositorysOwn() {
        assertThat(shopTags.upsertAll(List.of(new Tag("red", "shop")))).isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThat(ledgerTags.upsertAll(List.of(new Tag("red", "ledger"), new Tag("blue", "ledger"))))
                .isEqualTo(new UpsertResult(2, 0, 0, 0));
        assertThat(new JdbcTemplate(shopData).queryForList("select code, label from pu_tag"))
                .extracting(r -> r.get("code"), r -> r.get("label")).containsExactly(tuple("red", "shop"));
        assertThat(new JdbcTemplate(ledgerData).queryForList("select code, label from pu_tag order by code"))
                .extracting(r -> r.get("code"), r -> r.get("label")).containsExactly(tuple("blue", "ledger"), tuple("red", "ledger"));
        assertThat(shopTransactions.begun).hasValue(1);
        assertThat(ledgerTransactions.begun).hasValue(1);
    }

    /** A JPA transaction manager that counts the transactions it begins. */
    static class CountingTransactionManager extends JpaTransactionManager {

        final AtomicInteger begun = new AtomicInteger();

        CountingTransactionManager(EntityManagerFactory factory) {
            super(factory);
        }

        @Override
        protected void doBegin(Object transaction, TransactionDefinition definition) {
            begun.incrementAndGet();
            super.doBegin(transaction, definition);
        }
    }

    @Configuration
    @EnableTransactionManagement
    @ImportAutoConfiguration(UpsertAutoConfiguration.class)
    @Import({Units.ShopRepositories.class, Units.LedgerRepositories.class})
    static class Units {

        @EnableJpaRepositories(basePackageClasses = Shelf.class, entityManagerFactoryRef = "shop",
                transactionManagerRef = "shopTransactions")
        static class ShopRepositories {
        }

        @EnableJpaRepositories(basePackageClasses = Entry.class, entityManagerFactoryRef = "ledger",
                transactionManagerRef = "ledgerTransactions")
        static class LedgerRepositories {
        }

        @Bean
        @Primary
        DataSource shopData() {
            return dataSource(TestDatabase.postgres());
        }

        @Bean
        DataSource ledgerData() {
            return dataSource(TestDatabase.mariadb());
        }

        @Bean
        @Primary
        LocalContainerEntityManagerFactoryBean shop(@Qualifier("shopData") DataSource data) {
            return unit("shop", data, Shelf.class, Tag.class);
        }

        @Bean
        LocalContainerEntityManagerFactoryBean ledger(@Qualifier("ledgerData") DataSource data) {
            return unit("ledger", data, Entry.class, Tag.class);
        }

        @Bean
        @Primary
        CountingTransactionManager shopTransactions(@Qualifier("shop") EntityManagerFactory shop) {
            return new CountingTransactionManager(shop);
        }

        @Bean
        CountingTransactionManager ledgerTransactions(@Qualifier("ledger") EntityManagerFactory ledger) {
            return new CountingTransactionManager(ledger);
        }

        private static DataSource dataSource(TestDatabase database) {
            return new DriverManagerDataSource(database.url(), database.user(), database.password());
        }

        private static LocalContainerEntityManagerFactoryBean unit(String name, DataSource data, Class<?>... entities) {
            LocalContainerEntityManagerFactoryBean factory = new LocalContainerEntityManagerFactoryBean();
            factory.setPersistenceUnitName(name);
            factory.setDataSource(data);
            factory.setPackagesToScan(java.util.Arrays.stream(entities).map(Class::getPackageName).toArray(String[]::new));
            factory.setJpaVendorAdapter(new HibernateJpaVendorAdapter());
            factory.setJpaPropertyMap(Map.of("hibernate.hbm2ddl.auto", "create-drop"));
            return factory;
        }
    }
}
