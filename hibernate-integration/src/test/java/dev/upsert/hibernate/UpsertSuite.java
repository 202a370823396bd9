package dev.upsert.hibernate;

import dev.upsert.DuplicateKeyPolicy;
import dev.upsert.UpsertException;
import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import dev.upsert.hibernate.model.Address;
import dev.upsert.hibernate.model.Cents;
import dev.upsert.hibernate.model.Country;
import dev.upsert.hibernate.model.Customer;
import dev.upsert.hibernate.model.DailySales;
import dev.upsert.hibernate.model.Drift;
import dev.upsert.hibernate.model.CustomerHistory;
import dev.upsert.hibernate.model.Keyless;
import dev.upsert.MergePolicy;
import dev.upsert.hibernate.model.Stat;
import dev.upsert.hibernate.model.StockLevel;
import dev.upsert.hibernate.model.Member;
import dev.upsert.ParallelResult;
import dev.upsert.Scope;
import dev.upsert.Strategy;
import dev.upsert.hibernate.model.Subscriber;
import dev.upsert.hibernate.model.Product;
import dev.upsert.hibernate.model.Reserved;
import dev.upsert.hibernate.model.Unindexed;
import dev.upsert.hibernate.model.Warehouse;
import dev.upsert.hibernate.model.Bin;
import dev.upsert.hibernate.model.Asset;
import dev.upsert.hibernate.model.Payment;
import dev.upsert.hibernate.model.Profile;
import dev.upsert.hibernate.model.Line;
import dev.upsert.hibernate.model.Voucher;
import dev.upsert.hibernate.model.Reading;
import dev.upsert.hibernate.model.Tick;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.model.naming.CamelCaseToUnderscoresNamingStrategy;
import org.hibernate.boot.registry.StandardServiceRegistry;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every behaviour of {@code upsertAll}, run unchanged against each live database by a subclass.
 * Each test starts from empty tables and asserts on what it reads back from them.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class UpsertSuite implements ModelBasedTests {

    private static final String CUSTOMERS = "select source_system, external_id, name, version from it_customer"
            + " order by source_system, external_id";

    SessionFactory factory;
    TestDatabase database;

    public abstract TestDatabase database();

    /** The entities of the suite; a subclass adds those its database alone can store. */
    List<Class<?>> entities() {
        return List.of(Customer.class, Product.class, Reserved.class, Unindexed.class, Keyless.class, Subscriber.class,
                Member.class, Drift.class, Stat.class, CustomerHistory.class, dev.upsert.hibernate.model.Plan.class, dev.upsert.hibernate.model.Tariff.class, dev.upsert.hibernate.model.Timecard.class,
                dev.upsert.hibernate.model.Shift.class, Country.class, DailySales.class, StockLevel.class,
                dev.upsert.hibernate.model.Region.class, Warehouse.class, Bin.class, Reading.class,
                Tick.class, dev.upsert.hibernate.model.Note.class, dev.upsert.hibernate.model.Moment.class,
                dev.upsert.hibernate.model.Payment.class, dev.upsert.hibernate.model.Payment.Card.class,
                dev.upsert.hibernate.model.Payment.Transfer.class, dev.upsert.hibernate.model.Listing.class,
                dev.upsert.hibernate.model.Badge.class, dev.upsert.hibernate.model.Flyer.class,
                dev.upsert.hibernate.model.Rate.class, dev.upsert.hibernate.model.Issue.class,
                dev.upsert.hibernate.model.Shelf.class, dev.upsert.hibernate.model.Poster.class,
                dev.upsert.hibernate.model.Visit.class, dev.upsert.hibernate.model.Notice.class,
                dev.upsert.hibernate.model.Banner.class, dev.upsert.hibernate.model.Article.class,
                dev.upsert.hibernate.model.Placard.class, dev.upsert.hibernate.model.Voucher.class,
                dev.upsert.hibernate.model.Voucher.Gift.class, Asset.class, Asset.Laptop.class, Asset.Phone.class, Asset.Workstation.class,
                Profile.class, Line.class,
                Line.Slot.class, dev.upsert.hibernate.model.Booking.class, dev.upsert.hibernate.model.Dossier.class);
    }

    /** The options every call of the suite starts from: a subclass may force a dialect. */
    UpsertOptions.Builder options() {
        return UpsertOptions.builder();
    }

    /** Settings a database needs beyond the common ones. */
    void configure(StandardServiceRegistryBuilder settings) {
    }

    public SessionFactory factory() {
        return factory;
    }

    @BeforeAll
    void start() {
        database = database();
        StandardServiceRegistryBuilder settings = new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_JDBC_URL, database.url())
                .applySetting(AvailableSettings.JAKARTA_JDBC_USER, database.user())
                .applySetting(AvailableSettings.JAKARTA_JDBC_PASSWORD, database.password())
                .applySetting(AvailableSettings.HBM2DDL_AUTO, "create-drop")
                .applySetting(AvailableSettings.HBM2DDL_CREATE_NAMESPACES, "true")
                .applySetting(AvailableSettings.PHYSICAL_NAMING_STRATEGY, CamelCaseToUnderscoresNamingStrategy.class.getName())
                .applySetting(AvailableSettings.POOL_SIZE, "10")
                .applySetting(AvailableSettings.USE_SECOND_LEVEL_CACHE, "true")
                .applySetting(AvailableSettings.CACHE_REGION_FACTORY, "jcache")
                .applySetting("hibernate.javax.cache.provider", "com.github.benmanes.caffeine.jcache.spi.CaffeineCachingProvider")
                .applySetting("hibernate.javax.cache.missing_cache_strategy", "create");
        configure(settings);
        StandardServiceRegistry registry = settings.build();
        MetadataSources sources = new MetadataSources(registry);
        entities().forEach(sources::addAnnotatedClass);
        factory = sources.buildMetadata().buildSessionFactory();
    }

    /** The pool may hold connections a server restart broke: the tests that follow get a new factory. */
    public void renewFactory() {
        stop();
        start();
    }

    @AfterAll
    void stop() {
        if (factory != null) {
            factory.close();
        }
    }

    @BeforeEach
    void emptyTables() {
        factory.inTransaction(s -> {
            for (String table : List.of("it_customer", "it_product", database.q("It Mixed"), "it_unindexed",
                    "it_subscriber", "it_member", "it_stat", "it_history", "it_plan", "it_tariff", "it_timecard", "it_shift", "it_country", "it_daily_sales",
                    "it_stock_level", "it_region", "it_bin", "it_warehouse", "it_reading", "it_tick", "it_note", "it_moment", "it_payment", "it_listing", "it_badge", "it_flyer", "it_rate",
                    "it_issue", "it_shelf", "it_poster", "it_visit", "it_notice", "it_banner", "it_article", "it_placard", "it_voucher",
                    "it_gift_voucher", "it_workstation", "it_laptop", "it_phone", "it_asset", "it_profile_bio", "it_profile",
                    "it_line", "it_slot", "it_booking", "it_dossier")) {
                s.createNativeMutationQuery("delete from " + table).executeUpdate();
            }
        });
    }

    // ---------------------------------------------------------------------------------------------

    @Test
    void matchesByAnAssignedIdentifierThatIsTheNaturalKey() {
        assertThat(upsertAny(List.of(new Country("FR", "France", 68_000_000L), new Country("DE", "Germany", 84_000_000L),
                new Country("IT", "Italy", 59_000_000L)))).isEqualTo(new UpsertResult(3, 0, 0, 0));
        List<Country> second = List.of(new Country("FR", "France", 68_400_000L), new Country("DE", "Germany", 84_000_000L),
                new Country("ES", "Spain", 48_000_000L), new Country("ES", "España", 48_000_000L));
        assertThat(upsertAny(second)).as("the last of a repeated key wins").isEqualTo(new UpsertResult(1, 1, 1, 0));

        assertThat(query("select code, name, population, version from it_country order by code"))
                .extracting(r -> r.get("code"), r -> r.get("name"), r -> ((Number) r.get("population")).longValue(),
                        r -> ((Number) r.get("version")).intValue())
                .containsExactly(tuple("DE", "Germany", 84_000_000L, 0), tuple("ES", "España", 48_000_000L, 0),
                        tuple("FR", "France", 68_400_000L, 1), tuple("IT", "Italy", 59_000_000L, 0));
        assertThat(second).extracting(c -> c.code, c -> c.version)
                .containsExactly(tuple("FR", 1), tuple("DE", 0), tuple("ES", 0), tuple("ES", 0));

        Long population = factory.fromTransaction(s -> {
            Country managed = s.find(Country.class, "IT");
            UpsertSession.wrap(s).upsertAll(List.of(new Country("IT", "Italy", 58_900_000L)));
            return managed.population;
        });
        assertThat(population).as("the session's instance of the rewritten row, refreshed").isEqualTo(58_900_000L);
    }

    /** A key's date-time with an offset is one instant, in whichever offset it comes, as its column compares it. */
    @Test
    void matchesAnOffsetDateTimeKeyByItsInstant() {
        java.time.OffsetDateTime paris = java.time.OffsetDateTime.parse("2026-12-06T10:00:00+02:00");
        java.time.OffsetDateTime utc = paris.withOffsetSameInstant(java.time.ZoneOffset.UTC);
        dev.upsert.hibernate.model.Booking first = new dev.upsert.hibernate.model.Booking("r1", paris, "Ada");
        assertThat(upsertAny(List.of(first, new dev.upsert.hibernate.model.Booking("r2", paris, "Alan"))))
                .isEqualTo(new UpsertResult(2, 0, 0, 0));
        List<dev.upsert.hibernate.model.Booking> again = List.of(new dev.upsert.hibernate.model.Booking("r1", utc, "Grace"),
                new dev.upsert.hibernate.model.Booking("r2", utc, "Edsger"), new dev.upsert.hibernate.model.Booking("r2", paris, "Barbara"));
        assertThat(upsertAny(again)).as("the last of the key's two spellings wins").isEqualTo(new UpsertResult(0, 2, 0, 0));
        assertThat(again).extracting(b -> b.id).doesNotContainNull();
        assertThat(again.get(0).id).isEqualTo(first.id);
        assertThat(query("select room, guest, id from it_booking order by room"))
                .extracting(r -> r.get("room"), r -> r.get("guest"), r -> ((Number) r.get("id")).longValue())
                .containsExactly(tuple("r1", "Grace", first.id), tuple("r2", "Barbara", again.get(1).id));
        List<java.time.OffsetDateTime> stored = factory.fromTransaction(s -> s.createSelectionQuery("select startsAt from Booking",
                java.time.OffsetDateTime.class).getResultList());
        assertThat(stored).hasSize(2).allSatisfy(at -> assertThat(at).isAtSameInstantAs(paris));
    }

    @Test
    void writesManyToOneForeignKeysAndMatchesByThem() {
        List<Warehouse> warehouses = List.of(new Warehouse("W1", "Lyon"), new Warehouse("W2", "Paris"));
        upsertAny(warehouses);
        Warehouse lyon = warehouses.get(0);
        Warehouse paris = warehouses.get(1);
        assertThat(upsertAny(List.of(new Bin(lyon, "A", 10, null), new Bin(lyon, "B", 20, paris), new Bin(paris, "A", 30, lyon))))
                .isEqualTo(new UpsertResult(3, 0, 0, 0));

        // The same keys through a reference Hibernate hands out without loading it, and a changed overflow.
        UpsertResult second = factory.fromTransaction(s -> {
            Warehouse lyonReference = s.getReference(Warehouse.class, lyon.id);
            return UpsertSession.wrap(s).upsertAll(List.of(new Bin(lyonReference, "A", 10, null),
                    new Bin(lyonReference, "B", 20, null), new Bin(paris, "B", 5, lyonReference)));
        });
        assertThat(second).isEqualTo(new UpsertResult(1, 1, 1, 0));
        assertThat(query("select w.code as w, b.label as label, b.capacity as capacity, o.code as overflow from it_bin b"
                + " join it_warehouse w on w.id = b.warehouse_id left join it_warehouse o on o.id = b.overflow_id"
                + " order by w.code, b.label"))
                .extracting(r -> r.get("w"), r -> r.get("label"), r -> ((Number) r.get("capacity")).intValue(), r -> r.get("overflow"))
                .containsExactly(tuple("W1", "A", 10, null), tuple("W1", "B", 20, null), tuple("W2", "A", 30, "W1"),
                        tuple("W2", "B", 5, "W1"));
    }

    @Test
    void matchesByAnEmbeddedValueAndAnEnum() {
        upsertAny(List.of(new Reading("roof", 1, Reading.Unit.CELSIUS, 21.5), new Reading("roof", 1, Reading.Unit.PERCENT, 40),
                new Reading("roof", 2, Reading.Unit.CELSIUS, 19)));
        List<Reading> second = List.of(new Reading("roof", 1, Reading.Unit.CELSIUS, 22), new Reading("roof", 1, Reading.Unit.PERCENT, 40),
                new Reading("cellar", 1, Reading.Unit.CELSIUS, 12));
        assertThat(upsertAny(second)).isEqualTo(new UpsertResult(1, 1, 1, 0));
        assertThat(query("select site, channel, unit, reading from it_reading order by site, channel, unit"))
                .extracting(r -> r.get("site"), r -> ((Number) r.get("channel")).intValue(), r -> r.get("unit"),
                        r -> ((Number) r.get("reading")).doubleValue())
                .containsExactly(tuple("cellar", 1, "CELSIUS", 12.0), tuple("roof", 1, "CELSIUS", 22.0),
                        tuple("roof", 1, "PERCENT", 40.0), tuple("roof", 2, "CELSIUS", 19.0));
        assertThat(second).allSatisfy(r -> assertThat(r.id).isNotNull());
    }

    /**
     * Key values with more digits than their columns keep are keyed as the columns keep them: a
     * time in whole seconds, a decimal of two places. Values the column keeps alike are one key.
     */
    /**
     * A stream of several chunks replacing its scope deletes the scope once, before its first
     * chunk, and keeps every chunk; a key repeated in a later chunk is written last.
     */
    @Test
    void aStreamReplacesItsScopeOnceAndKeepsEveryChunk() {
        upsert(List.of(customer("crm", "old1", "x"), customer("crm", "old2", "x"), customer("erp", "1", "Edsger")));
        UpsertOptions replace = options().strategy(Strategy.DELETE_THEN_INSERT).chunkSize(2)
                .scope(Scope.all().eq("sourceSystem", "crm")).build();
        UpsertResult result = factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(Customer.class,
                java.util.stream.Stream.of(customer("crm", "1", "a"), customer("crm", "2", "b"), customer("crm", "3", "c"),
                        customer("crm", "4", "d"), customer("crm", "1", "a again")), replace));

        assertThat(result.deleted()).isEqualTo(2);
        assertThat(query(CUSTOMERS)).extracting(r -> r.get("source_system") + "/" + r.get("external_id"), r -> r.get("name"))
                .containsExactly(tuple("crm/1", "a again"), tuple("crm/2", "b"), tuple("crm/3", "c"), tuple("crm/4", "d"),
                        tuple("erp/1", "Edsger"));

        UpsertResult missing = factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(Customer.class,
                java.util.stream.Stream.of(customer("crm", "4", "changed"), customer("crm", "5", "e"), customer("crm", "6", "f")),
                options().strategy(Strategy.INSERT_MISSING).chunkSize(2).build()));
        assertThat(missing).isEqualTo(new UpsertResult(2, 0, 1, 0));
        assertThat(query(CUSTOMERS)).extracting(r -> r.get("external_id"), r -> r.get("name"))
                .contains(tuple("4", "d"), tuple("5", "e"), tuple("6", "f"));
    }

    /**
     * Instants, offsets, zones, wall-clock times, dates and enums by ordinal and by name: the same
     * values Hibernate persisted are found unchanged (as the library binds them, so Hibernate
     * stores them), and new rows read back through Hibernate as the ones it wrote itself.
     */
    @Test
    void timesAndEnumsAreStoredAsHibernateStoresThem() {
        java.time.ZoneOffset pacific = java.time.ZoneOffset.ofHours(-8);
        java.util.function.Function<String, List<dev.upsert.hibernate.model.Moment>> batch = prefix -> List.of(
                new dev.upsert.hibernate.model.Moment(prefix + "0", java.time.Instant.parse("2026-11-29T03:04:05.123456Z"),
                        java.time.OffsetDateTime.of(2026, 11, 29, 3, 4, 5, 123_456_000, pacific), Customer.Tier.GOLD),
                new dev.upsert.hibernate.model.Moment(prefix + "1", java.time.Instant.parse("2026-03-29T01:30:00Z"),
                        java.time.OffsetDateTime.of(2026, 3, 29, 1, 30, 0, 0, java.time.ZoneOffset.UTC), Customer.Tier.BRONZE),
                new dev.upsert.hibernate.model.Moment(prefix + "2", java.time.Instant.parse("1999-12-31T23:59:59.999999Z"),
                        java.time.OffsetDateTime.of(1999, 12, 31, 23, 59, 59, 999_999_000, java.time.ZoneOffset.ofHoursMinutes(5, 30)),
                        Customer.Tier.SILVER),
                new dev.upsert.hibernate.model.Moment(prefix + "3", java.time.Instant.parse("2026-01-01T00:00:00Z"), null, null));
        factory.inTransaction(s -> batch.apply("h").forEach(s::persist));

        List<dev.upsert.hibernate.model.Moment> again = batch.apply("h");
        assertThat(upsertAny(again)).as("as Hibernate stored them").isEqualTo(new UpsertResult(0, 0, 4, 0));
        assertThat(upsertAny(batch.apply("u"))).isEqualTo(new UpsertResult(4, 0, 0, 0));

        List<dev.upsert.hibernate.model.Moment> read = factory.fromTransaction(s -> s.createSelectionQuery(
                "from Moment order by code", dev.upsert.hibernate.model.Moment.class).getResultList());
        java.util.function.Function<dev.upsert.hibernate.model.Moment, List<Object>> fields = m -> java.util.Arrays.asList(
                m.code.substring(1), m.instantAt, m.offsetAt == null ? null : m.offsetAt.toInstant(),
                m.zonedAt == null ? null : m.zonedAt.toInstant(), m.wallAt, m.onDay, m.tierRank, m.tierName);
        List<List<Object>> byHibernate = read.stream().filter(m -> m.code.startsWith("h")).map(fields).toList();
        List<List<Object>> byUpsert = read.stream().filter(m -> m.code.startsWith("u")).map(fields).toList();
        assertThat(byUpsert).isEqualTo(byHibernate);
        java.time.Instant expected = java.time.Instant.parse(keepsDeclaredFractionalSeconds()
                ? "2026-11-29T11:04:05.123456Z" : "2026-11-29T11:04:05.123Z");
        assertThat(byUpsert.get(0).get(2)).as("an offset stored as its instant").isEqualTo(expected);
        assertThat(byUpsert.get(0).get(3)).as("a zone stored as its instant").isEqualTo(expected);
    }

    /**
     * A single-table hierarchy: rows are keyed by their natural key and their type, so the same
     * reference as a card and as a transfer are two rows; a scope is among the rows of the call's type.
     */
    @Test
    void aSingleTableHierarchyIsKeyedByTypeToo() {
        assertThat(upsertAny(List.of(new Payment.Card("R1", "10.00", "4242"), new Payment.Card("R2", "20.00", "1111"))))
                .isEqualTo(new UpsertResult(2, 0, 0, 0));
        List<Payment.Transfer> transfers = List.of(new Payment.Transfer("R1", "99.00", "FR76"));
        assertThat(upsertAny(transfers)).isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThat(transfers.get(0).id).isNotNull();

        UpsertOptions sync = options().strategy(Strategy.SYNC).build();
        assertThat(upsertAny(List.of(new Payment.Card("R1", "12.00", "4242"), new Payment.Card("R3", "30.00", "2222")), sync))
                .as("R2 vanished among the cards; the transfer R1 is another type's").isEqualTo(new UpsertResult(1, 1, 0, 1));
        assertThat(query("select kind, reference, amount, last4, iban from it_payment order by kind, reference"))
                .extracting(r -> r.get("kind"), r -> r.get("reference"), r -> new BigDecimal(r.get("amount").toString()).setScale(2),
                        r -> r.get("last4"), r -> r.get("iban"))
                .containsExactly(tuple("BANK", "R1", new BigDecimal("99.00"), null, "FR76"),
                        tuple("CARD", "R1", new BigDecimal("12.00"), "4242", null),
                        tuple("CARD", "R3", new BigDecimal("30.00"), "2222", null));
        List<Payment> loaded = factory.fromTransaction(s -> s.createSelectionQuery("from Payment order by reference, id",
                Payment.class).getResultList());
        assertThat(loaded).extracting(p -> p.getClass().getSimpleName()).containsExactlyInAnyOrder("Card", "Transfer", "Card");
    }

    /**
     * A TABLE_PER_CLASS hierarchy: each type's rows are in its own table, so the same code as a
     * voucher and as a gift voucher are two rows, and a scope is the call's type's table; ids come
     * from the hierarchy's one sequence, so they stay unique across its tables.
     */
    @Test
    void aTablePerClassHierarchyWritesEachTypeToItsTable() {
        List<Voucher> vouchers = List.of(new Voucher("V1", "10.00"), new Voucher("V2", "20.00"));
        assertThat(upsertAny(vouchers)).isEqualTo(new UpsertResult(2, 0, 0, 0));
        List<Voucher.Gift> gifts = List.of(new Voucher.Gift("V1", "50.00", "Ada"));
        assertThat(upsertAny(gifts)).isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThat(gifts.get(0).id).isNotNull().isNotIn(vouchers.get(0).id, vouchers.get(1).id);

        UpsertOptions sync = options().strategy(Strategy.SYNC).build();
        List<Voucher> synced = List.of(new Voucher("V1", "12.00"), new Voucher("V3", "30.00"));
        assertThat(upsertAny(synced, sync)).as("V2 vanished among the vouchers; the gift V1 is another type's")
                .isEqualTo(new UpsertResult(1, 1, 0, 1));
        assertThat(synced.get(0).id).isEqualTo(vouchers.get(0).id);
        assertThat(upsertAny(List.of(new Voucher.Gift("V1", "50.00", "Ada")), sync)).isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(query("select code, amount from it_voucher order by code"))
                .extracting(r -> r.get("code"), r -> new BigDecimal(r.get("amount").toString()).setScale(2))
                .containsExactly(tuple("V1", new BigDecimal("12.00")), tuple("V3", new BigDecimal("30.00")));
        assertThat(query("select id, code, amount, recipient from it_gift_voucher"))
                .extracting(r -> ((Number) r.get("id")).longValue(), r -> r.get("code"),
                        r -> new BigDecimal(r.get("amount").toString()).setScale(2), r -> r.get("recipient"))
                .containsExactly(tuple(gifts.get(0).id, "V1", new BigDecimal("50.00"), "Ada"));
        List<Voucher> loaded = factory.fromTransaction(s -> s.createSelectionQuery("from Voucher order by code, id",
                Voucher.class).getResultList());
        assertThat(loaded).extracting(v -> v.getClass().getSimpleName(), v -> v.code)
                .containsExactlyInAnyOrder(tuple("Voucher", "V1"), tuple("Gift", "V1"), tuple("Voucher", "V3"));
    }

    /**
     * A JOINED hierarchy: the root table is upserted by natural key, each of the type's tables by
     * the id; an entity is updated where any of its tables changed, and what a change touches in
     * its other tables is written too: the version (in the root table) and an update timestamp (in
     * the subtype's). Options apply across its tables.
     */
    @Test
    void aJoinedHierarchyWritesEachOfTheTypesTables() {
        List<Asset.Laptop> first = List.of(new Asset.Laptop("L1", "desk", "i5", 8), new Asset.Laptop("L2", "lab", "i7", 16));
        assertThat(upsertAny(first)).isEqualTo(new UpsertResult(2, 0, 0, 0));
        assertThat(first).extracting(a -> a.checkedAt).doesNotContainNull();
        List<Asset.Laptop> second = List.of(new Asset.Laptop("L1", "desk", "i5", 8), new Asset.Laptop("L2", "lab", "i9", 16),
                new Asset.Laptop("L3", "loan", "m1", 8));
        assertThat(upsertAny(second)).as("L2 changed in it_laptop only").isEqualTo(new UpsertResult(1, 1, 1, 0));
        assertThat(second).extracting(a -> a.id).containsExactly(first.get(0).id, first.get(1).id, second.get(2).id);
        assertThat(second).extracting(a -> a.version).containsExactly(0L, 1L, 0L);
        List<Asset.Laptop> relabelled = List.of(new Asset.Laptop("L1", "desk 2", "i5", 8));
        relabelled.get(0).checkedAt = java.time.LocalDateTime.of(2000, 1, 1, 0, 0);
        assertThat(upsertAny(relabelled)).as("in it_asset only").isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(relabelled.get(0).checkedAt).as("touched in it_laptop too").isAfter(java.time.LocalDateTime.of(2001, 1, 1, 0, 0));
        assertThat(upsertAny(List.of(new Asset.Laptop("L2", "lab", "i8", 16), new Asset.Laptop("L3", "loan", "m2", 8)),
                options().updateOnly("label").chunkSize(1).build())).as("a cpu is not updated").isEqualTo(new UpsertResult(0, 0, 2, 0));
        assertThat(upsertAny(List.of(new Asset.Laptop("L3", "loan", "m1", 8)), options().skipUnchanged(false).build()))
                .isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(upsertAny(List.of(new Asset.Laptop("L1", "desk 2", "i5", 8), new Asset.Laptop("L4", "spare", "i3", 4)),
                options().strategy(Strategy.INSERT_MISSING).build())).isEqualTo(new UpsertResult(1, 0, 1, 0));
        assertThat(query("select a.tag, a.label, a.version, l.cpu, l.ram from it_asset a join it_laptop l on l.id = a.id"
                + " order by a.tag"))
                .extracting(r -> r.get("tag"), r -> r.get("label"), r -> ((Number) r.get("version")).longValue(), r -> r.get("cpu"),
                        r -> ((Number) r.get("ram")).intValue())
                .containsExactly(tuple("L1", "desk 2", 1L, "i5", 8), tuple("L2", "lab", 1L, "i9", 16), tuple("L3", "loan", 1L, "m1", 8),
                        tuple("L4", "spare", 0L, "i3", 4));
    }

    /**
     * A key stored as another type of a JOINED hierarchy fails the call, which leaves the tables
     * as they were: a sibling's (no row in the call type's table), a subtype's (a row in its table).
     */
    @Test
    void aJoinedKeyStoredAsAnotherTypeFailsTheCall() {
        upsertAny(List.of(new Asset.Laptop("L3", "loan", "m1", 8)));
        upsertAny(List.of(new Asset.Workstation("W1", "render", "x9", 64, "rtx")));
        assertThatThrownBy(() -> upsertAny(List.of(new Asset.Phone("P1", "pocket", "35"), new Asset.Phone("L3", "shelf", "36"))))
                .isInstanceOf(UpsertException.class).hasMessageContaining("[L3]").hasMessageContaining("stored as another type");
        assertThatThrownBy(() -> upsertAny(List.of(new Asset.Laptop("W1", "render", "x9", 64))))
                .isInstanceOf(UpsertException.class).hasMessageContaining("of a subtype")
                .satisfies(e -> assertThat(e.getMessage().toLowerCase(java.util.Locale.ROOT)).contains("it_workstation"));
        assertThat(upsertAny(List.of(new Asset.Workstation("W1", "render", "x9", 64, "gtx")))).isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(query("select a.tag, a.label, l.cpu, w.gpu from it_asset a join it_laptop l on l.id = a.id"
                + " left join it_workstation w on w.id = a.id order by a.tag"))
                .extracting(r -> r.get("tag"), r -> r.get("label"), r -> r.get("cpu"), r -> r.get("gpu"))
                .containsExactly(tuple("L3", "loan", "m1", null), tuple("W1", "render", "x9", "gtx"));
        assertThat(query("select count(*) as c from it_phone").get(0).get("c")).isIn(0, 0L);
    }

    /**
     * A sync and a delete-then-insert of a JOINED type keep to its rows: its own table's, not its
     * subtype's or a sibling's; they are deleted from its tables before the root table.
     */
    @Test
    void aJoinedTypesScopeIsItsOwnRows() {
        upsertAny(List.of(new Asset.Laptop("L1", "desk", "i5", 8), new Asset.Laptop("L2", "lab", "i9", 16),
                new Asset.Laptop("L3", "loan", "m1", 8)));
        upsertAny(List.of(new Asset.Workstation("W1", "render", "x9", 64, "gtx")));
        List<Asset.Phone> phones = List.of(new Asset.Phone("P1", "pocket", "35"), new Asset.Phone("P2", "drawer", "37"));
        upsertAny(phones);
        assertThat(upsertAny(List.of(new Asset.Laptop("L1", "desk", "i5", 8), new Asset.Laptop("L2", "lab", "i9", 16)),
                options().strategy(Strategy.SYNC).build())).isEqualTo(new UpsertResult(0, 0, 2, 1));
        List<Asset.Phone> replaced = List.of(new Asset.Phone("P1", "pocket", "38"));
        assertThat(upsertAny(replaced, options().strategy(Strategy.DELETE_THEN_INSERT).build()))
                .isEqualTo(new UpsertResult(1, 0, 0, 1));
        assertThat(replaced.get(0).id).isNotEqualTo(phones.get(0).id);
        assertThat(query("select a.tag, l.cpu, w.gpu from it_asset a join it_laptop l on l.id = a.id"
                + " left join it_workstation w on w.id = a.id order by a.tag"))
                .extracting(r -> r.get("tag"), r -> r.get("cpu"), r -> r.get("gpu"))
                .containsExactly(tuple("L1", "i5", null), tuple("L2", "i9", null), tuple("W1", "x9", "gtx"));
        assertThat(query("select a.id, a.tag, p.imei from it_asset a join it_phone p on p.id = a.id order by a.tag"))
                .extracting(r -> ((Number) r.get("id")).longValue(), r -> r.get("tag"), r -> r.get("imei"))
                .containsExactly(tuple(replaced.get(0).id, "P1", "38"), tuple(phones.get(1).id, "P2", "37"));
        assertThat(query("select count(*) as c from it_asset").get(0).get("c")).isIn(5, 5L);
        List<Asset> loaded = factory.fromTransaction(s -> s.createSelectionQuery("from Asset order by tag", Asset.class).getResultList());
        assertThat(loaded).extracting(a -> a.getClass().getSimpleName(), a -> a.tag)
                .containsExactly(tuple("Laptop", "L1"), tuple("Laptop", "L2"), tuple("Phone", "P1"), tuple("Phone", "P2"),
                        tuple("Workstation", "W1"));
    }

    /** A JOINED type streamed chunk by chunk (a key repeated across them), and by parallel writers, a transaction each. */
    @Test
    void aJoinedTypeStreamsAndSplitsAcrossWriters() {
        upsertAny(List.of(new Asset.Laptop("L1", "desk", "i5", 8)));
        UpsertResult streamed = factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(Asset.Laptop.class,
                java.util.stream.Stream.of(new Asset.Laptop("L5", "a", "x1", 1), new Asset.Laptop("L1", "desk", "i5", 8),
                        new Asset.Laptop("L5", "b", "x2", 2)), options().chunkSize(2).build()));
        assertThat(streamed).isEqualTo(new UpsertResult(1, 1, 1, 0));
        List<Asset.Laptop> more = List.of(new Asset.Laptop("L6", "c", "x3", 3), new Asset.Laptop("L7", "d", "x4", 4),
                new Asset.Laptop("L8", "e", "x5", 5));
        if (database.is("sqlite")) {
            upsertAny(more);   // one writer at a time: SQLite's writers wait for the database's one write lock
        } else {
            ParallelResult parallel = Upserts.upsertAllInParallel(factory, more, options().build(), 2);
            assertThat(parallel.allCommitted()).as("%s", parallel).isTrue();
            assertThat(parallel.committed()).isEqualTo(new UpsertResult(3, 0, 0, 0));
        }
        assertThat(query("select a.tag, a.label, l.cpu from it_asset a join it_laptop l on l.id = a.id order by a.tag"))
                .extracting(r -> r.get("tag"), r -> r.get("label"), r -> r.get("cpu"))
                .containsExactly(tuple("L1", "desk", "i5"), tuple("L5", "b", "x2"), tuple("L6", "c", "x3"), tuple("L7", "d", "x4"),
                        tuple("L8", "e", "x5"));
    }

    /**
     * An assigned identifier of several columns beside the natural key (@EmbeddedId, @IdClass):
     * inserted with a new key, never updated, and a stored key's identifier is written back into
     * the entity; an entity without one is refused before anything is written.
     */
    @Test
    void anAssignedCompositeIdentifierIsInsertedAndReadBack() {
        List<Line> lines = List.of(
                new Line(new Line.LineId("O1", 1), "r1", 5),
                new Line(new Line.LineId("O1", 2), "r2", 3));
        assertThat(upsertAny(lines)).isEqualTo(new UpsertResult(2, 0, 0, 0));
        List<Line> again = List.of(
                new Line(new Line.LineId("X", 9), "r1", 6),
                new Line(new Line.LineId("O1", 2), "r2", 3));
        assertThat(upsertAny(again)).isEqualTo(new UpsertResult(0, 1, 1, 0));
        assertThat(again.get(0).id).as("the stored identifier").isEqualTo(new Line.LineId("O1", 1));
        assertThatThrownBy(() -> upsertAny(List.of(new Line(null, "r3", 1))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("part of its identifier, which is assigned");
        // A new key with the identifier of another key's row: never that row's update (MariaDB's ON
        // DUPLICATE KEY UPDATE matches a row by its primary key too), whatever the strategy.
        for (Strategy strategy : List.of(Strategy.UPSERT, Strategy.INSERT_MISSING)) {
            assertThatThrownBy(() -> upsertAny(List.of(new Line(
                    new Line.LineId("O1", 1), "r9", 1)), options().strategy(strategy).build()))
                    .as("%s", strategy).satisfies(e -> assertThat(String.valueOf(e.getMessage()) + e.getCause())
                            .containsAnyOf("its own identifier. Nothing was written", "uplicate", "unique", "UNIQUE", "PRIMARY", "primary key"));
        }
        assertThat(query("select order_no, line_no, ref, qty from it_line order by ref"))
                .extracting(r -> r.get("order_no"), r -> ((Number) r.get("line_no")).intValue(), r -> r.get("ref"),
                        r -> ((Number) r.get("qty")).intValue())
                .containsExactly(tuple("O1", 1, "r1", 6), tuple("O1", 2, "r2", 3));

        List<Line.Slot> slots = List.of(new Line.Slot("A", 1, "s1", "one"));
        assertThat(upsertAny(slots)).isEqualTo(new UpsertResult(1, 0, 0, 0));
        List<Line.Slot> moved = List.of(new Line.Slot("B", 7, "s1", "uno"));
        assertThat(upsertAny(moved)).isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(moved.get(0)).extracting(s -> s.area, s -> s.number).containsExactly("A", 1);
        assertThatThrownBy(() -> upsertAny(List.of(new Line.Slot(null, 2, "s2", "two"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("has no value for area");
        assertThat(query("select area, number, code, label from it_slot"))
                .extracting(r -> r.get("area"), r -> ((Number) r.get("number")).intValue(), r -> r.get("code"), r -> r.get("label"))
                .containsExactly(tuple("A", 1, "s1", "uno"));
        assertThat(upsertAny(moved, options().strategy(Strategy.SYNC).build())).isEqualTo(new UpsertResult(0, 0, 1, 0));
    }

    /**
     * A secondary table, optional: its row holds the entity's values in its columns where one of
     * them has a value; it is inserted, updated or deleted as the values come and go, and any of
     * that makes the entity updated (its version, in the main table, too).
     */
    @Test
    void anOptionalSecondaryTableHasARowWhereItsColumnsHoldAValue() {
        List<Profile> first = List.of(new Profile("ada", "Ada", "math", null),
                new Profile("bob", "Bob", null, null));
        assertThat(upsertAny(first)).isEqualTo(new UpsertResult(2, 0, 0, 0));
        List<Profile> second = List.of(new Profile("ada", "Ada", "math", null),
                new Profile("bob", "Bob", "chess", null), new Profile("cy", "Cy", null, null));
        assertThat(upsertAny(second)).as("bob's row in it_profile_bio is new").isEqualTo(new UpsertResult(1, 1, 1, 0));
        assertThat(second).extracting(p -> p.version).containsExactly(0, 1, 0);
        assertThat(upsertAny(List.of(new Profile("ada", "Ada", null, null))))
                .as("ada's row in it_profile_bio is gone").isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(upsertAny(List.of(new Profile("bob", "Bob", null, null)),
                options().strategy(Strategy.INSERT_MISSING).build())).isEqualTo(new UpsertResult(0, 0, 1, 0));
        // What the call does not update is left alone there too: no row is inserted for cy, none emptied for bob.
        assertThat(upsertAny(List.of(new Profile("cy", "Cy", "new", null)),
                options().strategy(Strategy.INSERT_MISSING).build())).isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(upsertAny(List.of(new Profile("cy", "Cy", "new", null)),
                options().updateOnly("name").build())).isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(upsertAny(List.of(new Profile("bob", "Bob", null, null)),
                options().mergePolicy("bio", MergePolicy.KEEP_EXISTING_WHEN_NULL).build()))
                .as("bob's bio is kept").isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(query("select p.handle, p.version, b.bio from it_profile p left join it_profile_bio b on b.profile_id = p.id"
                + " order by p.handle"))
                .extracting(r -> r.get("handle"), r -> ((Number) r.get("version")).intValue(), r -> r.get("bio"))
                .containsExactly(tuple("ada", 1, null), tuple("bob", 1, "chess"), tuple("cy", 0, null));
        assertThat(query("select count(*) as c from it_profile_bio").get(0).get("c")).isIn(1, 1L);
        // A value the call keeps that is null empties the row all the same: it goes, as Hibernate keeps no empty row.
        assertThat(upsertAny(List.of(new Profile("bob", "Bob", null, null)),
                options().mergePolicy("website", MergePolicy.KEEP_EXISTING_WHEN_NULL).build())).isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(query("select count(*) as c from it_profile_bio").get(0).get("c")).isIn(0, 0L);

        assertThat(upsertAny(List.of(new Profile("ada", "Ada", null, "ada.dev")),
                options().strategy(Strategy.SYNC).build())).isEqualTo(new UpsertResult(0, 1, 0, 2));
        assertThat(query("select p.handle, b.bio, b.website from it_profile p left join it_profile_bio b on b.profile_id = p.id"))
                .extracting(r -> r.get("handle"), r -> r.get("bio"), r -> r.get("website"))
                .containsExactly(tuple("ada", null, "ada.dev"));
        assertThat(query("select count(*) as c from it_profile_bio").get(0).get("c")).isIn(1, 1L);
    }

    /**
     * A SYNC compares the keys it reads from the table with the batch's: keys of a time, a
     * decimal, an enum, an embedded value and a many-to-one match as stored, so a batch synced
     * again deletes nothing, and one without a key deletes that key alone.
     */
    @Test
    void aSyncMatchesStoredKeysOfEveryKind() {
        UpsertOptions sync = options().strategy(Strategy.SYNC).build();
        java.time.LocalDateTime noon = java.time.LocalDateTime.of(2026, 11, 29, 12, 0);
        java.util.function.Supplier<List<Tick>> ticks = () -> List.of(new Tick("s", noon.plusNanos(400_000_000), "1.499", 1),
                new Tick("s", noon.plusSeconds(1), "2.00", 2));
        java.util.function.Supplier<List<dev.upsert.hibernate.model.Moment>> moments = () -> List.of(
                new dev.upsert.hibernate.model.Moment("m", java.time.Instant.parse("2026-11-29T03:04:05.123456789Z"), null, null),
                new dev.upsert.hibernate.model.Moment("m", java.time.Instant.parse("2026-11-29T03:04:06Z"), null, null));
        java.util.function.Supplier<List<Reading>> readings = () -> List.of(new Reading("roof", 1, Reading.Unit.CELSIUS, 1),
                new Reading("roof", 2, Reading.Unit.PERCENT, 2));
        upsertAny(List.of(new Warehouse("W1", "Lyon")));
        Warehouse lyon = factory.fromTransaction(s -> s.createSelectionQuery("from Warehouse", Warehouse.class).getSingleResult());
        java.util.function.Supplier<List<Bin>> bins = () -> List.of(new Bin(lyon, "A", 1, null), new Bin(lyon, "B", 2, null));

        for (java.util.function.Supplier<? extends List<?>> batch : List.of(ticks, moments, readings, bins)) {
            assertThat(upsertAny(batch.get(), sync).inserted()).isEqualTo(2);
            assertThat(upsertAny(batch.get(), sync)).as("the same batch again").isEqualTo(new UpsertResult(0, 0, 2, 0));
            assertThat(upsertAny(batch.get().subList(0, 1), sync)).as("one key vanished").isEqualTo(new UpsertResult(0, 0, 1, 1));
        }
    }

    /** A row in a sync's scope whose key is NULL matches no entity and no delete by key: refused, not left behind. */
    @Test
    void aSyncRefusesARowWithANullKeyInItsScope() {
        upsertAny(List.of(new Customer("crm", "1", "Ada"), new Customer("crm", "2", "Bob")));
        factory.inTransaction(s -> s.createNativeMutationQuery("update it_customer set external_id = null where external_id = '2'")
                .executeUpdate());
        assertThatThrownBy(() -> upsertAny(List.of(new Customer("crm", "1", "Ada")), options().strategy(Strategy.SYNC).build()))
                .isInstanceOf(UpsertException.class).hasMessageContaining("a NULL key").hasMessageContaining("Nothing was deleted");
        assertThat(query("select name from it_customer order by name")).extracting(r -> r.get("name")).containsExactly("Ada", "Bob");
    }

    /**
     * A java.util.Date in the natural key reads back as a java.sql.Timestamp: the keys a SYNC finds
     * in the table are still the batch's, and none of the rows it wrote is deleted.
     */
    @Test
    void aSyncKeepsRowsKeyedByAJavaUtilDate() {
        java.util.Date nine = java.util.Date.from(java.time.Instant.parse("2026-11-30T09:00:00Z"));
        java.util.Date ten = java.util.Date.from(java.time.Instant.parse("2026-11-30T10:00:00Z"));
        UpsertOptions sync = options().strategy(Strategy.SYNC).build();
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Timecard("ada", nine, 60),
                new dev.upsert.hibernate.model.Timecard("ada", ten, 30)), sync)).isEqualTo(new UpsertResult(2, 0, 0, 0));
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Timecard("ada", nine, 60),
                new dev.upsert.hibernate.model.Timecard("ada", ten, 45)), sync)).isEqualTo(new UpsertResult(0, 1, 1, 0));
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Timecard("ada", ten, 45)), sync)).isEqualTo(new UpsertResult(0, 0, 1, 1));
        assertThat(query("select minutes from it_timecard")).extracting(r -> ((Number) r.get("minutes")).intValue()).containsExactly(45);
    }

    /**
     * A DELETE_THEN_INSERT by conditions of a soft-deleted entity marks its scope's rows, as
     * Hibernate deletes them, rather than deleting them for good; the batch's own keys' rows are
     * written again, and rows marked before stay as they are, not counted.
     */
    @Test
    void aDeleteThenInsertMarksASoftDeletedScope() {
        upsertAny(List.of(new dev.upsert.hibernate.model.Listing("a", "A"), new dev.upsert.hibernate.model.Listing("b", "B"),
                new dev.upsert.hibernate.model.Listing("c", "C")));
        upsertAny(List.of(new dev.upsert.hibernate.model.Listing("a", "A"), new dev.upsert.hibernate.model.Listing("b", "B")),
                options().strategy(Strategy.SYNC).build());
        UpsertOptions replace = options().strategy(Strategy.DELETE_THEN_INSERT).scope(Scope.all().isNotNull("title")).build();
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Listing("a", "A2"), new dev.upsert.hibernate.model.Listing("d", "D")),
                replace)).isEqualTo(new UpsertResult(2, 0, 0, 2));
        assertThat(query("select code, title, deleted from it_listing order by code"))
                .extracting(r -> r.get("code"), r -> r.get("title"), r -> truthy(r.get("deleted")))
                .containsExactly(tuple("a", "A2", false), tuple("b", "B", true), tuple("c", "C", true), tuple("d", "D", false));
    }

    /**
     * Hibernate's own @SoftDelete: upserted rows are live to Hibernate's queries, a SYNC marks the
     * vanished ones deleted (Hibernate no longer sees them, the rows stay), and a later upsert of
     * such a key revives it, counted as an update. As a deleted flag, and as an active flag in Y/N.
     */
    @Test
    void hibernatesSoftDeleteIsWrittenAndRespected() {
        UpsertOptions sync = options().strategy(Strategy.SYNC).build();
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Listing("a", "A"), new dev.upsert.hibernate.model.Listing("b", "B"),
                new dev.upsert.hibernate.model.Listing("c", "C")))).isEqualTo(new UpsertResult(3, 0, 0, 0));
        java.util.function.Supplier<List<String>> visible = () -> factory.fromTransaction(s -> s.createSelectionQuery(
                "select code from Listing order by code", String.class).getResultList());
        assertThat(visible.get()).containsExactly("a", "b", "c");

        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Listing("a", "A"), new dev.upsert.hibernate.model.Listing("b", "B")), sync))
                .isEqualTo(new UpsertResult(0, 0, 2, 1));
        assertThat(visible.get()).containsExactly("a", "b");
        assertThat(query("select code from it_listing order by code")).as("the row stays").hasSize(3);
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Listing("a", "A"), new dev.upsert.hibernate.model.Listing("b", "B")), sync))
                .as("already marked: not counted again").isEqualTo(new UpsertResult(0, 0, 2, 0));

        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Listing("c", "C")))).as("revived").isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(visible.get()).containsExactly("a", "b", "c");

        // A managed instance of a key the sync marks leaves the session, as Hibernate can no longer load its row.
        factory.inTransaction(s -> {
            dev.upsert.hibernate.model.Listing managed = s.createSelectionQuery("from Listing where code = 'b'",
                    dev.upsert.hibernate.model.Listing.class).getSingleResult();
            assertThat(UpsertSession.wrap(s).upsertAll(List.of(new dev.upsert.hibernate.model.Listing("a", "A"),
                    new dev.upsert.hibernate.model.Listing("c", "C")), sync)).isEqualTo(new UpsertResult(0, 0, 2, 1));
            assertThat(s.contains(managed)).isFalse();
        });
        assertThat(visible.get()).containsExactly("a", "c");

        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Badge("x"), new dev.upsert.hibernate.model.Badge("y")))).isEqualTo(new UpsertResult(2, 0, 0, 0));
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Badge("x")), sync)).isEqualTo(new UpsertResult(0, 0, 1, 1));
        assertThat(query("select code, active from it_badge order by code")).extracting(r -> r.get("code"), r -> String.valueOf(r.get("active")))
                .containsExactly(tuple("x", "Y"), tuple("y", "N"));
        List<String> badges = factory.fromTransaction(s -> s.createSelectionQuery("select code from Badge", String.class).getResultList());
        assertThat(badges).containsExactly("x");

        upsertAny(List.of(new dev.upsert.hibernate.model.Flyer("f1"), new dev.upsert.hibernate.model.Flyer("f2")));
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Flyer("f1")), sync)).isEqualTo(new UpsertResult(0, 0, 1, 1));
        assertThat(query("select code, deleted from it_flyer order by code")).extracting(r -> r.get("code"), r -> r.get("deleted") != null)
                .containsExactly(tuple("f1", false), tuple("f2", true));
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Flyer("f2")))).as("revived").isEqualTo(new UpsertResult(0, 1, 0, 0));
        List<String> flyers = factory.fromTransaction(s -> s.createSelectionQuery("select code from Flyer order by code", String.class).getResultList());
        assertThat(flyers).containsExactly("f1", "f2");
    }

    /** A timestamp version: set on insert, moved on a real change only, written back, and what Hibernate then checks. */
    @Test
    void aTimestampVersionMovesOnARealChangeOnly() {
        dev.upsert.hibernate.model.Note first = new dev.upsert.hibernate.model.Note("n1", "draft");
        upsertAny(List.of(first));
        assertThat(first.revised).isNotNull();
        java.time.Instant inserted = first.revised;

        dev.upsert.hibernate.model.Note same = new dev.upsert.hibernate.model.Note("n1", "draft");
        assertThat(upsertAny(List.of(same))).isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(same.revised).isEqualTo(inserted);

        dev.upsert.hibernate.model.Note edited = new dev.upsert.hibernate.model.Note("n1", "final");
        assertThat(upsertAny(List.of(edited))).isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(edited.revised).isAfter(inserted);
        dev.upsert.hibernate.model.Note loaded = factory.fromTransaction(s -> s.find(dev.upsert.hibernate.model.Note.class, edited.id));
        assertThat(loaded.body).isEqualTo("final");
        assertThat(loaded.revised).isEqualTo(edited.revised);

        // The version written back is the one stored: Hibernate's own update of the entity passes its check.
        edited.body = "final, edited";
        factory.inTransaction(s -> s.merge(edited));
        assertThat(query("select body from it_note")).extracting(r -> r.get("body")).containsExactly("final, edited");
    }

    /** A stream is read once: a call that would have to run again from its start is refused. */
    @Test
    void aStreamedCallIsNotRetried() {
        UpsertOptions retried = options().retries(2).build();
        assertThatThrownBy(() -> factory.fromSession(s -> UpsertSession.wrap(s).upsertAll(Customer.class,
                java.util.stream.Stream.of(customer("crm", "1", "Ada")), retried)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read only once");
        assertThat(query(CUSTOMERS)).as("nothing written").isEmpty();
    }

    @Test
    void keysAsTheirColumnsKeepThem() {
        LocalDateTime noon = LocalDateTime.of(2026, 11, 29, 12, 0);
        assertThat(upsertAny(List.of(new Tick("t1", noon.plusNanos(400_000_000), "1.499", 1)))).isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThat(upsertAny(List.of(new Tick("t1", noon, "1.50", 1)))).as("the same key as stored").isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(upsertAny(List.of(new Tick("t1", noon.plusNanos(300_000_000), "1.501", 2),
                new Tick("t1", noon.plusNanos(200_000_000), "1.504", 3)))).as("one key, the last wins").isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(query("select band, level from it_tick")).extracting(r -> new BigDecimal(r.get("band").toString()),
                r -> ((Number) r.get("level")).intValue()).containsExactly(tuple(new BigDecimal("1.50"), 3));
        Tick stored = factory.fromTransaction(s -> s.createSelectionQuery("from Tick", Tick.class).getSingleResult());
        assertThat(stored.at).isEqualTo(noon);
    }

    @Test
    void aManyToOneToAnEntityWithoutAnIdIsRefused() {
        Warehouse unsaved = new Warehouse("W9", "Nowhere");
        upsertAny(List.of(new Warehouse("W1", "Lyon")));
        Warehouse lyon = factory.fromTransaction(s -> s.createSelectionQuery("from Warehouse", Warehouse.class).getSingleResult());

        assertThatThrownBy(() -> upsertAny(List.of(new Bin(lyon, "A", 1, unsaved))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Bin.class.getName() + ".overflow").hasMessageContaining("position 0");
        assertThatThrownBy(() -> upsertAny(List.of(new Bin(lyon, "A", 1, null), new Bin(unsaved, "B", 1, null))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Bin.class.getName() + ".warehouse").hasMessageContaining("position 1");
        assertThat(query("select * from it_bin")).as("nothing written").isEmpty();
    }

    @Test
    void matchesByAnIntegerIdentifier() {
        upsertAny(List.of(new dev.upsert.hibernate.model.Region(1, "north"), new dev.upsert.hibernate.model.Region(2, "south")));
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Region(2, "south-west"),
                new dev.upsert.hibernate.model.Region(3, "east")))).isEqualTo(new UpsertResult(1, 1, 0, 0));
        assertThat(query("select code, name from it_region order by code"))
                .extracting(r -> ((Number) r.get("code")).intValue(), r -> r.get("name"))
                .containsExactly(tuple(1, "north"), tuple(2, "south-west"), tuple(3, "east"));
    }

    @Test
    void matchesByAnEmbeddedIdentifierAndSyncsItsKeys() {
        LocalDate monday = LocalDate.of(2026, 11, 23);
        LocalDate tuesday = monday.plusDays(1);
        upsertAny(List.of(new DailySales(monday, "north", 10, "100.00"), new DailySales(monday, "south", 5, "50.00"),
                new DailySales(tuesday, "north", 7, "70.00")));
        UpsertResult sync = upsertAny(List.of(new DailySales(monday, "north", 12, "120.00"),
                new DailySales(tuesday, "north", 7, "70.00"), new DailySales(tuesday, "south", 3, "30.00")),
                options().strategy(Strategy.SYNC).build());

        assertThat(sync).isEqualTo(new UpsertResult(1, 1, 1, 1));
        assertThat(query("select store, units, revenue from it_daily_sales order by sold_on, store"))
                .extracting(r -> r.get("store"), r -> ((Number) r.get("units")).intValue(),
                        r -> new BigDecimal(r.get("revenue").toString()).setScale(2))
                .containsExactly(tuple("north", 12, new BigDecimal("120.00")), tuple("north", 7, new BigDecimal("70.00")),
                        tuple("south", 3, new BigDecimal("30.00")));
        assertThat(factory.fromTransaction(s -> s.find(DailySales.class, new DailySales.Day(monday, "north"))).units)
                .as("stored under the key it was given").isEqualTo(12);
        DailySales deleted = factory.fromTransaction(s -> s.find(DailySales.class, new DailySales.Day(monday, "south")));
        assertThat(deleted).as("absent from the batch, deleted").isNull();
    }

    @Test
    void matchesByTheIdAttributesOfAnIdClass() {
        upsertAny(List.of(new StockLevel("lyon", "A-1", 4), new StockLevel("lyon", "B-2", 0)));
        assertThat(upsertAny(List.of(new StockLevel("lyon", "A-1", 3), new StockLevel("lyon", "B-2", 0),
                new StockLevel("paris", "A-1", 9)))).isEqualTo(new UpsertResult(1, 1, 1, 0));
        assertThat(query("select warehouse, sku, quantity from it_stock_level order by warehouse, sku"))
                .extracting(r -> r.get("warehouse"), r -> r.get("sku"), r -> ((Number) r.get("quantity")).intValue())
                .containsExactly(tuple("lyon", "A-1", 3), tuple("lyon", "B-2", 0), tuple("paris", "A-1", 9));

        assertThatThrownBy(() -> upsertAny(List.of(new StockLevel("lyon", null, 1))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(StockLevel.class.getName() + ".sku").hasMessageContaining("position 0");
    }

    /** An @Immutable entity's rows are inserted and never updated, as Hibernate never updates them. */
    @Test
    void anImmutableEntitysRowsAreNeverUpdated() {
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Rate("EUR", "1.0000")))).isEqualTo(new UpsertResult(1, 0, 0, 0));
        List<dev.upsert.hibernate.model.Rate> again = List.of(new dev.upsert.hibernate.model.Rate("EUR", "1.1000"),
                new dev.upsert.hibernate.model.Rate("USD", "0.9000"));
        assertThat(upsertAny(again)).isEqualTo(new UpsertResult(1, 0, 1, 0));
        assertThat(query("select code, factor from it_rate order by code"))
                .extracting(r -> r.get("code"), r -> new BigDecimal(r.get("factor").toString()).setScale(4))
                .containsExactly(tuple("EUR", new BigDecimal("1.0000")), tuple("USD", new BigDecimal("0.9000")));
        assertThat(again).allSatisfy(r -> assertThat(r.id).isNotNull());
        assertThatThrownBy(() -> upsertAny(again, options().skipUnchanged(false).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("@Immutable");
    }

    /** A proxy Hibernate handed out is upserted as the entity behind it, not as its own empty fields. */
    @Test
    void aProxyIsUpsertedAsTheEntityBehindIt() {
        upsert(List.of(customer("crm", "1", "Ada")));
        Long id = idsByKey().get("crm/1");
        Map<String, Object> before = byKey("crm", "1");
        UpsertResult result = factory.fromTransaction(s -> {
            Customer proxy = s.getReference(Customer.class, id);
            assertThat(proxy).isInstanceOf(org.hibernate.proxy.HibernateProxy.class);
            return UpsertSession.wrap(s).upsertAll(List.of(proxy));
        });
        assertThat(result).isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(byKey("crm", "1")).isEqualTo(before);
    }

    @Test
    void insertsNewRowsAndWritesTheirIdsBack() {
        List<Customer> batch = List.of(customer("crm", "1", "Ada"), customer("crm", "2", "Grace"),
                customer("erp", "1", "Edsger"));

        UpsertResult result = upsert(batch);

        assertThat(result).isEqualTo(new UpsertResult(3, 0, 0, 0));
        assertThat(query("select id, source_system, external_id, name, version from it_customer order by id"))
                .extracting(r -> r.get("source_system"), r -> r.get("external_id"), r -> r.get("name"), r -> r.get("version"))
                .containsExactlyInAnyOrder(tuple("crm", "1", "Ada", 0), tuple("crm", "2", "Grace", 0),
                        tuple("erp", "1", "Edsger", 0));
        Map<String, Long> ids = idsByKey();
        for (Customer c : batch) {
            assertThat(c.id).isEqualTo(ids.get(c.sourceSystem + "/" + c.externalId));
            assertThat(c.version).isZero();
            assertThat(c.createdAt).isNotNull();
        }
    }

    /** A timestamp @Version goes up on every update, whichever attributes a call updates, and cannot be named. */
    @Test
    void aTimestampVersionGoesUpUnderUpdateOnly() {
        upsertAny(List.of(new dev.upsert.hibernate.model.Note("n1", "first")));
        Object stored = query("select revised from it_note").get(0).get("revised");
        dev.upsert.hibernate.model.Note edited = new dev.upsert.hibernate.model.Note("n1", "second");
        assertThat(upsertAny(List.of(edited), options().updateOnly("body").build())).isEqualTo(new UpsertResult(0, 1, 0, 0));
        Map<String, Object> row = query("select body, revised from it_note").get(0);
        assertThat(row.get("body")).isEqualTo("second");
        assertThat(row.get("revised")).isNotEqualTo(stored);
        assertThatThrownBy(() -> upsertAny(List.of(edited), options().updateExcept("revised").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("its @Version");
    }

    /**
     * An update timestamp marks a change: set again on one whatever updateOnly names, left as stored
     * where updateExcept names it; the version cannot be left out.
     */
    @Test
    void anUpdateTimestampMarksAChangeUnlessUpdateExceptNamesIt() {
        upsert(List.of(customer("crm", "1", "Ada")));
        Map<String, Object> before = byKey("crm", "1");
        Customer renamed = customer("crm", "1", "Ada Lovelace");
        assertThat(upsert(List.of(renamed), options().updateExcept("updatedAt").build())).isEqualTo(new UpsertResult(0, 1, 0, 0));
        Map<String, Object> after = byKey("crm", "1");
        assertThat(after.get("name")).isEqualTo("Ada Lovelace");
        assertThat(after.get("updated_at")).isEqualTo(before.get("updated_at"));
        assertThat(renamed.updatedAt).isEqualTo(toInstant(before.get("updated_at")));
        assertThatThrownBy(() -> upsert(List.of(customer("crm", "1", "Grace")), options().updateExcept("version").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("its @Version");
        assertThat(byKey("crm", "1").get("name")).isEqualTo("Ada Lovelace");
        assertThat(upsert(List.of(customer("crm", "1", "Grace")), options().updateOnly("name").build())).isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(byKey("crm", "1")).satisfies(r -> assertThat(r.get("name")).isEqualTo("Grace"))
                .satisfies(r -> assertThat(r.get("updated_at")).isNotEqualTo(before.get("updated_at")));
    }

    @Test
    void secondRunUpdatesChangedRowsOnlyAndCountsEachOutcome() {
        upsert(List.of(customer("crm", "1", "Ada"), customer("crm", "2", "Grace"), customer("crm", "3", "Alan")));
        Map<String, Object> before = byKey("crm", "2");
        Map<String, Object> unchangedBefore = byKey("crm", "3");

        Customer changed = customer("crm", "2", "Grace Hopper");
        changed.firstSeenBy = "second run";
        Customer same = customer("crm", "3", "Alan");
        Customer added = customer("crm", "4", "Barbara");
        UpsertResult result = upsert(List.of(changed, same, added));

        assertThat(result).isEqualTo(new UpsertResult(1, 1, 1, 0));
        assertThat(query(CUSTOMERS)).extracting(r -> r.get("external_id"), r -> r.get("name"), r -> r.get("version"))
                .containsExactly(tuple("1", "Ada", 0), tuple("2", "Grace Hopper", 1), tuple("3", "Alan", 0),
                        tuple("4", "Barbara", 0));
        Map<String, Object> after = byKey("crm", "2");
        assertThat(after.get("id")).isEqualTo(before.get("id"));
        assertThat(after.get("first_seen_by")).as("updatable = false").isEqualTo("first run");
        assertThat(after.get("created_at")).as("creation timestamp").isEqualTo(before.get("created_at"));
        assertThat(after.get("updated_at")).as("update timestamp on a real change").isNotEqualTo(before.get("updated_at"));
        assertThat(byKey("crm", "3")).as("an unchanged row is not rewritten").isEqualTo(unchangedBefore);

        Map<String, Long> ids = idsByKey();
        assertThat(List.of(changed.id, same.id, added.id)).containsExactly(ids.get("crm/2"), ids.get("crm/3"), ids.get("crm/4"));
        assertThat(List.of(changed.version, same.version, added.version)).containsExactly(1, 0, 0);
        assertThat(same.createdAt).isEqualTo(toInstant(unchangedBefore.get("created_at")));
        assertThat(changed.updatedAt).as("the update time written back as stored").isEqualTo(toInstant(after.get("updated_at")));
        assertThat(same.updatedAt).isEqualTo(toInstant(unchangedBefore.get("updated_at")));
    }

    @Test
    void mapsConvertersEnumsEmbeddablesUuidsJsonAndTime() {
        Customer c = customer("crm", "7", "Katherine");
        c.tier = Customer.Tier.GOLD;
        c.balance = new Cents(12_345);
        c.address = new Address("1 Main St", "Hampton");
        c.reference = UUID.fromString("5f0c6b0e-8d7e-4c55-9a53-8a1d2f7c1e11");
        c.since = LocalDate.of(1953, 6, 1);
        c.score = new BigDecimal("98.50");
        c.attributes = Map.of("team", "orbital", "level", 3);
        upsert(List.of(c));

        Customer loaded = factory.fromTransaction(s -> s.find(Customer.class, c.id));
        assertThat(loaded.tier).isEqualTo(Customer.Tier.GOLD);
        assertThat(loaded.balance).isEqualTo(new Cents(12_345));
        assertThat(loaded.address.street).isEqualTo("1 Main St");
        assertThat(loaded.address.city).isEqualTo("Hampton");
        assertThat(loaded.reference).isEqualTo(c.reference);
        assertThat(loaded.since).isEqualTo(c.since);
        assertThat(loaded.score).isEqualByComparingTo("98.50");
        assertThat(loaded.attributes).containsEntry("team", "orbital").containsEntry("level", 3);
        Map<String, Object> row = byKey("crm", "7");
        assertThat(row.get("tier")).isEqualTo("GOLD");
        assertThat(((Number) row.get("balance")).longValue()).isEqualTo(12_345L);

        Customer again = customer("crm", "7", "Katherine");
        again.tier = Customer.Tier.GOLD;
        again.balance = new Cents(12_345);
        again.address = new Address("1 Main St", "Hampton");
        again.reference = c.reference;
        again.since = c.since;
        again.score = new BigDecimal("98.5");
        again.attributes = Map.of("level", 3, "team", "orbital");
        assertThat(upsert(List.of(again))).as("equal values of every type are unchanged")
                .isEqualTo(new UpsertResult(0, 0, 1, 0));

        again.address = new Address("1 Main St", "Houston");
        assertThat(upsert(List.of(again))).isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(byKey("crm", "7").get("city")).isEqualTo("Houston");
    }

    @Test
    void sequenceIdsAndNaturalId() {
        List<Product> first = IntStream.range(0, 120).mapToObj(i -> product(i, "v1")).toList();
        assertThat(upsertProducts(first)).isEqualTo(new UpsertResult(120, 0, 0, 0));
        long maxBefore = ((Number) query("select max(id) as m from it_product").get(0).get("m")).longValue();

        List<Product> second = IntStream.range(60, 180).mapToObj(i -> product(i, i < 90 ? "v2" : "v1")).toList();
        assertThat(upsertProducts(second)).isEqualTo(new UpsertResult(60, 30, 30, 0));

        List<Map<String, Object>> rows = query("select id, sku, name from it_product order by sku");
        assertThat(rows).hasSize(180);
        assertThat(rows).extracting(r -> r.get("id")).doesNotHaveDuplicates();
        Map<Object, Long> idBySku = new HashMap<>();
        rows.forEach(r -> idBySku.put(r.get("sku"), ((Number) r.get("id")).longValue()));
        second.forEach(p -> assertThat(p.id).isEqualTo(idBySku.get(p.sku)));
        assertThat(rows.stream().filter(r -> "v2".equals(r.get("name")))).hasSize(30);

        // Ids Hibernate allocates itself never collide with ones the upsert took from the sequence.
        Product persisted = new Product("persisted", "p", BigDecimal.ONE);
        factory.inTransaction(s -> s.persist(persisted));
        assertThat(idBySku.values()).doesNotContain(persisted.id);
        assertThat(persisted.id).isNotEqualTo(maxBefore);
    }

    @Test
    void quotesIdentifiersThatNeedIt() {
        assertThat(upsertAny(List.of(new Reserved(1, "a"), new Reserved(2, "b")))).isEqualTo(new UpsertResult(2, 0, 0, 0));
        List<Reserved> second = List.of(new Reserved(2, "B"), new Reserved(3, "c"));
        assertThat(upsertAny(second)).isEqualTo(new UpsertResult(1, 1, 0, 0));
        assertThat(query("select " + database.q("order") + " as o, " + database.q("Select") + " as s from "
                + database.q("It Mixed") + " order by " + database.q("order")))
                .extracting(r -> r.get("o"), r -> r.get("s"))
                .containsExactly(tuple(1, "a"), tuple(2, "B"), tuple(3, "c"));
        assertThat(second).allSatisfy(r -> assertThat(r.id).isNotNull());
        Object storedId = query("select id from " + database.q("It Mixed") + " where " + database.q("order") + " = 2")
                .get(0).get("id");
        assertThat(second.get(0).id).isEqualTo(storedId instanceof byte[] bytes ? uuid(bytes) : UUID.fromString(storedId.toString()));
    }

    /**
     * Keys that differ only in case, accents or trailing spaces: two rows where the key's collation
     * tells them apart; where it does not (MariaDB's default, utf8mb4_general_ci), two of one call
     * are refused before anything is written (by parallel writers too), and one that a stored key
     * is to the table is matched to that row.
     */
    @Test
    void keysThatTheCollationTakesAsOne() {
        upsertProducts(List.of(new Product("sku-b", "stored", BigDecimal.ONE)));
        List<List<Product>> alike = List.of(
                List.of(new Product("sku-a", "lower", BigDecimal.ONE), new Product("SKU-A", "upper", BigDecimal.TEN)),
                List.of(new Product("caf\u00e9", "accent", BigDecimal.ONE), new Product("cafe", "none", BigDecimal.TEN)),
                List.of(new Product("sku-c", "bare", BigDecimal.ONE), new Product("sku-c  ", "padded", BigDecimal.TEN)));
        List<List<Product>> alikeStored = List.of(List.of(new Product("SKU-B", "upper", BigDecimal.TEN)),
                List.of(new Product("sku-b ", "padded", BigDecimal.TEN)));
        if (!database.is("mariadb")) {
            alike.forEach(batch -> assertThat(upsertProducts(batch)).isEqualTo(new UpsertResult(2, 0, 0, 0)));
            alikeStored.forEach(batch -> assertThat(upsertProducts(batch)).isEqualTo(new UpsertResult(1, 0, 0, 0)));
            assertThat(query("select sku from it_product")).extracting(r -> r.get("sku")).containsExactlyInAnyOrder(
                    "sku-a", "SKU-A", "caf\u00e9", "cafe", "sku-c", "sku-c  ", "sku-b", "SKU-B", "sku-b ");
            return;
        }
        for (List<Product> batch : alike) {
            assertThatThrownBy(() -> upsertProducts(batch)).as("%s", batch.stream().map(p -> p.sku).toList())
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("[" + batch.get(0).sku + "]").hasMessageContaining("[" + batch.get(1).sku + "]")
                    .hasMessageContaining("one key to table it_product")
                    .hasMessageContaining("column sku (attribute sku) compares by collation utf8mb4_general_ci,"
                            + " which ignores case, accents, trailing spaces")
                    .hasMessageContaining("Nothing was written");
            assertThatThrownBy(() -> Upserts.upsertAllInParallel(factory, batch, options().build(), 4))
                    .as("before any writer commits").isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("one key to table it_product");
        }
        // A key the table takes as a stored one is that row, as the database has it: matched, updated,
        // given its id, its stored spelling kept; a sync keeps it, and a managed instance is refreshed.
        Object storedId = query("select id from it_product").get(0).get("id");
        for (List<Product> batch : alikeStored) {
            assertThat(upsertProducts(batch)).as(batch.get(0).sku).isEqualTo(new UpsertResult(0, 1, 0, 0));
            assertThat(((Number) storedId).longValue()).isEqualTo(batch.get(0).id);
        }
        // Both ways round, in one sync: neither stored row vanishes, and the managed one is refreshed.
        upsertProducts(List.of(new Product("SKU-Z", "upper", BigDecimal.ONE)));
        factory.inTransaction(s -> {
            Product managed = s.createQuery("from Product where sku = 'SKU-Z'", Product.class).getSingleResult();
            UpsertResult synced = UpsertSession.wrap(s).upsertAll(List.of(new Product("sku-z", "lower", BigDecimal.ONE),
                    new Product("SKU-B", "refreshed", BigDecimal.TEN)), options().strategy(Strategy.SYNC).build());
            assertThat(synced).isEqualTo(new UpsertResult(0, 2, 0, 0));
            assertThat(managed.name).isEqualTo("lower");
        });
        // A versioned history: the stored current version is the key's, closed where the new one opens.
        upsertAny(List.of(new CustomerHistory("h-1", "Ada", "London", "a@x")));
        assertThat(upsertAny(List.of(new CustomerHistory("H-1", "Ada", "Paris", "a@x")))).isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(query("select customer_id, city, is_current from it_history order by valid_from"))
                .extracting(r -> r.get("customer_id"), r -> r.get("city"), r -> truthy(r.get("is_current")))
                .containsExactly(tuple("h-1", "London", false), tuple("H-1", "Paris", true));
        // A fold the library does not imitate: the database's count or index gives it away.
        assertThatThrownBy(() -> upsertProducts(List.of(new Product("\u00df", "eszett", BigDecimal.ONE),
                new Product("s", "s", BigDecimal.TEN)))).isInstanceOf(RuntimeException.class);
        assertThat(query("select sku, name from it_product order by id")).extracting(r -> r.get("sku"), r -> r.get("name"))
                .containsExactly(tuple("sku-b", "refreshed"), tuple("SKU-Z", "lower"));
    }

    /**
     * A soft delete written by hand ({@code @SQLDelete} and {@code @SQLRestriction}): an upsert
     * writes and revives rows, but a SYNC or DELETE_THEN_INSERT, whose plain DELETE would bypass
     * the entity's own delete, is refused; and so is any call for an entity with its own insert.
     */
    @Test
    void theMappingsOwnWritesAreNotBypassed() {
        List<dev.upsert.hibernate.model.Issue> issues = List.of(new dev.upsert.hibernate.model.Issue("t1", "one"),
                new dev.upsert.hibernate.model.Issue("t2", "two"));
        assertThat(upsertAny(issues)).isEqualTo(new UpsertResult(2, 0, 0, 0));
        factory.inTransaction(s -> s.remove(s.find(dev.upsert.hibernate.model.Issue.class, issues.get(1).id)));
        assertThat(query("select code, closed from it_issue order by code")).extracting(r -> r.get("code"), r -> truthy(r.get("closed")))
                .containsExactly(tuple("t1", false), tuple("t2", true));
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Issue("t2", "two")))).as("revived: closed is mapped")
                .isEqualTo(new UpsertResult(0, 1, 0, 0));
        for (Strategy deleting : List.of(Strategy.SYNC, Strategy.DELETE_THEN_INSERT)) {
            assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Issue("t1", "changed")),
                    options().strategy(deleting).build()))
                    .isInstanceOf(UpsertException.class)
                    .hasMessageContaining("@SQLDelete: update it_issue set closed = true where id = ?")
                    .hasMessageContaining("a " + deleting + " would bypass").hasMessageContaining("@SoftDelete");
        }
        assertThat(query("select code, title, closed from it_issue order by code"))
                .extracting(r -> r.get("code"), r -> r.get("title"), r -> truthy(r.get("closed")))
                .containsExactly(tuple("t1", "one", false), tuple("t2", "two", false));

        // The same delete with the mark mapped for a sync: a SYNC marks the row, as the entity's delete would.
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Notice("n1", "one"), new dev.upsert.hibernate.model.Notice("n2", "two"))))
                .isEqualTo(new UpsertResult(2, 0, 0, 0));
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Notice("n1", "one")), options().strategy(Strategy.SYNC).build()))
                .isEqualTo(new UpsertResult(0, 0, 1, 1));
        assertThat(query("select code, removed_at from it_notice order by code"))
                .extracting(r -> r.get("code"), r -> r.get("removed_at") != null).containsExactly(tuple("n1", false), tuple("n2", true));
        // A managed instance of a key the sync marks leaves the session: Hibernate's restriction no longer loads its row.
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Notice("n3", "three")))).isEqualTo(new UpsertResult(1, 0, 0, 0));
        factory.inTransaction(s -> {
            dev.upsert.hibernate.model.Notice managed = s.createSelectionQuery("from Notice where code = 'n3'",
                    dev.upsert.hibernate.model.Notice.class).getSingleResult();
            assertThat(UpsertSession.wrap(s).upsertAll(List.of(new dev.upsert.hibernate.model.Notice("n1", "one")),
                    options().strategy(Strategy.SYNC).build())).isEqualTo(new UpsertResult(0, 0, 1, 1));
            assertThat(s.contains(managed)).isFalse();
        });
        assertThat(query("select code from it_notice where removed_at is null")).extracting(r -> r.get("code")).containsExactly("n1");

        // Its own update: refused where the call updates, taken where it only inserts.
        assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Banner("b1", "text"))))
                .isInstanceOf(UpsertException.class).hasMessageContaining("@SQLUpdate: update it_banner");
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Banner("b1", "text")), options().strategy(Strategy.INSERT_MISSING).build()))
                .isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThat(query("select code, caption from it_banner")).extracting(r -> r.get("code"), r -> r.get("caption"))
                .containsExactly(tuple("b1", "text"));

        // A column's own SQL (@ColumnTransformer) is applied, on insert, on update and to the comparison.
        java.util.function.Function<String, List<dev.upsert.hibernate.model.Placard>> placard =
                caption -> List.of(new dev.upsert.hibernate.model.Placard("p1", caption));
        assertThat(upsertAny(placard.apply("hello"))).isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThat(upsertAny(placard.apply("Hello"))).as("stored as HELLO either way").isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(upsertAny(placard.apply("hello!"))).isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(query("select caption from it_placard")).extracting(r -> r.get("caption")).containsExactly("HELLO!");
        // A scope on it would compare the stored value, which Hibernate reads otherwise (lower(caption)).
        assertThatThrownBy(() -> upsertAny(placard.apply("hello!"), options().strategy(Strategy.SYNC)
                .scope(Scope.all().eq("caption", "hello!")).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("read = \"lower(caption)\"");
        assertThat(query("select caption from it_placard")).extracting(r -> r.get("caption")).containsExactly("HELLO!");

        for (Strategy any : Strategy.values()) {
            assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Poster("p1", "title")),
                    options().strategy(any).build()))
                    .isInstanceOf(UpsertException.class).hasMessageContaining("@SQLInsert: insert into it_poster")
                    .hasMessageContaining("@ColumnTransformer");
        }
        assertThat(query("select code from it_poster")).isEmpty();
    }

    /**
     * Values the database generates (@CurrentTimestamp from its clock, a @Generated column
     * default): written by its SQL, never bound; the insert-only one kept on update, the other
     * set again on a real update only; each read back into the entities.
     */
    @Test
    void valuesTheDatabaseGeneratesAreItsOwnAndReadBack() {
        java.util.function.BiFunction<String, String, dev.upsert.hibernate.model.Visit> visit = dev.upsert.hibernate.model.Visit::new;
        List<dev.upsert.hibernate.model.Visit> first = List.of(visit.apply("v1", "home"), visit.apply("v2", "about"));
        first.get(0).status = "ignored";
        assertThat(upsertAny(first)).isEqualTo(new UpsertResult(2, 0, 0, 0));
        assertThat(query("select code, status from it_visit where first_seen is not null and last_changed is not null order by code"))
                .extracting(r -> r.get("code"), r -> r.get("status")).containsExactly(tuple("v1", "new"), tuple("v2", "new"));
        assertThat(first).allSatisfy(v -> assertThat(v.firstSeen).isNotNull().isEqualTo(v.lastChanged))
                .extracting(v -> v.status).containsExactly("new", "new");

        LocalDateTime past = LocalDateTime.of(2001, 2, 3, 4, 5, 6);
        factory.inTransaction(s -> s.createNativeMutationQuery("update it_visit set first_seen = :t, last_changed = :t, status = 'old'")
                .setParameter("t", past).executeUpdate());
        List<dev.upsert.hibernate.model.Visit> second = List.of(visit.apply("v1", "home, changed"), visit.apply("v2", "about"),
                visit.apply("v3", "new"));
        assertThat(upsertAny(second)).isEqualTo(new UpsertResult(1, 1, 1, 0));
        java.util.function.Supplier<Map<String, dev.upsert.hibernate.model.Visit>> reload = () -> {
            Map<String, dev.upsert.hibernate.model.Visit> byCode = new HashMap<>();
            factory.inTransaction(s -> s.createQuery("from Visit", dev.upsert.hibernate.model.Visit.class).getResultList()
                    .forEach(v -> byCode.put(v.code, v)));
            return byCode;
        };
        Map<String, dev.upsert.hibernate.model.Visit> stored = reload.get();
        assertThat(stored.get("v1")).satisfies(v -> {
            assertThat(v.firstSeen).as("kept on update").isEqualTo(past);
            assertThat(v.lastChanged).as("set again on a real update").isAfter(past);
            assertThat(v.status).isEqualTo("old");
        });
        assertThat(stored.get("v2")).satisfies(v -> assertThat(List.of(v.firstSeen, v.lastChanged)).containsOnly(past));
        assertThat(stored.get("v3").status).isEqualTo("new");
        assertThat(second).allSatisfy(v -> {
            assertThat(v.firstSeen).isEqualTo(stored.get(v.code).firstSeen);
            assertThat(v.lastChanged).isEqualTo(stored.get(v.code).lastChanged);
            assertThat(v.status).isEqualTo(stored.get(v.code).status);
        });

        // Inserted only: an existing key keeps all it has; a new one gets the database's values.
        List<dev.upsert.hibernate.model.Visit> third = List.of(visit.apply("v1", "home, again"), visit.apply("v4", "new"));
        assertThat(upsertAny(third, options().strategy(Strategy.INSERT_MISSING).build())).isEqualTo(new UpsertResult(1, 0, 1, 0));
        assertThat(reload.get().get("v1")).satisfies(v -> {
            assertThat(v.page).isEqualTo("home, changed");
            assertThat(v.lastChanged).isEqualTo(stored.get("v1").lastChanged);
        });
        assertThat(third.get(1)).satisfies(v -> {
            assertThat(v.firstSeen).isNotNull().isEqualTo(reload.get().get("v4").firstSeen);
            assertThat(v.status).isEqualTo("new");
        });

        // Left out of the update by the call: not set again, though the row changed.
        assertThat(upsertAny(List.of(visit.apply("v2", "about, changed")), options().updateExcept("lastChanged").build()))
                .isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(reload.get().get("v2")).satisfies(v -> assertThat(List.of(v.firstSeen, v.lastChanged)).containsOnly(past));
        // Rewriting every row (skipUnchanged(false)) is an update of each: set again on all of them.
        assertThat(upsertAny(List.of(visit.apply("v2", "about, changed")), options().skipUnchanged(false).build()))
                .isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(reload.get().get("v2").lastChanged).isAfter(past);
    }

    /**
     * Basic arrays (a {@code String[]} and a {@code List<Integer>}), in the database's array type or
     * as Hibernate stores them where it has none: written, compared element by element, read back.
     */
    @Test
    void basicArraysAreWrittenAndCompared() {
        List<dev.upsert.hibernate.model.Article> first = List.of(new dev.upsert.hibernate.model.Article("a", List.of(1, 2), "x", "y, \"z\""),
                new dev.upsert.hibernate.model.Article("b", null, "z"), new dev.upsert.hibernate.model.Article("c", List.of(), (String) null));
        assertThat(upsertAny(first)).isEqualTo(new UpsertResult(3, 0, 0, 0));
        List<dev.upsert.hibernate.model.Article> second = List.of(new dev.upsert.hibernate.model.Article("a", List.of(1, 2), "x", "y, \"z\""),
                new dev.upsert.hibernate.model.Article("b", List.of(3), "z"), new dev.upsert.hibernate.model.Article("c", List.of(), "w"));
        assertThat(upsertAny(second)).isEqualTo(new UpsertResult(0, 2, 1, 0));
        List<dev.upsert.hibernate.model.Article> stored = factory.fromTransaction(s -> s.createQuery(
                "from Article order by slug", dev.upsert.hibernate.model.Article.class).getResultList());
        assertThat(stored).extracting(a -> a.slug, a -> List.of(a.tags), a -> a.ratings).containsExactly(
                tuple("a", List.of("x", "y, \"z\""), List.of(1, 2)), tuple("b", List.of("z"), List.of(3)),
                tuple("c", List.of("w"), List.of()));
        assertThat(second).extracting(a -> a.id).containsExactlyElementsOf(stored.stream().map(a -> a.id).toList());
    }

    /** A chunk whose arrays are all null. */
    @Test
    void arraysThatAreAllNull() {
        dev.upsert.hibernate.model.Article bare = new dev.upsert.hibernate.model.Article("d", null, (String[]) null);
        assertThat(upsertAny(List.of(bare))).isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Article("d", null, (String[]) null)))).isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(query("select slug, tags, ratings from it_article")).singleElement()
                .satisfies(r -> assertThat(r.get("tags")).isNull()).satisfies(r -> assertThat(r.get("ratings")).isNull());
        assertThat(bare.id).isNotNull();
    }

    /**
     * Instances the session manages, passed in and rewritten: each is refreshed with its row, so
     * that the transaction's flush finds nothing to write, and no stale version.
     */
    @Test
    void managedInstancesPassedInAreRefreshedWithTheirRows() {
        upsertAny(List.of(new Country("FR", "France", 68_000_000L), new Country("DE", "Germany", 84_000_000L)));
        List<Country> managed = factory.fromTransaction(s -> {
            List<Country> loaded = s.createSelectionQuery("from Country order by code", Country.class).getResultList();
            UpsertSession.wrap(s).upsertAll(loaded, options().skipUnchanged(false).build());
            return loaded;
        });
        assertThat(managed).extracting(c -> c.version).containsExactly(1, 1);
        assertThat(query("select code, version from it_country order by code"))
                .extracting(r -> r.get("code"), r -> ((Number) r.get("version")).intValue())
                .containsExactly(tuple("DE", 1), tuple("FR", 1));
    }

    /**
     * An audit embeddable: its creation timestamp is set on insert and kept, its update timestamp
     * set on insert and on each change, its other attribute updated; each written back into its
     * place in the entity's embeddable.
     */
    @Test
    void generatedAttributesInsideAnEmbeddable() {
        dev.upsert.hibernate.model.Dossier first = new dev.upsert.hibernate.model.Dossier("d1", "Draft", "ada");
        assertThat(upsertAny(List.of(first, new dev.upsert.hibernate.model.Dossier("d2", "Other", "alan"))))
                .isEqualTo(new UpsertResult(2, 0, 0, 0));
        assertThat(first.audit.createdOn).isNotNull();
        assertThat(first.audit.updatedOn).isNotNull();
        assertThat(first.audit.createdBy).isEqualTo("ada");
        java.util.function.Function<Long, dev.upsert.hibernate.model.Dossier> stored = id ->
                factory.fromTransaction(s -> s.find(dev.upsert.hibernate.model.Dossier.class, id));
        dev.upsert.hibernate.model.Dossier inserted = stored.apply(first.id);
        assertThat(inserted.audit.createdOn).isEqualTo(first.audit.createdOn);

        dev.upsert.hibernate.model.Dossier edited = new dev.upsert.hibernate.model.Dossier("d1", "Final", "grace");
        edited.audit = null;
        dev.upsert.hibernate.model.Dossier same = new dev.upsert.hibernate.model.Dossier("d2", "Other", "alan");
        assertThat(upsertAny(List.of(edited, same))).isEqualTo(new UpsertResult(0, 1, 1, 0));
        dev.upsert.hibernate.model.Dossier updated = stored.apply(first.id);
        assertThat(updated.title).isEqualTo("Final");
        assertThat(updated.audit.createdBy).isNull();
        assertThat(updated.audit.createdOn).as("kept").isEqualTo(inserted.audit.createdOn);
        assertThat(updated.audit.updatedOn).as("set again").isAfterOrEqualTo(inserted.audit.updatedOn);
        assertThat(edited.audit.createdOn).as("the stored one, written back").isEqualTo(inserted.audit.createdOn);
        assertThat(edited.audit.updatedOn).isEqualTo(updated.audit.updatedOn);
        assertThat(stored.apply(same.id).audit.updatedOn).as("unchanged, not touched").isEqualTo(same.audit.updatedOn);
    }

    /** A scope keeps to the rows Hibernate's queries see: an entity's @SQLRestriction hides archived rows, which stay. */
    @Test
    void aScopeKeepsToTheRowsTheEntitysRestrictionShows() {
        java.util.function.BiFunction<String, String, dev.upsert.hibernate.model.Shelf> shelf = dev.upsert.hibernate.model.Shelf::new;
        assertThat(upsertAny(List.of(shelf.apply("s1", "A"), shelf.apply("s2", "B"), shelf.apply("s3", "A"))))
                .isEqualTo(new UpsertResult(3, 0, 0, 0));
        factory.inTransaction(s -> s.createNativeMutationQuery("update it_shelf set archived = true where code = 's3'").executeUpdate());

        assertThat(upsertAny(List.of(shelf.apply("s4", "A")), options().strategy(Strategy.DELETE_THEN_INSERT)
                .scope(Scope.all().eq("aisle", "A")).build())).isEqualTo(new UpsertResult(1, 0, 0, 1));
        assertThat(upsertAny(List.of(shelf.apply("s4", "A")), options().strategy(Strategy.SYNC).build()))
                .isEqualTo(new UpsertResult(0, 0, 1, 1));
        assertThat(query("select code, aisle, archived from it_shelf order by code"))
                .extracting(r -> r.get("code"), r -> r.get("aisle"), r -> truthy(r.get("archived")))
                .containsExactly(tuple("s3", "A", true), tuple("s4", "A", false));
        List<String> visible = factory.fromTransaction(s -> s.createQuery("select code from Shelf", String.class).getResultList());
        assertThat(visible).containsExactly("s4");
    }

    private static boolean truthy(Object stored) {
        return stored instanceof Boolean b ? b : ((Number) stored).intValue() != 0;
    }

    @Test
    void duplicateKeysFollowThePolicy() {
        List<Customer> batch = List.of(customer("crm", "1", "first"), customer("crm", "2", "only"),
                customer("crm", "1", "last"));

        assertThat(upsert(batch)).isEqualTo(new UpsertResult(2, 0, 0, 0));
        assertThat(query(CUSTOMERS)).extracting(r -> r.get("name")).containsExactly("last", "only");
        assertThat(batch.get(0).id).as("every entity with the key gets its id").isEqualTo(batch.get(2).id);

        upsert(List.of(customer("crm", "1", "first"), customer("crm", "1", "last")),
                options().duplicateKeyPolicy(DuplicateKeyPolicy.FIRST_WINS).build());
        assertThat(query(CUSTOMERS)).extracting(r -> r.get("name")).containsExactly("first", "only");

        UpsertOptions fail = options().duplicateKeyPolicy(DuplicateKeyPolicy.FAIL).build();
        List<Customer> repeated = List.of(customer("crm", "1", "x"), customer("crm", "9", "new"), customer("crm", "1", "y"));
        assertThatThrownBy(() -> upsert(repeated, fail))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("externalId=1").hasMessageContaining("sourceSystem=crm")
                .hasMessageContaining("positions [0, 2]");
        assertThat(query(CUSTOMERS)).extracting(r -> r.get("name")).containsExactly("first", "only");
    }

    @Test
    void nullNaturalKeyIsRejectedBeforeAnySql() {
        upsert(List.of(customer("crm", "1", "Ada")));
        List<Customer> batch = List.of(customer("crm", "1", "changed"), customer("crm", null, "no key"));

        assertThatThrownBy(() -> upsert(batch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Customer.class.getName() + ".externalId")
                .hasMessageContaining("position 1");
        assertThat(query(CUSTOMERS)).extracting(r -> r.get("name")).containsExactly("Ada");
    }

    @Test
    void aValueTooLongForItsColumnIsRefusedBeforeAnythingIsWritten() {
        upsert(List.of(customer("crm", "1", "Ada")));
        List<Customer> batch = List.of(customer("crm", "1", "Ada L."), customer("crm", "2", "x".repeat(256)));
        if (database.is("sqlite")) {
            // SQLite keeps declared lengths as documentation: the value is stored whole.
            upsert(batch);
            assertThat(byKey("crm", "2").get("name")).isEqualTo("x".repeat(256));
            return;
        }
        assertThatThrownBy(() -> upsert(batch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Customer.class.getName() + ".name").hasMessageContaining("position 1")
                .hasMessageContaining("256 characters").hasMessageContaining("holds 255");
        assertThat(query(CUSTOMERS)).extracting(r -> r.get("name")).containsExactly("Ada");
    }

    @Test
    void aDecimalTooWideForItsColumnIsRefusedBeforeAnythingIsWritten() {
        upsertProducts(List.of(new Product("p1", "a", BigDecimal.ONE)));
        List<Product> batch = List.of(new Product("p1", "b", BigDecimal.ONE), new Product("p2", "c", new BigDecimal("1E+36")));
        if (database.is("sqlite")) {
            return;   // SQLite keeps declared precision as documentation
        }
        assertThatThrownBy(() -> upsertProducts(batch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Product.class.getName() + ".price").hasMessageContaining("position 1")
                .hasMessageContaining("37 digits before the decimal point").hasMessageContaining("holds 36");
        assertThat(query("select sku, name from it_product")).extracting(r -> r.get("sku"), r -> r.get("name"))
                .containsExactly(tuple("p1", "a"));
        // 36 nines and three decimals round, at the column's scale of 2, to 37 digits before the point.
        List<Product> rounding = List.of(new Product("p3", "d", new BigDecimal("9".repeat(36) + ".999")));
        assertThatThrownBy(() -> upsertProducts(rounding)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("37 digits before the decimal point");
    }

    /**
     * A managed version passed in beside the key's change that wins: it is given the new version's
     * id, another row than the one the session manages it as, and leaves the session.
     */
    @Test
    void aManagedVersionPassedInLeavesTheSessionWhenItsKeyGetsANewVersion() {
        upsertAny(List.of(new CustomerHistory("c1", "Ada", "London", "a@x")));
        CustomerHistory changed = new CustomerHistory("c1", "Ada", "Paris", "a@x");
        CustomerHistory managed = factory.fromTransaction(s -> {
            CustomerHistory loaded = s.createSelectionQuery("from CustomerHistory", CustomerHistory.class).getSingleResult();
            assertThat(UpsertSession.wrap(s).upsertAll(List.of(loaded, changed))).isEqualTo(new UpsertResult(0, 1, 0, 0));
            assertThat(s.contains(loaded)).isFalse();
            return loaded;
        });
        assertThat(query("select id, city, is_current from it_history order by valid_from"))
                .extracting(r -> r.get("city"), r -> truthy(r.get("is_current")))
                .containsExactly(tuple("London", false), tuple("Paris", true));
        assertThat(managed.id).isEqualTo(changed.id)
                .isEqualTo(((Number) query("select id from it_history where city = 'Paris'").get(0).get("id")).longValue());
    }

    /** A history call of many keys: on PostgreSQL its key locks must fit the server's lock table. */
    @Test
    void aLargeHistoryBatchIsWrittenInOneCall() {
        int n = 20_000;
        assertThat(upsertAny(java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> new CustomerHistory("c" + i, "n", "London", "e")).toList())).isEqualTo(new UpsertResult(n, 0, 0, 0));
        assertThat(upsertAny(java.util.stream.IntStream.range(0, n)
                .mapToObj(i -> new CustomerHistory("c" + i, "n", i % 2 == 0 ? "Paris" : "London", "e")).toList()))
                .isEqualTo(new UpsertResult(0, n / 2, n / 2, 0));
        assertThat(query("select city, count(*) as c from it_history group by city order by city"))
                .extracting(r -> r.get("city"), r -> ((Number) r.get("c")).intValue())
                .containsExactly(tuple("London", n), tuple("Paris", n / 2));
    }

    /**
     * A stream whose source fails with a checked exception it does not declare (Kotlin, Lombok's
     * @SneakyThrows) after a chunk was written: the call's own transaction is rolled back and its
     * table lock released, so that the next writer of the table is not kept waiting.
     */
    @Test
    void aStreamFailingWithACheckedExceptionRollsBackAndReleasesItsLocks() {
        java.util.Iterator<Customer> failing = new java.util.Iterator<>() {
            int next;

            @Override
            public boolean hasNext() {
                return true;
            }

            @Override
            public Customer next() {
                if (next == 3) {
                    throw UpsertSuite.<RuntimeException>sneaky(new java.io.IOException("the source went away"));
                }
                return customer("crm", String.valueOf(next++), "streamed");
            }
        };
        try (org.hibernate.Session session = factory.openSession()) {
            assertThatThrownBy(() -> UpsertSession.wrap(session).upsertAll(Customer.class, java.util.stream.StreamSupport.stream(
                    java.util.Spliterators.spliteratorUnknownSize(failing, 0), false), options().chunkSize(2).build()))
                    .isInstanceOf(java.io.IOException.class);
            assertThat(session.getTransaction().isActive()).isFalse();
        }
        assertThat(query(CUSTOMERS)).isEmpty();
        assertThat(upsert(List.of(customer("crm", "9", "after")))).isEqualTo(new UpsertResult(1, 0, 0, 0));
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable failure) throws E {
        throw (E) failure;
    }

    @Test
    void mixedEntityTypesAreRejected() {
        List<Object> mixed = List.of(customer("crm", "1", "Ada"), new Reserved(1, "a"));
        assertThatThrownBy(() -> upsertAny(mixed)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one type per call").hasMessageContaining(Customer.class.getName())
                .hasMessageContaining(Reserved.class.getName());
    }

    /** Declared as a hierarchy's root (a repository of it), a batch of one of its types is upserted as that type. */
    @Test
    void aBatchOfOneSubtypeUnderItsRootType() {
        List<Payment.Card> cards = List.of(new Payment.Card("R1", "10.00", "4242"));
        UpsertResult result = factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(Payment.class, cards, options().build()));
        assertThat(result).isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThat(query("select reference, kind, last4 from it_payment")).extracting(r -> r.get("reference") + "/" + r.get("last4"))
                .containsExactly("R1/4242");
        assertThat(cards.get(0).id).isNotNull();
        assertThatThrownBy(() -> factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(Payment.class, cards,
                options().strategy(Strategy.SYNC).build())))
                .as("a scope of the subtype's rows alone, where the call named the root").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("call upsertAll(Card.class");
        assertThatThrownBy(() -> factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(Asset.class, java.util.stream.Stream.of(
                new Asset.Laptop("L1", "desk", "i5", 8), new Asset.Workstation("W1", "render", "x9", 64, "rtx")),
                options().chunkSize(1).build())))
                .as("a stream that changes type between chunks").isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("went on with entities of");
        assertThat(query("select tag from it_asset")).isEmpty();
        assertThat(query("select reference from it_payment")).extracting(r -> r.get("reference")).containsExactly("R1");
        @SuppressWarnings("unchecked")
        Class<Object> declared = (Class<Object>) (Class<?>) Customer.class;
        assertThatThrownBy(() -> factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(declared,
                List.<Object>of(new Reserved(1, "a")), options().build())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not one of its types");
    }

    @Test
    void anyNumberOfRowsStaysWithinTheParameterLimit() {
        int n = 100_000;
        List<Product> batch = IntStream.range(0, n).mapToObj(i -> product(i, "bulk")).toList();
        UpsertOptions oneChunk = options().chunkSize(n).build();

        assertThat(upsertProducts(batch, oneChunk)).isEqualTo(new UpsertResult(n, 0, 0, 0));
        List<Product> again = IntStream.range(0, n).mapToObj(i -> product(i, i % 10 == 0 ? "changed" : "bulk")).toList();
        assertThat(upsertProducts(again, oneChunk)).isEqualTo(new UpsertResult(0, n / 10, n - n / 10, 0));

        assertThat(query("select count(*) as c, count(distinct id) as d from it_product").get(0))
                .extracting(r -> ((Number) r.get("c")).longValue(), r -> ((Number) r.get("d")).longValue())
                .containsExactly((long) n, (long) n);
        assertThat(((Number) query("select count(*) as c from it_product where name = 'changed'").get(0).get("c"))
                .longValue()).isEqualTo(n / 10);
        assertThat(again).allSatisfy(p -> assertThat(p.id).isNotNull());
    }

    /** Text an array parameter has to quote or escape, as keys and as values, in chunks of three. */
    @Test
    void textThatNeedsQuotingRoundTripsAsKeysAndValues() {
        List<String> texts = List.of("a\"b", "back\\slash", "{braces}", "comma,", "NULL", " padded", "", "'single'",
                "Zürich ☃", "\\\"{,}\"\\");
        int n = texts.size();
        UpsertOptions chunked = options().chunkSize(3).build();
        assertThat(upsertProducts(IntStream.range(0, n)
                .mapToObj(i -> new Product(texts.get(i), texts.get(n - 1 - i), BigDecimal.valueOf(i))).toList(), chunked))
                .isEqualTo(new UpsertResult(n, 0, 0, 0));

        List<Product> again = IntStream.range(0, n).mapToObj(i -> new Product(texts.get(i),
                texts.get(i % 2 == 0 ? i : n - 1 - i), BigDecimal.valueOf(i))).toList();
        assertThat(upsertProducts(again, chunked)).isEqualTo(new UpsertResult(0, n / 2, n / 2, 0));

        Map<String, List<Object>> stored = new HashMap<>();
        query("select id, sku, name from it_product").forEach(r -> stored.put((String) r.get("sku"),
                List.of(((Number) r.get("id")).longValue(), r.get("name"))));
        assertThat(stored).hasSize(n);
        for (Product p : again) {
            assertThat(stored.get(p.sku)).as(p.sku).containsExactly(p.id, p.name);
        }
    }

    /** With IDENTITY ids: on SQLite a table-based id generator cannot take values while the stream holds the write lock. */
    @Test
    void streamsAnyNumberOfRowsChunkByChunk() {
        int n = 20_000;
        List<long[]> reports = new ArrayList<>();
        UpsertOptions streamed = options().chunkSize(1_000)
                .progress((done, rate, soFar) -> reports.add(new long[] {done, soFar.inserted()})).build();

        UpsertResult first = factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(Subscriber.class,
                IntStream.range(0, n).mapToObj(i -> new Subscriber("s" + i, "v1")), streamed));
        assertThat(first).isEqualTo(new UpsertResult(n, 0, 0, 0));
        assertThat(reports).hasSize(20).extracting(r -> r[0]).startsWith(1_000L, 2_000L).endsWith((long) n);

        UpsertResult second = factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(Subscriber.class,
                IntStream.range(n / 2, n + n / 2).mapToObj(i -> new Subscriber("s" + i, i % 2 == 0 ? "v2" : "v1")),
                options().chunkSize(1_000).build()));
        assertThat(second).isEqualTo(new UpsertResult(n / 2, n / 4, n / 4, 0));
        assertThat(((Number) query("select count(*) as c from it_subscriber").get(0).get("c")).intValue()).isEqualTo(n + n / 2);
        assertThat(((Number) query("select count(*) as c from it_subscriber where plan = 'v2'").get(0).get("c")).intValue())
                .isEqualTo(n / 2);

        assertThatThrownBy(() -> factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(Subscriber.class,
                java.util.stream.Stream.of(new Subscriber("x", "x")), options().strategy(Strategy.SYNC).build())))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Collection");

        assertThatThrownBy(() -> factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(Subscriber.class,
                IntStream.range(0, 2_500).mapToObj(i -> new Subscriber(i == 2_100 ? null : "late" + i, "v3")),
                options().chunkSize(1_000).build())))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("entities 2000 to 2499").hasMessageContaining("position 100");
        assertThat(((Number) query("select count(*) as c from it_subscriber where plan = 'v3'").get(0).get("c")).intValue())
                .as("the failed stream's transaction rolled back").isZero();
    }

    /** Runs the check on a table changed by the statement, undone afterwards; the tables are inspected again either side. */
    void inspectedAfter(String change, Runnable check, String undo) {
        factory.inTransaction(s -> s.createNativeMutationQuery(change).executeUpdate());
        Models.forget(factory);
        try {
            check.run();
        } finally {
            factory.inTransaction(s -> s.createNativeMutationQuery(undo).executeUpdate());
            Models.forget(factory);
        }
    }

    @Test
    void tableWithoutUniqueKeyIsRefusedWithTheFix() {
        assertThatThrownBy(() -> upsertAny(List.of(new Unindexed("a"))))
                .isInstanceOf(UpsertException.class)
                .extracting(e -> e.getMessage().toLowerCase(Locale.ROOT)).asString()
                .contains("it_unindexed", "create unique index", "(" + database.q("code") + ")");
        assertThat(query("select count(*) as c from it_unindexed").get(0).get("c")).isIn(0L, 0);
    }

    @Test
    void entityWithoutNaturalKeyIsRefused() {
        Keyless keyless = new Keyless();
        assertThatThrownBy(() -> upsertAny(List.of(keyless)))
                .isInstanceOf(UpsertException.class)
                .hasMessageContaining(Keyless.class.getName()).hasMessageContaining("@dev.upsert.NaturalKey");
    }

    @Test
    void runsInsideTheCallersTransaction() {
        try (Session session = factory.openSession()) {
            session.beginTransaction();
            assertThat(UpsertSession.wrap(session).upsertAll(List.of(customer("crm", "1", "Ada")), options().build()).inserted()).isEqualTo(1);
            assertThat(session.createNativeQuery("select count(*) from it_customer", Long.class).getSingleResult())
                    .as("visible inside the transaction").isEqualTo(1L);
            session.getTransaction().rollback();
        }
        assertThat(query(CUSTOMERS)).isEmpty();
    }

    @Test
    void flushesPendingChangesAndRefreshesManagedInstances() {
        upsert(List.of(customer("crm", "1", "Ada"), customer("crm", "2", "Grace")));
        try (Session plain = factory.openSession()) {
            UpsertSession session = UpsertSession.wrap(plain);
            session.beginTransaction();
            Customer managed = session.createSelectionQuery("from Customer where externalId = '1'", Customer.class)
                    .getSingleResult();
            Customer pending = customer("crm", "3", "pending");
            session.persist(pending);

            Customer changed = customer("crm", "1", "Ada Lovelace");
            UpsertResult result = session.upsertAll(List.of(changed, customer("crm", "3", "pending")), options().build());
            session.getTransaction().commit();

            assertThat(result).isEqualTo(new UpsertResult(0, 1, 1, 0));
            assertThat(managed.name).isEqualTo("Ada Lovelace");
            assertThat(managed.version).isEqualTo(1);
            assertThat(session.contains(changed)).as("passed entities stay detached").isFalse();
            assertThat(changed.id).isEqualTo(managed.id);
        }
        assertThat(query(CUSTOMERS)).extracting(r -> r.get("name")).containsExactly("Ada Lovelace", "Grace", "pending");
    }

    /**
     * A DELETE_THEN_INSERT writes its rows again with new ids: the session's managed instances of
     * those rows leave it, a passed one too before its new id is written into it (refreshed by ids
     * that no longer exist, they failed the call); others stay managed.
     */
    @Test
    void deleteThenInsertDetachesManagedInstancesOfItsRows() {
        upsert(List.of(customer("crm", "1", "Ada"), customer("crm", "2", "Grace"), customer("crm", "3", "Alan")));
        try (Session plain = factory.openSession()) {
            UpsertSession session = UpsertSession.wrap(plain);
            session.beginTransaction();
            java.util.function.Function<String, Customer> load = id -> session.createSelectionQuery(
                    "from Customer where externalId = :id", Customer.class).setParameter("id", id).getSingleResult();
            Customer passed = load.apply("1");
            Customer replaced = load.apply("2");
            Customer untouched = load.apply("3");
            Long oldId = passed.id;
            passed.name = "Ada Lovelace";
            assertThat(session.upsertAll(List.of(passed, customer("crm", "2", "Grace Hopper")),
                    options().strategy(Strategy.DELETE_THEN_INSERT).build())).isEqualTo(new UpsertResult(2, 0, 0, 2));
            assertThat(List.of(passed, replaced)).noneMatch(session::contains);
            assertThat(passed.id).isNotEqualTo(oldId);
            assertThat(session.contains(untouched)).isTrue();
            assertThat(session.find(Customer.class, passed.id).name).isEqualTo("Ada Lovelace");
            session.getTransaction().commit();
        }
        assertThat(query(CUSTOMERS)).extracting(r -> r.get("name")).containsExactly("Ada Lovelace", "Grace Hopper", "Alan");
    }

    @Test
    void evictsTheSecondLevelCache() {
        upsert(List.of(customer("crm", "1", "Ada")));
        Long id = idsByKey().get("crm/1");
        assertThat(factory.fromTransaction(s -> s.find(Customer.class, id)).name).isEqualTo("Ada");
        assertThat(factory.getCache().containsEntity(Customer.class, id)).as("cached by the read").isTrue();

        upsert(List.of(customer("crm", "1", "Ada Lovelace")));

        assertThat(factory.getCache().containsEntity(Customer.class, id)).isFalse();
        assertThat(factory.fromTransaction(s -> s.find(Customer.class, id)).name).isEqualTo("Ada Lovelace");
    }

    @Test
    void updateOnlyAndUpdateExceptLimitWhatExistingRowsGet() {
        Customer original = customer("crm", "1", "Ada");
        original.tier = Customer.Tier.BRONZE;
        upsert(List.of(original));

        Customer next = customer("crm", "1", "Ada L.");
        next.tier = Customer.Tier.GOLD;
        assertThat(upsert(List.of(next), options().updateOnly("tier").build()))
                .isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(byKey("crm", "1")).containsEntry("name", "Ada").containsEntry("tier", "GOLD");

        next.tier = Customer.Tier.SILVER;
        assertThat(upsert(List.of(next), options().updateExcept("tier").build()))
                .isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(byKey("crm", "1")).containsEntry("name", "Ada L.").containsEntry("tier", "GOLD");

        // Only an attribute the call leaves alone differs: the row is unchanged, its version and update time too.
        Map<String, Object> before = byKey("crm", "1");
        next.tier = Customer.Tier.BRONZE;
        assertThat(upsert(List.of(next), options().updateExcept("tier").build())).isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(byKey("crm", "1")).isEqualTo(before);

        assertThatThrownBy(() -> upsert(List.of(next), options().updateOnly("nmae").build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("nmae");
    }

    @Test
    void withoutSkipUnchangedEveryExistingRowIsRewritten() {
        upsert(List.of(customer("crm", "1", "Ada"), customer("crm", "2", "Grace")));
        UpsertOptions always = options().skipUnchanged(false).build();

        assertThat(upsert(List.of(customer("crm", "1", "Ada"), customer("crm", "2", "Grace")), always))
                .isEqualTo(new UpsertResult(0, 2, 0, 0));
        assertThat(query(CUSTOMERS)).extracting(r -> r.get("version")).containsExactly(1, 1);
    }

    @Test
    void worksThroughEntityManagerAndStatelessSession() {
        UpsertResult viaEntityManager = factory.fromTransaction(s ->
                Upserts.upsertAll((jakarta.persistence.EntityManager) s, List.of(customer("crm", "1", "Ada")), options().build()));
        assertThat(viaEntityManager.inserted()).isEqualTo(1);

        try (StatelessSession stateless = factory.openStatelessSession()) {
            Customer c = customer("crm", "1", "Ada 2");
            assertThat(Upserts.upsertAll(stateless, List.of(c, customer("crm", "2", "Grace")), options().build()))
                    .as("no transaction open: the call runs in its own").isEqualTo(new UpsertResult(1, 1, 0, 0));
            assertThat(c.id).isNotNull();
        }
        assertThat(query(CUSTOMERS)).extracting(r -> r.get("name")).containsExactly("Ada 2", "Grace");
    }

    @Test
    void wrappedSessionDelegatesEverythingElse() {
        upsert(List.of(customer("crm", "1", "Ada")));
        try (Session plain = factory.openSession()) {
            UpsertSession session = UpsertSession.wrap(plain);
            assertThat(UpsertSession.wrap(session)).isSameAs(session);
            assertThat(session.isOpen()).isTrue();
            assertThat(session.getSessionFactory()).isSameAs(factory);
            Long id = ((Number) query("select id from it_customer").get(0).get("id")).longValue();
            assertThat(session.find(Customer.class, id).name).isEqualTo("Ada");
            assertThat(session.unwrap(Session.class)).isNotNull();
        }
    }

    // Strategies, each over several daily runs -----------------------------------------------

    @Test
    void insertMissingLeavesExistingRowsAlone() {
        upsert(List.of(customer("crm", "1", "Ada"), customer("crm", "2", "Grace")));
        UpsertOptions insertOnly = options().strategy(Strategy.INSERT_MISSING).build();

        assertThat(upsert(List.of(customer("crm", "1", "Ada changed"), customer("crm", "3", "Alan")), insertOnly))
                .isEqualTo(new UpsertResult(1, 0, 1, 0));
        assertThat(query(CUSTOMERS)).extracting(r -> r.get("external_id"), r -> r.get("name"), r -> r.get("version"))
                .containsExactly(tuple("1", "Ada", 0), tuple("2", "Grace", 0), tuple("3", "Alan", 0));
    }

    /** Every operator of a scope, on text, a date and an enum: each row outside one condition survives. */
    @Test
    void aScopeOfSeveralConditionsBoundsWhatASyncDeletes() {
        java.util.function.BiFunction<String, String, Customer> at = (key, since) -> {
            String[] parts = key.split("/");
            Customer c = customer(parts[0], parts[1], key);
            c.since = LocalDate.parse(since);
            c.tier = Customer.Tier.GOLD;
            return c;
        };
        Customer old = at.apply("crm/1", "2020-01-01");
        Customer kept = at.apply("crm/2", "2024-06-01");
        Customer vanished = at.apply("crm/3", "2025-01-01");
        Customer untiered = at.apply("crm/4", "2025-01-01");
        untiered.tier = null;
        Customer bronze = at.apply("crm/5", "2025-01-01");
        bronze.tier = Customer.Tier.BRONZE;
        Customer future = at.apply("crm/6", "2026-12-31");
        Customer elsewhere = at.apply("erp/1", "2025-01-01");
        upsert(List.of(old, kept, vanished, untiered, bronze, future, elsewhere));

        Scope scope = Scope.all().eq("sourceSystem", "crm").ge("since", LocalDate.of(2024, 1, 1))
                .lt("since", LocalDate.of(2026, 12, 1)).isNotNull("tier").ne("tier", Customer.Tier.BRONZE);
        assertThat(upsert(List.of(at.apply("crm/2", "2024-06-01")), options().strategy(Strategy.SYNC).scope(scope).build()))
                .isEqualTo(new UpsertResult(0, 0, 1, 1));
        assertThat(query(CUSTOMERS)).extracting(r -> r.get("source_system") + "/" + r.get("external_id"))
                .containsExactly("crm/1", "crm/2", "crm/4", "crm/5", "crm/6", "erp/1");

        Scope replaced = Scope.all().isNull("tier").gt("since", LocalDate.of(2024, 12, 31)).le("since", LocalDate.of(2025, 1, 1));
        assertThat(upsert(List.of(at.apply("crm/7", "2025-02-02")), options().strategy(Strategy.DELETE_THEN_INSERT)
                .scope(replaced).build())).isEqualTo(new UpsertResult(1, 0, 0, 1));
        assertThat(query(CUSTOMERS)).extracting(r -> r.get("source_system") + "/" + r.get("external_id"))
                .containsExactly("crm/1", "crm/2", "crm/5", "crm/6", "crm/7", "erp/1");
    }

    @Test
    void syncDeletesTheRowsOfItsScopeThatVanished() {
        upsert(List.of(customer("crm", "1", "Ada"), customer("crm", "2", "Grace"), customer("crm", "3", "Alan"),
                customer("erp", "1", "Edsger")));
        UpsertOptions crmOnly = options().strategy(Strategy.SYNC).scope(Scope.all().eq("sourceSystem", "crm")).build();

        UpsertResult day2 = upsert(List.of(customer("crm", "1", "Ada"), customer("crm", "2", "Grace Hopper"),
                customer("crm", "4", "Barbara")), crmOnly);

        assertThat(day2).isEqualTo(new UpsertResult(1, 1, 1, 1));
        assertThat(query(CUSTOMERS)).extracting(r -> r.get("source_system"), r -> r.get("external_id"), r -> r.get("name"))
                .containsExactly(tuple("crm", "1", "Ada"), tuple("crm", "2", "Grace Hopper"), tuple("crm", "4", "Barbara"),
                        tuple("erp", "1", "Edsger"));

        UpsertResult day3 = upsert(List.of(customer("crm", "1", "Ada")), options().strategy(Strategy.SYNC).build());
        assertThat(day3).isEqualTo(new UpsertResult(0, 0, 1, 3));
        assertThat(query(CUSTOMERS)).extracting(r -> r.get("external_id")).containsExactly("1");
    }

    @Test
    void syncRefusesAnEmptyBatchUnlessAllowed() {
        upsert(List.of(customer("crm", "1", "Ada"), customer("erp", "1", "Edsger")));
        UpsertOptions sync = options().strategy(Strategy.SYNC).scope(Scope.all().eq("sourceSystem", "crm")).build();

        assertThatThrownBy(() -> factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(Customer.class, List.of(), sync)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowEmptyBatch");
        assertThat(query(CUSTOMERS)).hasSize(2);

        UpsertOptions allowed = sync.toBuilder().allowEmptyBatch(true).build();
        UpsertResult emptied = factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(Customer.class, List.of(), allowed));
        assertThat(emptied).isEqualTo(new UpsertResult(0, 0, 0, 1));
        assertThat(query(CUSTOMERS)).extracting(r -> r.get("source_system")).containsExactly("erp");

        // A replace of a scope by conditions empties it just as well; one by the batch's keys has nothing to do.
        upsert(List.of(customer("crm", "1", "Ada")));
        UpsertOptions replace = options().strategy(Strategy.DELETE_THEN_INSERT).scope(Scope.all().eq("sourceSystem", "crm")).build();
        assertThatThrownBy(() -> factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(Customer.class, List.of(), replace)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowEmptyBatch");
        UpsertResult byKeys = factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(Customer.class, List.of(),
                options().strategy(Strategy.DELETE_THEN_INSERT).build()));
        assertThat(byKeys).isEqualTo(UpsertResult.EMPTY);
        UpsertResult replaced = factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(Customer.class, List.of(),
                replace.toBuilder().allowEmptyBatch(true).build()));
        assertThat(replaced).isEqualTo(new UpsertResult(0, 0, 0, 1));
        assertThat(query(CUSTOMERS)).extracting(r -> r.get("source_system")).containsExactly("erp");

        // An empty stream is an empty batch.
        upsert(List.of(customer("crm", "1", "Ada")));
        assertThatThrownBy(() -> factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(Customer.class,
                java.util.stream.Stream.<Customer>empty(), replace)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("allowEmptyBatch");
        assertThat(query(CUSTOMERS)).hasSize(2);
        UpsertResult streamed = factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(Customer.class,
                java.util.stream.Stream.<Customer>empty(), replace.toBuilder().allowEmptyBatch(true).build()));
        assertThat(streamed).isEqualTo(new UpsertResult(0, 0, 0, 1));
        assertThat(query(CUSTOMERS)).extracting(r -> r.get("source_system")).containsExactly("erp");
    }

    @Test
    void syncSoftDeletesWithADeletedAtTimestampAndRevives() {
        UpsertOptions sync = options().strategy(Strategy.SYNC).build();
        String subscribers = "select email, plan, removed_at from it_subscriber order by email";
        assertThat(upsertAny(List.of(new Subscriber("a", "free"), new Subscriber("b", "free"), new Subscriber("c", "pro")), sync))
                .isEqualTo(new UpsertResult(3, 0, 0, 0));

        assertThat(upsertAny(List.of(new Subscriber("a", "free"), new Subscriber("b", "pro")), sync))
                .as("day 2: c vanished").isEqualTo(new UpsertResult(0, 1, 1, 1));
        assertThat(query(subscribers)).extracting(r -> r.get("email"), r -> r.get("plan"), r -> r.get("removed_at") != null)
                .containsExactly(tuple("a", "free", false), tuple("b", "pro", false), tuple("c", "pro", true));

        assertThat(upsertAny(List.of(new Subscriber("a", "free"), new Subscriber("b", "pro"), new Subscriber("c", "pro")), sync))
                .as("day 3: c is back").isEqualTo(new UpsertResult(0, 1, 2, 0));
        assertThat(query(subscribers)).extracting(r -> r.get("removed_at")).containsOnlyNulls();

        assertThat(upsertAny(List.of(new Subscriber("a", "free")), sync)).isEqualTo(new UpsertResult(0, 0, 1, 2));
        assertThat(upsertAny(List.of(new Subscriber("a", "free")), sync)).as("already deleted rows count once")
                .isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(query(subscribers)).extracting(r -> r.get("email"), r -> r.get("removed_at") != null)
                .containsExactly(tuple("a", false), tuple("b", true), tuple("c", true));
    }

    @Test
    void syncSoftDeletesWithAnActiveFlag() {
        UpsertOptions sync = options().strategy(Strategy.SYNC).build();
        upsertAny(List.of(new Member("x"), new Member("y")), sync);
        assertThat(upsertAny(List.of(new Member("x")), sync)).isEqualTo(new UpsertResult(0, 0, 1, 1));
        assertThat(query("select login, active from it_member order by login"))
                .extracting(r -> r.get("login"), r -> isTrue(r.get("active")))
                .containsExactly(tuple("x", true), tuple("y", false));
        assertThat(upsertAny(List.of(new Member("x"), new Member("y")), sync)).isEqualTo(new UpsertResult(0, 1, 1, 0));
        assertThat(query("select active from it_member")).extracting(r -> isTrue(r.get("active"))).containsOnly(true);
    }

    @Test
    void deleteThenInsertReplacesItsScope() {
        upsert(List.of(customer("crm", "1", "Ada"), customer("crm", "2", "Grace"), customer("erp", "1", "Edsger")));
        Long oldId = idsByKey().get("crm/1");
        UpsertOptions replaceCrm = options().strategy(Strategy.DELETE_THEN_INSERT)
                .scope(Scope.all().eq("sourceSystem", "crm")).build();

        assertThat(upsert(List.of(customer("crm", "1", "Ada L."), customer("crm", "5", "Frances")), replaceCrm))
                .isEqualTo(new UpsertResult(2, 0, 0, 2));
        assertThat(query(CUSTOMERS)).extracting(r -> r.get("source_system"), r -> r.get("external_id"), r -> r.get("name"))
                .containsExactly(tuple("crm", "1", "Ada L."), tuple("crm", "5", "Frances"), tuple("erp", "1", "Edsger"));
        assertThat(idsByKey().get("crm/1")).as("a replaced row gets a new id").isNotEqualTo(oldId);

        UpsertOptions byKeys = options().strategy(Strategy.DELETE_THEN_INSERT).build();
        assertThat(upsert(List.of(customer("erp", "1", "Edsger W."), customer("erp", "2", "Niklaus")), byKeys))
                .isEqualTo(new UpsertResult(2, 0, 0, 1));
        assertThat(query(CUSTOMERS)).extracting(r -> r.get("name"))
                .containsExactly("Ada L.", "Frances", "Edsger W.", "Niklaus");
    }

    @Test
    void aScopeOnAnUnknownAttributeIsRefusedBeforeAnySql() {
        upsert(List.of(customer("crm", "1", "Ada")));
        UpsertOptions wrong = options().strategy(Strategy.SYNC).scope(Scope.all().eq("sauceSystem", "crm")).build();
        assertThatThrownBy(() -> upsert(List.of(customer("crm", "2", "Grace")), wrong))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("sauceSystem");
        assertThat(query(CUSTOMERS)).hasSize(1);
    }

    @Test
    void mergePoliciesCombineStoredAndNewValues() {
        String stats = "select metric, hits, best, label, first_source, note from it_stat";
        assertThat(upsertAny(List.of(new Stat("m", 5L, 10, "a", "day1", "n1")))).isEqualTo(new UpsertResult(1, 0, 0, 0));

        assertThat(upsertAny(List.of(new Stat("m", 3L, 7, null, "day2", "n1")))).isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(query(stats)).extracting(r -> ((Number) r.get("hits")).longValue(), r -> ((Number) r.get("best")).intValue(),
                r -> r.get("label"), r -> r.get("first_source"), r -> r.get("note"))
                .containsExactly(tuple(8L, 10, "a", "day1", "n1"));

        assertThat(upsertAny(List.of(new Stat("m", 0L, 7, null, "day3", "n1")))).as("nothing would change")
                .isEqualTo(new UpsertResult(0, 0, 1, 0));

        assertThat(upsertAny(List.of(new Stat("m", null, 12, "b", "day4", null)),
                options().mergePolicy("note", MergePolicy.KEEP_EXISTING_WHEN_NULL).build()))
                .isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(query(stats)).extracting(r -> ((Number) r.get("hits")).longValue(), r -> ((Number) r.get("best")).intValue(),
                r -> r.get("label"), r -> r.get("first_source"), r -> r.get("note"))
                .containsExactly(tuple(8L, 12, "b", "day1", "n1"));

        assertThat(upsertAny(List.of(new Stat("m", 1L, 1, "b", "day5", "n2")),
                options().mergePolicy("firstSource", MergePolicy.OVERWRITE).mergePolicy("hits", MergePolicy.OVERWRITE).build()))
                .isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(query(stats)).extracting(r -> ((Number) r.get("hits")).longValue(), r -> ((Number) r.get("best")).intValue(),
                r -> r.get("first_source"), r -> r.get("note"))
                .containsExactly(tuple(1L, 12, "day5", "n2"));

        assertThatThrownBy(() -> upsertAny(List.of(new Stat("m", 1L, 1, "b", "x", "y")),
                options().mergePolicy("metric", MergePolicy.ADD).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("metric");
        assertThatThrownBy(() -> upsertAny(List.of(new Stat("m", 1L, 1, "b", "x", "y")),
                options().mergePolicy("origin", MergePolicy.OVERWRITE).build()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'origin'").hasMessageContaining("insert only");
    }

    /** Nulls on either side of ADD and KEEP_GREATER, and the policies set per call. */
    @Test
    void mergePoliciesTakeNullsAsDocumented() {
        String stat = "select hits, best, label from it_stat where metric = 'n'";
        java.util.function.Function<Map<String, Object>, List<Object>> row = r -> java.util.Arrays.asList(
                r.get("hits") == null ? null : ((Number) r.get("hits")).longValue(),
                r.get("best") == null ? null : ((Number) r.get("best")).intValue(), r.get("label"));
        upsertAny(List.of(new Stat("n", null, null, null, "day1", "x")));
        assertThat(upsertAny(List.of(new Stat("n", null, null, null, "day1", "x")))).as("a null increment to a null adds nothing")
                .isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(row.apply(query(stat).get(0))).containsExactly(null, null, null);

        assertThat(upsertAny(List.of(new Stat("n", 4L, 5, null, "day2", "x")))).isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(row.apply(query(stat).get(0))).as("a stored null counts as zero, and yields to any value")
                .containsExactly(4L, 5, null);

        assertThat(upsertAny(List.of(new Stat("n", null, null, null, "day3", "x")))).as("a new null adds nothing and keeps the greater")
                .isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(row.apply(query(stat).get(0))).containsExactly(4L, 5, null);

        assertThat(upsertAny(List.of(new Stat("n", 1L, 2, "L", "day4", "x")), options().mergePolicy("best", MergePolicy.ADD)
                .mergePolicy("label", MergePolicy.INSERT_ONLY).mergePolicy("hits", MergePolicy.KEEP_GREATER).build()))
                .isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(row.apply(query(stat).get(0))).containsExactly(4L, 7, null);

        assertThat(upsertAny(List.of(new Stat("n", 2L, null, null, "day5", "x"), new Stat("n", 3L, null, null, "day5", "x"))))
                .isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(row.apply(query(stat).get(0))).as("a repeated key's increments add up").containsExactly(9L, 7, null);
    }

    /** A managed entity with increments would be counted twice (its flush, then the upsert's ADD): refused. */
    @Test
    void aManagedEntityWithIncrementsIsRefused() {
        upsertAny(List.of(new Stat("m", 1L, null, null, "d", "x")));
        factory.inTransaction(s -> {
            Stat managed = s.createSelectionQuery("from Stat where metric = 'm'", Stat.class).getSingleResult();
            assertThatThrownBy(() -> UpsertSession.wrap(s).upsertAll(List.of(managed)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("add up (ADD)");
        });
        assertThat(query("select hits from it_stat where metric = 'm'")).extracting(r -> ((Number) r.get("hits")).longValue())
                .containsExactly(1L);
    }

    /**
     * Times of day and durations, to the nanosecond given: stored as Hibernate stores them (read
     * back through Hibernate, equal to what it reads after its own insert), the same values again
     * are no change, and another is.
     */
    @Test
    void timesOfDayAndDurationsRoundTripAsHibernateWritesThem() {
        java.util.function.Function<Integer, List<dev.upsert.hibernate.model.Shift>> shifts = minute -> List.of(
                new dev.upsert.hibernate.model.Shift("early", java.time.LocalTime.of(6, minute, 15, 123_456_789),
                        java.time.Duration.ofHours(8).plusNanos(987_654_321)),
                new dev.upsert.hibernate.model.Shift("late", java.time.LocalTime.of(23, 59, 59, 999_999_900),
                        java.time.Duration.ofMinutes(minute)),
                new dev.upsert.hibernate.model.Shift("none", null, null));
        factory.inTransaction(s -> shifts.apply(0).forEach(shift -> s.persist(new dev.upsert.hibernate.model.Shift(
                "hibernate-" + shift.code, shift.starts, shift.length))));
        assertThat(upsertAny(shifts.apply(0))).isEqualTo(new UpsertResult(3, 0, 0, 0));
        java.util.function.Function<String, List<Object>> read = code -> factory.fromTransaction(s -> {
            dev.upsert.hibernate.model.Shift shift = s.createQuery("from Shift where code = :code",
                    dev.upsert.hibernate.model.Shift.class).setParameter("code", code).getSingleResult();
            return java.util.Arrays.asList(shift.starts, shift.length, shift.ends);
        });
        for (String code : List.of("early", "late", "none")) {
            assertThat(read.apply(code)).as(code).isEqualTo(read.apply("hibernate-" + code));
        }
        assertThat(upsertAny(shifts.apply(0))).isEqualTo(new UpsertResult(0, 0, 3, 0));
        assertThat(upsertAny(shifts.apply(30))).isEqualTo(new UpsertResult(0, 2, 1, 0));
        assertThat(((java.time.LocalTime) read.apply("early").get(0)).withNano(0)).isEqualTo(java.time.LocalTime.of(6, 30, 15));
        assertThat(read.apply("late").get(1)).isEqualTo(java.time.Duration.ofMinutes(30));
    }

    /**
     * Many times of day, to the nanosecond, some half a millisecond or a microsecond from the next:
     * each stored as Hibernate's own insert stores it, in whole seconds and in microseconds.
     */
    @Test
    void timesOfDayAreStoredAsHibernateStoresThem() {
        List<java.time.LocalTime> times = new ArrayList<>(List.of(java.time.LocalTime.of(23, 59, 59, 999_999_500),
                java.time.LocalTime.of(23, 59, 59, 999_999_499), java.time.LocalTime.of(12, 0, 0, 500),
                java.time.LocalTime.of(12, 0, 0, 499), java.time.LocalTime.of(12, 0, 0, 500_000_000), java.time.LocalTime.MIDNIGHT,
                java.time.LocalTime.of(10, 0, 0, 499_500_000), java.time.LocalTime.of(10, 0, 0, 999_500_000),
                java.time.LocalTime.of(10, 0, 0, 499_499_999), java.time.LocalTime.of(23, 59, 59, 999_500_000),
                java.time.LocalTime.of(23, 59, 59, 999_499_999), java.time.LocalTime.of(23, 59, 59, 500_000_000)));
        for (long i = 0; i < 1_000; i++) {
            times.add(java.time.LocalTime.ofNanoOfDay(i * 86_399_999_999_989L / 1_000));
        }
        List<dev.upsert.hibernate.model.Shift> shifts = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            shifts.add(new dev.upsert.hibernate.model.Shift("t" + i, times.get(i), null));
        }
        factory.inTransaction(s -> shifts.forEach(shift -> s.persist(new dev.upsert.hibernate.model.Shift(
                "hibernate-" + shift.code, shift.starts, null))));
        assertThat(upsertAny(shifts).inserted()).isEqualTo(times.size());
        Map<String, List<java.time.LocalTime>> stored = new HashMap<>();
        factory.inTransaction(s -> s.createQuery("from Shift", dev.upsert.hibernate.model.Shift.class).getResultList()
                .forEach(shift -> stored.put(shift.code, java.util.Arrays.asList(shift.starts, shift.ends))));
        for (dev.upsert.hibernate.model.Shift shift : shifts) {
            assertThat(stored.get(shift.code)).as(shift.code + " " + shift.starts).isEqualTo(stored.get("hibernate-" + shift.code));
        }
        // The last half second of the day a whole-second column rounds to 24:00:00, which no
        // LocalTime says: a MERGE (H2, PostgreSQL's) finds those rows changed on every call.
        List<dev.upsert.hibernate.model.Shift> again = shifts.stream()
                .filter(shift -> shift.starts.isBefore(java.time.LocalTime.of(23, 59, 59, 500_000_000))).toList();
        assertThat(upsertAny(again).unchanged()).isEqualTo(again.size());
    }

    /** One customer's history row, with a credit limit and a grade (each may be null). */
    static List<CustomerHistory> ada(String creditLimit, String grade) {
        CustomerHistory ada = new CustomerHistory("c1", "Ada", "London", "a@x");
        ada.creditLimit = creditLimit == null ? null : new BigDecimal(creditLimit);
        ada.grade = grade;
        return List.of(ada);
    }

    /**
     * A decimal with more digits after the point than its column keeps is stored rounded; the
     * next call with the same value finds the version unchanged rather than opening another.
     */
    @Test
    void aHistoryComparesDecimalsAsItsColumnKeepsThem() {
        assertThat(upsertAny(ada("1.495", null))).isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThat(upsertAny(ada("1.495", null))).isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(upsertAny(ada("1.5", null))).as("1.50 as stored").isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(upsertAny(ada("1.504", null))).isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(upsertAny(ada("1.506", null))).isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(query("select credit_limit from it_history order by valid_from"))
                .extracting(r -> ((BigDecimal) r.get("credit_limit")).toPlainString()).containsExactly("1.50", "1.51");
    }

    /** A char(n) column may read back padded with spaces: the same value again is no change. */
    @Test
    void aHistoryComparesFixedLengthTextAsItsColumnDoes() {
        assertThat(upsertAny(ada(null, "A"))).isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThat(upsertAny(ada(null, "A"))).isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(upsertAny(ada(null, "B"))).isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(query("select grade from it_history order by valid_from"))
                .extracting(r -> ((String) r.get("grade")).strip()).containsExactly("A", "B");
    }

    /**
     * A time with more fractional digits than the column keeps is stored rounded (or cut, as the
     * database does it): the same time again is no change.
     */
    @Test
    void aHistoryComparesTimesAsItsColumnKeepsThem() {
        java.util.function.Function<Integer, List<CustomerHistory>> seen = nanos -> {
            List<CustomerHistory> ada = ada(null, null);
            ada.get(0).lastSeen = java.time.LocalDateTime.of(2026, 11, 29, 12, 0, 0, nanos);
            return ada;
        };
        assertThat(upsertAny(seen.apply(700))).isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThat(upsertAny(seen.apply(700))).isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(upsertAny(seen.apply(123_456_500))).isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(upsertAny(seen.apply(123_456_500))).isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(query("select count(*) as c from it_history").get(0).get("c")).isIn(2L, 2);
    }

    /**
     * java.util's times and a ZonedDateTime read back as other types (a Timestamp, a java.sql.Date,
     * another zone): they compare as their columns keep them, so the same input twice opens no version.
     */
    @Test
    void aHistoryComparesJavaUtilAndZonedTimesAsTheirColumnsKeepThem() {
        java.time.ZonedDateTime paris = java.time.ZonedDateTime.of(2026, 11, 29, 12, 30, 15, 123_000_000, java.time.ZoneId.of("Europe/Paris"));
        java.util.function.Supplier<List<CustomerHistory>> batch = () -> {
            List<CustomerHistory> ada = ada(null, null);
            ada.get(0).signedAt = java.util.Date.from(paris.toInstant());
            ada.get(0).birthday = java.util.Date.from(java.time.LocalDateTime.of(1990, 5, 17, 12, 0)
                    .atZone(java.time.ZoneId.systemDefault()).toInstant());
            ada.get(0).contacted = paris;
            return ada;
        };
        assertThat(upsertAny(batch.get())).isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThat(upsertAny(batch.get())).isEqualTo(new UpsertResult(0, 0, 1, 0));
        List<CustomerHistory> later = batch.get();
        later.get(0).contacted = paris.plusSeconds(1);
        assertThat(upsertAny(later)).isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(query("select count(*) as c from it_history").get(0).get("c")).isIn(2L, 2);
    }

    /**
     * A version that starts later than the call's clock (another writer's skewed clock) makes only
     * its own key's next version start after it; the call's other keys start now.
     */
    @Test
    void aLaterStartMovesOnlyItsOwnKeysNextVersion() {
        upsertAny(List.of(new CustomerHistory("c1", "Ada", "London", "a@x"), new CustomerHistory("c2", "Bob", "Leeds", "b@x")));
        java.time.Instant ahead = java.time.Instant.now().plus(java.time.Duration.ofHours(1)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        factory.inTransaction(s -> s.createMutationQuery("update CustomerHistory set validFrom = :t where customerId = 'c1'")
                .setParameter("t", ahead).executeUpdate());
        List<CustomerHistory> moved = List.of(new CustomerHistory("c1", "Ada", "Paris", "a@x"), new CustomerHistory("c2", "Bob", "York", "b@x"));
        assertThat(upsertAny(moved)).isEqualTo(new UpsertResult(0, 2, 0, 0));
        Map<String, java.time.Instant> starts = new java.util.HashMap<>();
        factory.inSession(s -> s.createSelectionQuery("from CustomerHistory where isCurrent = true", CustomerHistory.class)
                .getResultList().forEach(h -> starts.put(h.customerId, h.validFrom)));
        assertThat(starts.get("c1")).isAfter(ahead);
        assertThat(starts.get("c2")).isBefore(ahead);
    }

    /** A tracked attribute that is never updated (updatable = false) still opens a version when it changes: that is an insert. */
    @Test
    void aTrackedAttributeNeverUpdatedInPlaceOpensAVersion() {
        List<CustomerHistory> web = ada(null, null);
        web.get(0).origin = "web";
        assertThat(upsertAny(web)).isEqualTo(new UpsertResult(1, 0, 0, 0));
        List<CustomerHistory> shop = ada(null, null);
        shop.get(0).origin = "shop";
        assertThat(upsertAny(shop)).isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(query("select origin from it_history order by id")).extracting(r -> r.get("origin")).containsExactly("web", "shop");
        assertThat(shop.get(0).id).isNotEqualTo(web.get(0).id);
    }

    /** A correction in place is an update: the version goes up one and the update timestamp moves, as for any update. */
    @Test
    void aHistoryCorrectionInPlaceMovesTheVersionAndUpdateTimestamp() throws Exception {
        dev.upsert.hibernate.model.Tariff first = new dev.upsert.hibernate.model.Tariff("t1", 10, "a");
        assertThat(upsertAny(List.of(first))).isEqualTo(new UpsertResult(1, 0, 0, 0));
        Thread.sleep(20);
        dev.upsert.hibernate.model.Tariff corrected = new dev.upsert.hibernate.model.Tariff("t1", 10, "b");
        assertThat(upsertAny(List.of(corrected))).isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(query("select note, revision from it_tariff")).extracting(r -> r.get("note"), r -> ((Number) r.get("revision")).intValue())
                .containsExactly(tuple("b", first.revision + 1));
        assertThat(corrected.revision).isEqualTo(first.revision + 1);
        dev.upsert.hibernate.model.Tariff stored = factory.fromSession(s -> s.find(dev.upsert.hibernate.model.Tariff.class, first.id));
        assertThat(stored.touchedAt).isAfter(first.touchedAt).isEqualTo(corrected.touchedAt);

        // Closing the version is an update of its row too: a stale copy of it fails its flush.
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Tariff("t1", 20, "b")))).isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(query("select rate, revision from it_tariff order by id")).extracting(r -> ((Number) r.get("rate")).intValue(),
                r -> ((Number) r.get("revision")).intValue()).containsExactly(tuple(10, first.revision + 2), tuple(20, first.revision));
    }

    /**
     * A time of day with more digits than Hibernate binds (milliseconds, a half up) is stored as
     * Hibernate binds it: the same time again is no change, in any column.
     */
    @Test
    void aHistoryComparesTimesOfDayAsHibernateStoresThem() {
        java.util.function.Function<Integer, List<CustomerHistory>> opening = nanos -> {
            List<CustomerHistory> ada = ada(null, null);
            ada.get(0).opensAt = java.time.LocalTime.of(9, 0, 0, nanos);
            return ada;
        };
        assertThat(upsertAny(opening.apply(123_656_789))).isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThat(upsertAny(opening.apply(123_656_789))).isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(upsertAny(opening.apply(124_400_000))).as("the same millisecond").isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(upsertAny(opening.apply(125_000_000))).isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(query("select count(*) as c from it_history").get(0).get("c")).isIn(2L, 2);
    }

    /** Ada, last visiting at noon and this many milliseconds. */
    static List<CustomerHistory> visiting(int millis) {
        List<CustomerHistory> ada = ada(null, null);
        ada.get(0).lastVisit = java.time.LocalDateTime.of(2026, 11, 29, 12, 0).plusNanos(millis * 1_000_000L);
        return ada;
    }

    /**
     * The visits the history holds, oldest first, as text (SQLite's driver keeps milliseconds since
     * 1970), as Hibernate reads them: from its JDBC time zone, where one is set, into the JVM's.
     */
    List<String> visits() {
        java.util.TimeZone jdbc = factory.unwrap(org.hibernate.engine.spi.SessionFactoryImplementor.class)
                .getSessionFactoryOptions().getJdbcTimeZone();
        java.util.function.UnaryOperator<java.time.LocalDateTime> read = stored -> jdbc == null ? stored
                : stored.atZone(jdbc.toZoneId()).withZoneSameInstant(java.time.ZoneId.systemDefault()).toLocalDateTime();
        return query("select last_visit from it_history order by valid_from").stream().map(r -> r.get("last_visit"))
                .map(v -> v instanceof Number millis ? new java.sql.Timestamp(millis.longValue()) : v)
                .map(v -> (v instanceof java.sql.Timestamp t ? read.apply(t.toLocalDateTime()) : v).toString()).toList();
    }

    /**
     * A timestamp column that keeps whole seconds stores 12:00:01.7 as 12:00:02 (rounded), or on
     * MariaDB as 12:00:01 (cut): the same time again, or another within that second, is no change.
     * (SQLite keeps the milliseconds whatever its column declares: another millisecond is a change
     * there.)
     */
    @Test
    void aHistoryComparesTimesAsAColumnWithFewerDigitsKeepsThem() {
        boolean seconds = keepsDeclaredFractionalSeconds();
        assertThat(upsertAny(visiting(1_700))).isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThat(upsertAny(visiting(1_700))).isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(upsertAny(visiting(1_900))).isEqualTo(seconds ? new UpsertResult(0, 0, 1, 0) : new UpsertResult(0, 1, 0, 0));
        assertThat(upsertAny(visiting(3_300))).isEqualTo(new UpsertResult(0, 1, 0, 0));
        List<String> visits = visits();
        if (seconds) {
            assertThat(visits).hasSize(2);
            assertThat(visits.get(0)).isIn("2026-11-29T12:00:01", "2026-11-29T12:00:02");
            assertThat(visits.get(1)).isEqualTo("2026-11-29T12:00:03");
        } else {
            assertThat(visits).containsExactly("2026-11-29T12:00:01.700", "2026-11-29T12:00:01.900", "2026-11-29T12:00:03.300");
        }
    }

    /**
     * Validity kept to the whole second: versions that follow each other within a second start a
     * second apart, each closed where the next starts, rather than sharing a start.
     */
    @Test
    void versionsWithinTheLeastStepOfTheirValidityColumnStartOneStepApart() {
        for (String tier : List.of("free", "pro", "team")) {
            assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Plan("c1", tier))).total()).isEqualTo(1);
        }
        List<Map<String, Object>> versions = query("select tier, valid_from, valid_to from it_plan order by valid_from");
        assertThat(versions).extracting(r -> r.get("tier")).containsExactly("free", "pro", "team");
        List<Instant> starts = versions.stream().map(r -> instant(r.get("valid_from"))).toList();
        assertThat(starts).isSorted().doesNotHaveDuplicates();
        if (keepsDeclaredFractionalSeconds()) {
            assertThat(starts).allSatisfy(start -> assertThat(start.getNano()).isZero());
            assertThat(starts.get(1)).isAfterOrEqualTo(starts.get(0).plusSeconds(1));
            assertThat(starts.get(2)).isAfterOrEqualTo(starts.get(1).plusSeconds(1));
        }
        assertThat(versions.stream().map(r -> r.get("valid_to")).map(v -> v == null ? null : instant(v)).toList())
                .containsExactly(starts.get(1), starts.get(2), null);
    }

    /** Whether a time column keeps the digits of a second it declares (SQLite keeps milliseconds whatever it declares). */
    boolean keepsDeclaredFractionalSeconds() {
        return true;
    }

    /** A timestamp as read by {@link #query}, whichever class the driver reads it as. */
    static Instant instant(Object value) {
        return value instanceof java.sql.Timestamp t ? t.toInstant()
                : value instanceof java.time.OffsetDateTime t ? t.toInstant()
                : value instanceof java.time.LocalDateTime t ? t.atZone(java.time.ZoneId.systemDefault()).toInstant()
                : value instanceof Number millis ? Instant.ofEpochMilli(millis.longValue()) : (Instant) value;
    }

    @Test
    void versionedHistoryKeepsEveryVersionAndOneCurrentPerKey() {
        String current = "select customer_id, name, city, email from it_history where is_current = " + trueLiteral()
                + " order by customer_id";
        List<CustomerHistory> day1 = List.of(new CustomerHistory("c1", "Ada", "London", "a@x"),
                new CustomerHistory("c2", "Grace", "New York", "g@x"));
        assertThat(upsertAny(day1)).isEqualTo(new UpsertResult(2, 0, 0, 0));
        assertThat(day1).allSatisfy(h -> {
            assertThat(h.id).isNotNull();
            assertThat(h.validFrom).isNotNull();
            assertThat(h.validTo).isNull();
            assertThat(h.isCurrent).isTrue();
        });

        List<CustomerHistory> day2 = List.of(new CustomerHistory("c1", "Ada", "Paris", "a@x"),
                new CustomerHistory("c2", "Grace", "New York", "grace@x"), new CustomerHistory("c3", "Alan", "Wilmslow", "t@x"));
        assertThat(upsertAny(day2)).as("tracked change, untracked change, new key").isEqualTo(new UpsertResult(1, 2, 0, 0));
        assertThat(query(current)).extracting(r -> r.get("customer_id"), r -> r.get("city"), r -> r.get("email"))
                .containsExactly(tuple("c1", "Paris", "a@x"), tuple("c2", "New York", "grace@x"), tuple("c3", "Wilmslow", "t@x"));
        List<Map<String, Object>> c1 = query("select id, city, valid_from, valid_to, is_current from it_history"
                + " where customer_id = 'c1' order by valid_from");
        assertThat(c1).extracting(r -> r.get("city"), r -> isTrue(r.get("is_current")), r -> r.get("valid_to") == null)
                .containsExactly(tuple("London", false, false), tuple("Paris", true, true));
        assertThat(toInstant(c1.get(0).get("valid_to"))).isEqualTo(toInstant(c1.get(1).get("valid_from")));
        assertThat(day2.get(0).id).as("the entity carries its current version's id")
                .isEqualTo(((Number) c1.get(1).get("id")).longValue()).isNotEqualTo(day1.get(0).id);
        assertThat(query("select count(*) as c from it_history where customer_id = 'c2'").get(0).get("c"))
                .as("an untracked change is made in place").isIn(1L, 1);

        assertThat(upsertAny(day2)).isEqualTo(new UpsertResult(0, 0, 3, 0));

        UpsertOptions sync = options().strategy(Strategy.SYNC).build();
        assertThat(upsertAny(day2.subList(0, 2), sync)).as("c3 vanished: its version is closed")
                .isEqualTo(new UpsertResult(0, 0, 2, 1));
        assertThat(query(current)).extracting(r -> r.get("customer_id")).containsExactly("c1", "c2");

        assertThat(upsertAny(day2, sync)).as("c3 is back: a new first version").isEqualTo(new UpsertResult(1, 0, 2, 0));
        assertThat(query("select customer_id, count(*) as n from it_history group by customer_id order by customer_id"))
                .extracting(r -> r.get("customer_id"), r -> ((Number) r.get("n")).intValue())
                .containsExactly(tuple("c1", 2), tuple("c2", 1), tuple("c3", 2));
        assertThat(query("select customer_id, count(*) as n from it_history where is_current = " + trueLiteral()
                + " group by customer_id")).extracting(r -> ((Number) r.get("n")).intValue()).containsOnly(1);
    }

    private String trueLiteral() {
        return database.is("sqlite") || database.is("mariadb") ? "1" : "true";
    }

    /** An assigned identifier beside the natural key, left null: named before anything is written. */
    @Test
    void anAssignedIdentifierLeftNullIsRefused() {
        Drift unset = new Drift();
        unset.code = "unset-2";
        assertThatThrownBy(() -> upsertAny(List.of(new Drift(901, "unset-1", 1), unset)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at position 1 has no value for its identifier id");
        assertThat(query("select code from it_drift where code like 'unset%'")).isEmpty();
    }

    @Test
    void schemaDriftIsReportedBeforeAnythingIsWritten() {
        assertThat(upsertAny(List.of(new Drift(1, "a", 10)))).isEqualTo(new UpsertResult(1, 0, 0, 0));
        try {
            // SQLite declares types without enforcing them: only a missing column is drift there.
            if (!database.is("sqlite")) {
                alter("alter table it_drift drop column amount", "alter table it_drift add amount varchar(20)");
                assertThatThrownBy(() -> upsertAny(List.of(new Drift(2, "b", 20))))
                        .isInstanceOf(UpsertException.class).hasMessageContaining("schema drift")
                        .extracting(e -> e.getMessage().toLowerCase(Locale.ROOT)).asString()
                        .contains("amount (attribute amount) is", "mapped as number");
            }
            alter("alter table it_drift drop column note");
            assertThatThrownBy(() -> upsertAny(List.of(new Drift(2, "b", 20))))
                    .isInstanceOf(UpsertException.class).hasMessageContaining("lacks the mapped column");
            assertThat(query("select code from it_drift")).extracting(r -> r.get("code")).containsExactly("a");
        } finally {
            alter("alter table it_drift drop column amount", "alter table it_drift add amount integer",
                    "alter table it_drift add note varchar(255)");
        }
    }

    /** Changes the schema under the mapping, and makes the next call inspect the table again. */
    private void alter(String... statements) {
        for (String sql : statements) {
            try (Connection connection = database.connect(); Statement statement = connection.createStatement()) {
                statement.execute(sql);
            } catch (SQLException e) {
                // the restore may meet a column already in place
            }
        }
        Models.forget(factory);
    }

    static boolean isTrue(Object value) {
        return value instanceof Boolean b ? b : ((Number) value).intValue() != 0;
    }

    @Test
    void emptyCollectionDoesNothing() {
        assertThat(upsertAny(List.of())).isEqualTo(UpsertResult.EMPTY);
    }

    // ---------------------------------------------------------------------------------------------

    static Customer customer(String source, String id, String name) {
        Customer c = new Customer(source, id, name);
        c.firstSeenBy = "first run";
        return c;
    }

    static Product product(int i, String name) {
        return new Product("sku-" + String.format(Locale.ROOT, "%06d", i), name, BigDecimal.valueOf(i, 2));
    }

    UpsertResult upsert(List<Customer> batch) {
        return upsert(batch, options().build());
    }

    UpsertResult upsert(List<Customer> batch, UpsertOptions options) {
        return factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(batch, options));
    }

    public UpsertResult upsertProducts(List<Product> batch) {
        return upsertProducts(batch, options().build());
    }

    public UpsertResult upsertProducts(List<Product> batch, UpsertOptions options) {
        return factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(Product.class, batch, options));
    }

    UpsertResult upsertAny(List<?> batch) {
        return upsertAny(batch, options().build());
    }

    public UpsertResult upsertEntities(List<?> batch) {
        return upsertAny(batch);
    }

    UpsertResult upsertAny(List<?> batch, UpsertOptions options) {
        return factory.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(batch, options));
    }

    Map<String, Object> byKey(String source, String id) {
        return query("select * from it_customer where source_system = '" + source + "' and external_id = '" + id + "'").get(0);
    }

    Map<String, Long> idsByKey() {
        Map<String, Long> ids = new HashMap<>();
        query("select id, source_system, external_id from it_customer")
                .forEach(r -> ids.put(r.get("source_system") + "/" + r.get("external_id"), ((Number) r.get("id")).longValue()));
        return ids;
    }

    static UUID uuid(byte[] bytes) {
        java.nio.ByteBuffer buffer = java.nio.ByteBuffer.wrap(bytes);
        return new UUID(buffer.getLong(), buffer.getLong());
    }

    static Instant toInstant(Object timestamp) {
        if (timestamp instanceof java.sql.Timestamp t) {
            return t.toInstant();
        }
        if (timestamp instanceof java.time.OffsetDateTime o) {
            return o.toInstant();
        }
        if (timestamp instanceof Number millis) {
            return Instant.ofEpochMilli(millis.longValue());
        }
        return (Instant) timestamp;
    }

    /** Reads committed rows over a separate connection; column names in lower case. */
    public List<Map<String, Object>> query(String sql) {
        try (Connection connection = database.connect(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i).toLowerCase(Locale.ROOT), rs.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }
}
