package dev.upsert.hibernate;

import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import dev.upsert.UpsertException;
import dev.upsert.hibernate.model.Customer;
import dev.upsert.hibernate.model.Labeled;
import dev.upsert.hibernate.model.Ledger;
import dev.upsert.hibernate.model.Payload;
import dev.upsert.hibernate.model.Stamped;
import dev.upsert.hibernate.model.Tally;
import dev.upsert.hibernate.model.UnindexedHistory;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The whole suite on PostgreSQL, and what only PostgreSQL shows. */
class PostgresUpsertTest extends UpsertSuite implements SchemaTests, ConcurrencyTests {

    @Override
    public TestDatabase database() {
        return TestDatabase.postgres();
    }

    @Override
    List<Class<?>> entities() {
        return Stream.concat(super.entities().stream(), Stream.of(Ledger.class, UnindexedHistory.class,
                dev.upsert.hibernate.model.Animal.class, dev.upsert.hibernate.model.Dog.class,
                dev.upsert.hibernate.model.Computed.class, dev.upsert.hibernate.model.JsonDoc.class,
                dev.upsert.hibernate.model.Tally.class, dev.upsert.hibernate.model.Padded.class,
                dev.upsert.hibernate.model.Dated.class, Stamped.class, Labeled.class, Payload.class,
                dev.upsert.hibernate.model.Misdeclared.Both.class, dev.upsert.hibernate.model.Misdeclared.Half.class,
                dev.upsert.hibernate.model.Misdeclared.Generated.class, dev.upsert.hibernate.model.Misdeclared.Tagged.class,
                dev.upsert.hibernate.model.Misdeclared.TaggedPlus.class, dev.upsert.hibernate.model.Misdeclared.Shape.class,
                dev.upsert.hibernate.model.Misdeclared.Coupon.class, dev.upsert.hibernate.model.Misdeclared.CouponPlus.class,
                dev.upsert.hibernate.model.Misdeclared.Crate.class, dev.upsert.hibernate.model.Misdeclared.CratePlus.class,
                dev.upsert.hibernate.model.Misdeclared.Annals.class,
                dev.upsert.hibernate.model.Misdeclared.Blob.class, dev.upsert.hibernate.model.Document.class,
                dev.upsert.hibernate.model.Ticket.class, dev.upsert.hibernate.model.Counter.class,
                dev.upsert.hibernate.model.Regional.class, dev.upsert.hibernate.model.Account.class,
                dev.upsert.hibernate.model.Misdeclared.Stamp.class, dev.upsert.hibernate.model.Assignment.class,
                dev.upsert.hibernate.model.Misdeclared.MergedStamp.class, dev.upsert.hibernate.model.Misdeclared.UpdateOnly.class,
                dev.upsert.hibernate.model.Misdeclared.Modified.class, dev.upsert.hibernate.model.Misdeclared.Shouted.class,
                dev.upsert.hibernate.model.Misdeclared.Frozen.class, dev.upsert.hibernate.model.Recipe.class,
                dev.upsert.hibernate.model.Misdeclared.Counted.class, dev.upsert.hibernate.model.Misdeclared.MergedHistory.class)).toList();
    }

    /** citext, which Hibernate's schema tooling does not create. */
    @Override
    void configure(org.hibernate.boot.registry.StandardServiceRegistryBuilder settings) {
        database().execute("create extension if not exists citext");
        settings.applySetting(org.hibernate.cfg.AvailableSettings.CONNECTION_PROVIDER, RecordingConnections.class.getName());
    }

    /**
     * A citext key compares as its lower case: two keys of one call that differ only in case are
     * refused before anything is written; one that matches a stored key only so is that row.
     */
    @Test
    void citextKeysThatDifferInCaseAlone() {
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Account("ada@example.org", "Ada"))))
                .isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Account("bob@example.org", "Bob"),
                new dev.upsert.hibernate.model.Account("Bob@Example.org", "Bob"))))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("one key to table it_account")
                .hasMessageContaining("column email (attribute email) compares by collation citext, which ignores case");
        List<dev.upsert.hibernate.model.Account> again = List.of(new dev.upsert.hibernate.model.Account("ADA@example.org", "Ada L."));
        assertThat(upsertAny(again)).as("the stored key's row").isEqualTo(new UpsertResult(0, 1, 0, 0));
        // Unchanged, in a sync: kept, and its id written back.
        List<dev.upsert.hibernate.model.Account> synced = List.of(new dev.upsert.hibernate.model.Account("Ada@Example.org", "Ada L."));
        assertThat(upsertAny(synced, options().strategy(dev.upsert.Strategy.SYNC).build())).isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(synced.get(0).id).isEqualTo(again.get(0).id).isNotNull();
        assertThat(query("select email::text as email, name from it_account")).extracting(r -> r.get("email"), r -> r.get("name"))
                .containsExactly(tuple("ada@example.org", "Ada L."));
        // A delete by the batch's keys finds the row as the column compares keys: written again as sent.
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Account("ADA@EXAMPLE.ORG", "Ada R.")),
                options().strategy(dev.upsert.Strategy.DELETE_THEN_INSERT).build())).isEqualTo(new UpsertResult(1, 0, 0, 1));
        assertThat(query("select email::text as email, name from it_account")).extracting(r -> r.get("email"), r -> r.get("name"))
                .containsExactly(tuple("ADA@EXAMPLE.ORG", "Ada R."));
    }

    /** A change of case in a citext column is a change, as Hibernate's own dirty check sees it: written. */
    @Test
    void aChangeOfCaseInACitextColumnIsWritten() {
        inspectedAfter("alter table it_account alter column name type citext", () -> {
            assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Account("a@x", "alice")))).isEqualTo(new UpsertResult(1, 0, 0, 0));
            assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Account("a@x", "Alice")))).isEqualTo(new UpsertResult(0, 1, 0, 0));
            assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Account("a@x", "Alice")))).isEqualTo(new UpsertResult(0, 0, 1, 0));
            assertThat(query("select name::text as name from it_account")).extracting(r -> r.get("name")).containsExactly("Alice");
        }, "delete from it_account; alter table it_account alter column name type varchar(255)");
    }

    @Test
    void withTheGuardExistingKeysDoNotAdvanceTheIdSequence() {
        UpsertOptions guarded = options().sequenceGuard(true).build();
        upsert(List.of(customer("crm", "1", "Ada"), customer("crm", "2", "Grace")), guarded);
        long before = identityValue();

        assertThat(upsert(List.of(customer("crm", "1", "Ada L."), customer("crm", "2", "Grace")), guarded))
                .isEqualTo(new UpsertResult(0, 1, 1, 0));
        assertThat(identityValue()).isEqualTo(before);

        upsert(List.of(customer("crm", "3", "Alan")), guarded);
        assertThat(identityValue()).isEqualTo(before + 1);
        assertThat(idsByKey().get("crm/3")).isEqualTo(before + 1);
    }

    /** Unguarded, as a plain ON CONFLICT: every row draws an id, and an existing row keeps its own. */
    @Test
    void a64BitIdIsDrawnPerRowByDefaultAndExistingRowsKeepTheirs() {
        List<Customer> first = List.of(customer("crm", "1", "Ada"), customer("crm", "2", "Grace"));
        upsert(first);
        Map<String, Long> ids = idsByKey();
        long before = identityValue();

        List<Customer> second = List.of(customer("crm", "1", "Ada L."), customer("crm", "2", "Grace"), customer("crm", "3", "Alan"));
        assertThat(upsert(second)).isEqualTo(new UpsertResult(1, 1, 1, 0));
        assertThat(identityValue()).isEqualTo(before + 3);
        assertThat(idsByKey()).containsEntry("crm/1", ids.get("crm/1")).containsEntry("crm/2", ids.get("crm/2"))
                .containsEntry("crm/3", before + 3);
        assertThat(second).extracting(c -> c.id).containsExactly(ids.get("crm/1"), ids.get("crm/2"), before + 3);
    }

    @Test
    void a32BitIdIsGuardedByDefault() {
        upsertAny(List.of(new Tally("a", 1), new Tally("b", 1)));
        long before = ((Number) query("select last_value from it_tally_id_seq").get(0).get("last_value")).longValue();
        List<Tally> second = List.of(new Tally("a", 2), new Tally("b", 1), new Tally("c", 1));
        assertThat(upsertAny(second)).isEqualTo(new UpsertResult(1, 1, 1, 0));
        assertThat(query("select last_value from it_tally_id_seq").get(0).get("last_value")).isEqualTo(before + 1);
        assertThat(query("select id, code, count from it_tally order by code")).extracting(r -> r.get("code"), r -> r.get("count"))
                .containsExactly(tuple("a", 2), tuple("b", 1), tuple("c", 1));
        assertThat(second).extracting(t -> (Object) t.id).containsExactlyElementsOf(
                query("select id from it_tally order by code").stream().map(r -> r.get("id")).toList());
        assertThat(second.get(2).id).isEqualTo((int) before + 1);
    }

    /**
     * A serial column widened to bigint keeps its 32-bit sequence: the sequence, not the column,
     * decides that ids are drawn only for inserted rows.
     */
    @Test
    void aBigintIdDrawnFromA32BitSequenceIsGuarded() {
        java.util.function.Consumer<List<String>> ddl = statements -> factory.inTransaction(s -> statements
                .forEach(sql -> s.createNativeMutationQuery(sql).executeUpdate()));
        ddl.accept(List.of("delete from it_dated", "alter table it_dated alter column id drop identity",
                "create sequence it_dated_narrow as integer owned by it_dated.id",
                "alter table it_dated alter column id set default nextval('it_dated_narrow')"));
        Models.forget(factory);
        try {
            java.util.function.BiFunction<String, Integer, dev.upsert.hibernate.model.Dated> dated =
                    (code, day) -> new dev.upsert.hibernate.model.Dated(code, java.time.LocalDate.of(2026, 1, day));
            upsertAny(List.of(dated.apply("a", 1), dated.apply("b", 1)));
            long before = ((Number) query("select last_value from it_dated_narrow").get(0).get("last_value")).longValue();
            List<dev.upsert.hibernate.model.Dated> second = List.of(dated.apply("a", 2), dated.apply("b", 1), dated.apply("c", 1));
            assertThat(upsertAny(second)).isEqualTo(new UpsertResult(1, 1, 1, 0));
            assertThat(((Number) query("select last_value from it_dated_narrow").get(0).get("last_value")).longValue())
                    .isEqualTo(before + 1);
            assertThat(query("select id, code, day::text as day from it_dated order by code"))
                    .extracting(r -> r.get("code"), r -> r.get("day"), r -> r.get("id"))
                    .containsExactly(tuple("a", "2026-01-02", second.get(0).id), tuple("b", "2026-01-01", second.get(1).id),
                            tuple("c", "2026-01-01", before + 1));
        } finally {
            ddl.accept(List.of("delete from it_dated", "alter table it_dated alter column id drop default",
                    "drop sequence it_dated_narrow", "alter table it_dated alter column id add generated by default as identity"));
            Models.forget(factory);
        }
    }

    /**
     * Another transaction changes a row and commits while the upsert waits for it; the upsert
     * then finds the row already holding its values and leaves it. The entity must get the
     * version that transaction committed, not the one the upsert's snapshot saw.
     */
    @Test
    void anUnchangedRowReportsWhatAConcurrentWriterCommitted() throws Exception {
        upsert(List.of(customer("crm", "1", "Ada")));
        int before = ((Number) query("select version from it_customer where external_id = '1'").get(0).get("version")).intValue();
        try (java.sql.Connection other = database.connect()) {
            other.setAutoCommit(false);
            try (var statement = other.createStatement()) {
                statement.executeUpdate("update it_customer set name = 'Ada L.', version = version + 1 where external_id = '1'");
            }
            Customer same = customer("crm", "1", "Ada L.");
            var call = java.util.concurrent.CompletableFuture.supplyAsync(() -> upsert(List.of(same)));
            Thread.sleep(1_000);   // the call waits on the row the other transaction holds
            other.commit();
            assertThat(call.get(30, java.util.concurrent.TimeUnit.SECONDS)).isEqualTo(new UpsertResult(0, 0, 1, 0));
            assertThat(same.version).isEqualTo(before + 1);
        }
    }

    /**
     * The rows an upsert left alone are read back one key-index probe per key: a plan that hashed
     * the whole table would cost what the table costs, not what the batch costs.
     */
    @Test
    void unchangedRowsAreReadBackThroughTheKeyIndex() throws Exception {
        upsertProducts(java.util.stream.IntStream.range(0, 20_000).mapToObj(i -> product(i, "bulk")).toList());
        dev.upsert.dialect.Table table = factory.fromSession(session -> {
            var persister = session.getFactory().unwrap(org.hibernate.engine.spi.SessionFactoryImplementor.class)
                    .getMappingMetamodel().getEntityDescriptor(dev.upsert.hibernate.model.Product.class);
            return Models.inspected(Models.mapped(persister), (org.hibernate.engine.spi.SharedSessionContractImplementor) session,
                    new dev.upsert.dialect.PostgresDialect()).table;
        });
        String select = new dev.upsert.dialect.PostgresDialect().selectByKeyArrays(table, table.results());
        StringBuilder plan = new StringBuilder();
        try (java.sql.Connection connection = database.connect(); var statement = connection.createStatement()) {
            statement.execute("analyze it_product");
            try (var explain = connection.prepareStatement("explain " + select)) {
                explain.setObject(1, java.util.stream.IntStream.range(0, 5_000).mapToObj(i -> product(i, "").sku)
                        .collect(java.util.stream.Collectors.joining(",", "{", "}")), java.sql.Types.OTHER);
                try (var rows = explain.executeQuery()) {
                    while (rows.next()) {
                        plan.append(rows.getString(1)).append('\n');
                    }
                }
            }
        }
        assertThat(plan.toString()).contains("Index Scan").doesNotContain("Seq Scan").doesNotContain("Hash");
    }

    /** More unchanged rows than one read takes (kept under PostgreSQL's JIT threshold): each gets its stored id. */
    @Test
    void unchangedRowsBeyondOneReadAllGetTheirIds() {
        int count = 12_345;
        upsertProducts(java.util.stream.IntStream.range(0, count).mapToObj(i -> product(i, "same")).toList());
        List<dev.upsert.hibernate.model.Product> again = java.util.stream.IntStream.range(0, count)
                .mapToObj(i -> product(i, "same")).toList();
        assertThat(upsertProducts(again)).isEqualTo(new UpsertResult(0, 0, count, 0));
        java.util.Map<Object, Object> stored = new java.util.HashMap<>();
        query("select sku, id from it_product").forEach(row -> stored.put(row.get("sku"), row.get("id")));
        assertThat(stored).hasSize(count);
        assertThat(again).allSatisfy(p -> assertThat(p.id).isNotNull().isEqualTo(stored.get(p.sku)));
    }

    /**
     * A char(n) key, which PostgreSQL returns padded ("k1      " for "k1") and compares without
     * its trailing spaces: matched as it compares, written, kept by a sync, given its id.
     */
    @Test
    void aCharKeyIsMatchedAsTheColumnComparesIt() {
        java.util.function.Function<String, List<dev.upsert.hibernate.model.Padded>> batch = name -> java.util.stream.IntStream
                .range(0, 25).mapToObj(i -> new dev.upsert.hibernate.model.Padded("k" + i, name)).toList();
        assertThat(upsertAny(batch.apply("v"), options().chunkSize(10).build())).isEqualTo(new UpsertResult(25, 0, 0, 0));
        List<dev.upsert.hibernate.model.Padded> again = batch.apply("v");
        assertThat(upsertAny(again, options().strategy(dev.upsert.Strategy.SYNC).build())).isEqualTo(new UpsertResult(0, 0, 25, 0));
        assertThat(again).allSatisfy(p -> assertThat(p.id).isNotNull());
        assertThat(query("select count(*) as c, min(code) as m from it_padded").get(0))
                .satisfies(r -> assertThat(r.get("c")).isEqualTo(25L)).satisfies(r -> assertThat(r.get("m")).isEqualTo("k0      "));
    }

    /**
     * A key the database returns otherwise than it was sent (here a trigger's doing) is found while
     * the returned rows are matched, on the pipeline's worker thread, after some chunks were
     * written: the call fails with the reason and the transaction rolls back whole.
     */
    @Test
    void aKeyThatDoesNotRoundTripFailsTheCallAndNothingIsWritten() {
        factory.inTransaction(s -> s.createNativeMutationQuery("create or replace function it_upper_code() returns trigger"
                + " language plpgsql as $$ begin new.code := upper(new.code); return new; end $$;"
                + " create trigger it_ticket_upper before insert on it_ticket for each row execute function it_upper_code()")
                .executeUpdate());
        try {
            List<dev.upsert.hibernate.model.Ticket> batch = java.util.stream.IntStream.range(0, 25)
                    .mapToObj(i -> new dev.upsert.hibernate.model.Ticket("t" + i, dev.upsert.hibernate.model.Ticket.Severity.LOW))
                    .toList();
            assertThatThrownBy(() -> upsertAny(batch, options().chunkSize(10).build()))
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("returned key T0 of it_ticket")
                    .hasMessageContaining("which this chunk did not send").hasMessageContaining("does not keep the value as sent");
            assertThat(query("select count(*) as c from it_ticket").get(0).get("c")).isEqualTo(0L);
        } finally {
            factory.inTransaction(s -> s.createNativeMutationQuery("drop trigger it_ticket_upper on it_ticket").executeUpdate());
        }
    }

    /** A date past year 9999 has no plain ISO text: its batch is bound value by value, and stored as given. */
    @Test
    void datesOfAnyYearAreStoredAsGiven() {
        factory.inTransaction(s -> s.createMutationQuery("delete from Dated").executeUpdate());
        List<dev.upsert.hibernate.model.Dated> batch = List.of(new dev.upsert.hibernate.model.Dated("a", java.time.LocalDate.of(2026, 1, 2)),
                new dev.upsert.hibernate.model.Dated("b", java.time.LocalDate.of(9999, 12, 31)),
                new dev.upsert.hibernate.model.Dated("c", java.time.LocalDate.of(12_345, 6, 7)));
        assertThat(upsertAny(batch)).isEqualTo(new UpsertResult(3, 0, 0, 0));
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Dated("a", java.time.LocalDate.of(2026, 1, 3)),
                new dev.upsert.hibernate.model.Dated("d", java.time.LocalDate.of(1999, 12, 31))))).isEqualTo(new UpsertResult(1, 1, 0, 0));
        List<dev.upsert.hibernate.model.Dated> stored = factory.fromSession(s -> s.createSelectionQuery("from Dated order by code",
                dev.upsert.hibernate.model.Dated.class).getResultList());
        assertThat(stored).extracting(d -> d.code, d -> d.day).containsExactly(
                tuple("a", java.time.LocalDate.of(2026, 1, 3)), tuple("b", java.time.LocalDate.of(9999, 12, 31)),
                tuple("c", java.time.LocalDate.of(12_345, 6, 7)), tuple("d", java.time.LocalDate.of(1999, 12, 31)));
    }

    /** Only the chunk holding a value without an array form is bound value by value: the others keep their arrays. */
    @Test
    void aValueWithoutAnArrayFormSendsOnlyItsChunkValueByValue() {
        java.util.function.IntFunction<List<dev.upsert.hibernate.model.Dated>> batch = plus -> java.util.stream.IntStream.range(0, 7)
                .mapToObj(i -> new dev.upsert.hibernate.model.Dated("k" + i,
                        i == 3 ? java.time.LocalDate.of(12_345, 6, 7) : java.time.LocalDate.of(2026, 1, 1 + i + plus))).toList();
        factory.inTransaction(s -> s.createMutationQuery("delete from Dated").executeUpdate());
        UpsertOptions options = options().chunkSize(2).build();
        List<dev.upsert.hibernate.model.Dated> first = batch.apply(0);
        String statement = lastStatement(s -> assertThat(UpsertSession.wrap(s).upsertAll(first, options))
                .isEqualTo(new UpsertResult(7, 0, 0, 0)));
        assertThat(statement).as("the last chunk, after the one bound value by value").contains("unnest(");
        List<dev.upsert.hibernate.model.Dated> again = batch.apply(0);
        assertThat(upsertAny(again, options)).isEqualTo(new UpsertResult(0, 0, 7, 0));
        assertThat(again).extracting(d -> d.id).containsExactlyElementsOf(first.stream().map(d -> d.id).toList());
        assertThat(upsertAny(batch.apply(1), options)).isEqualTo(new UpsertResult(0, 6, 1, 0));
        assertThat(query("select code, day::text as day from it_dated order by code"))
                .extracting(r -> r.get("code"), r -> r.get("day")).containsExactly(tuple("k0", "2026-01-02"),
                        tuple("k1", "2026-01-03"), tuple("k2", "2026-01-04"), tuple("k3", "12345-06-07"),
                        tuple("k4", "2026-01-06"), tuple("k5", "2026-01-07"), tuple("k6", "2026-01-08"));
    }

    /**
     * Date and time values with sub-microsecond halves, before 1970, at the end of year 9999, with
     * offsets, and null; with {@code yearOne}, the start of year 1 too, which Hibernate's own
     * binding of an instant moves by two days (through {@code java.sql.Timestamp}'s Julian
     * calendar), and which is therefore bound by itself, as Hibernate binds it.
     */
    private static List<Stamped> stamps(boolean yearOne) {
        java.time.ZoneOffset utc = java.time.ZoneOffset.UTC;
        List<java.time.OffsetDateTime> times = java.util.Arrays.asList(
                java.time.OffsetDateTime.of(2026, 11, 29, 3, 4, 5, 123_456_500, utc),
                java.time.OffsetDateTime.of(2026, 11, 29, 3, 4, 5, 123_456_499, java.time.ZoneOffset.ofHoursMinutes(5, 30)),
                java.time.OffsetDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_500, utc),
                yearOne ? java.time.OffsetDateTime.of(1, 1, 1, 0, 0, 0, 0, utc) : java.time.OffsetDateTime.of(1583, 1, 1, 0, 0, 0, 0, utc),
                java.time.OffsetDateTime.of(9999, 12, 31, 23, 59, 59, 999_999_000, utc),
                java.time.OffsetDateTime.of(1900, 3, 4, 5, 6, 7, 1_000, java.time.ZoneOffset.ofHours(-8)),
                null);
        List<Stamped> stamps = new java.util.ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            java.time.OffsetDateTime time = times.get(i);
            stamps.add(new Stamped("k" + i, java.time.Instant.ofEpochSecond(1_795_921_445L + i * 86_400L, i * 1_000),
                    time, time == null ? null : time.toLocalDateTime(), time == null ? null : time.toLocalDate()));
        }
        return stamps;
    }

    /**
     * Timestamps and dates travel in arrays as numbers: stored exactly as Hibernate stores the same
     * values by itself (so the second call finds every row unchanged), and read back by key where a
     * timestamp is part of the key.
     */
    @Test
    void timestampsAndDatesInArraysAreStoredAsHibernateStoresThem() {
        factory.inTransaction(s -> stamps(true).forEach(s::persist));
        Map<Object, Object> persisted = new java.util.HashMap<>();
        query("select code, id from it_stamped").forEach(r -> persisted.put(r.get("code"), r.get("id")));

        // A chunk a row: the year-one row is bound by itself, as Hibernate binds it; the others as arrays.
        List<Stamped> again = stamps(true);
        assertThat(upsertAny(again, options().chunkSize(1).build())).isEqualTo(new UpsertResult(0, 0, again.size(), 0));
        assertThat(again).extracting(st -> (Object) st.id).containsExactlyElementsOf(again.stream().map(st -> persisted.get(st.code)).toList());

        factory.inTransaction(s -> s.createMutationQuery("delete from Stamped").executeUpdate());
        List<Stamped> fresh = stamps(false);
        String statement = lastStatement(s -> assertThat(UpsertSession.wrap(s).upsertAll(fresh))
                .isEqualTo(new UpsertResult(fresh.size(), 0, 0, 0)));
        assertThat(statement).as("the upsert bound arrays of numbers").contains("unnest(").contains("AS int8[]").contains("AS int4[]");
        List<Map<String, Object>> stored = query("select code, extract(epoch from moment) * 1000000 as moment,"
                + " extract(epoch from zoned) * 1000000 as zoned, to_char(wall, 'YYYY-MM-DD HH24:MI:SS.US') as wall,"
                + " to_char(day, 'YYYY-MM-DD') as day from it_stamped order by code");
        assertThat(stored).extracting(r -> r.get("code"), r -> ((java.math.BigDecimal) r.get("moment")).longValueExact(),
                r -> r.get("zoned") == null ? null : ((java.math.BigDecimal) r.get("zoned")).longValueExact(), r -> r.get("wall"), r -> r.get("day"))
                .containsExactly(
                        tuple("k0", 1_795_921_445_000_000L, 1_795_921_445_123_457L, "2026-11-29 03:04:05.123457", "2026-11-29"),
                        tuple("k1", 1_796_007_845_000_001L, 1_795_901_645_123_456L, "2026-11-29 03:04:05.123456", "2026-11-29"),
                        tuple("k2", 1_796_094_245_000_002L, 0L, "1970-01-01 00:00:00.000000", "1969-12-31"),
                        tuple("k3", 1_796_180_645_000_003L, -12_212_553_600_000_000L, "1583-01-01 00:00:00.000000", "1583-01-01"),
                        tuple("k4", 1_796_267_045_000_004L, 253_402_300_799_999_999L, "9999-12-31 23:59:59.999999", "9999-12-31"),
                        tuple("k5", 1_796_353_445_000_005L, -2_203_584_832_999_999L, "1900-03-04 05:06:07.000001", "1900-03-04"),
                        tuple("k6", 1_796_439_845_000_006L, null, null, null));
        assertThat(query("select count(*) as c from it_stamped where zoned_at is distinct from zoned").get(0).get("c"))
                .as("a ZonedDateTime is stored as its instant").isEqualTo(0L);
    }

    /** Enums travel in arrays as their binder sends them, by name or by ordinal, stored as Hibernate stores them. */
    @Test
    void enumsInArraysAreStoredAsHibernateStoresThem() {
        Customer.Tier[] tiers = Customer.Tier.values();
        java.util.function.Supplier<List<Labeled>> batch = () -> java.util.stream.IntStream.range(0, 6)
                .mapToObj(i -> new Labeled("k" + i, tiers[i % 3], i == 5 ? null : tiers[(i + 1) % 3])).toList();
        factory.inTransaction(s -> batch.get().forEach(s::persist));
        List<Labeled> again = batch.get();
        String statement = lastStatement(s -> assertThat(UpsertSession.wrap(s).upsertAll(again))
                .isEqualTo(new UpsertResult(0, 0, again.size(), 0)));
        assertThat(statement).as("the unchanged rows read back by key arrays").contains("unnest(");
        assertThat(again).extracting(l -> l.id).doesNotContainNull();

        // Every row changed: the upsert is the call's last statement.
        List<Labeled> changed = batch.get().stream().map(l -> new Labeled(l.code, l.kind, l.kind)).toList();
        statement = lastStatement(s -> assertThat(UpsertSession.wrap(s).upsertAll(changed)).isEqualTo(new UpsertResult(0, 6, 0, 0)));
        assertThat(statement).contains("unnest(").contains("ON CONFLICT");
        assertThat(query("select code, kind, rank from it_labeled order by code"))
                .extracting(r -> r.get("code"), r -> r.get("kind"), r -> ((Number) r.get("rank")).intValue())
                .containsExactly(tuple("k0", "BRONZE", 0), tuple("k1", "SILVER", 1), tuple("k2", "GOLD", 2),
                        tuple("k3", "BRONZE", 0), tuple("k4", "SILVER", 1), tuple("k5", "GOLD", 2));
    }

    /**
     * JSON, bytes (in the key too), wide integers and characters travel in arrays, stored exactly
     * as Hibernate stores the same values.
     */
    @Test
    void jsonBytesAndWideNumbersInArraysAreStoredAsHibernateStoresThem() {
        factory.inTransaction(s -> payloads(false).forEach(s::persist));
        String stored = "select source, encode(digest, 'hex') as digest, doc::text as doc, amount::text as amount, grade,"
                + " share::text as share, ratio::text as ratio from it_payload order by source, digest";
        List<Map<String, Object>> persisted = query(stored);
        Map<Object, Object> ids = new java.util.HashMap<>();
        query("select encode(digest, 'hex') as digest, source, id from it_payload")
                .forEach(r -> ids.put(r.get("source") + "/" + r.get("digest"), r.get("id")));

        List<Payload> again = payloads(false);
        String statement = lastStatement(s -> assertThat(UpsertSession.wrap(s).upsertAll(again))
                .isEqualTo(new UpsertResult(0, 0, again.size(), 0)));
        assertThat(statement).as("the unchanged rows read back by bytea keys").contains("AS bytea[]");
        assertThat(again).extracting(p -> (Object) p.id).containsExactlyElementsOf(again.stream()
                .map(p -> ids.get(p.source + "/" + java.util.HexFormat.of().formatHex(p.digest))).toList());

        factory.inTransaction(s -> s.createMutationQuery("delete from Payload").executeUpdate());
        List<Payload> fresh = payloads(false);
        statement = lastStatement(s -> assertThat(UpsertSession.wrap(s).upsertAll(fresh))
                .isEqualTo(new UpsertResult(fresh.size(), 0, 0, 0)));
        assertThat(statement).as("the upsert bound arrays").contains("unnest(").contains("AS bytea[]").contains("AS jsonb[]");
        assertThat(query(stored)).isEqualTo(persisted);

        assertThat(upsertAny(payloads(true))).isEqualTo(new UpsertResult(0, 1, fresh.size() - 1, 0));
        assertThat(query("select doc::jsonb ->> 'unicode' as u from it_payload where source = 'b'").get(0).get("u"))
                .isEqualTo("zmieniony \\\u017c\u00f3\u0142w \u2713");

        List<Payload> tooWide = List.of(new Payload("f", new byte[] {2}, null, java.math.BigInteger.TEN.pow(38), null));
        assertThatThrownBy(() -> upsertAny(tooWide)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Payload.class.getName() + ".amount of the entity at position 0")
                .hasMessageContaining("39 digits").hasMessageContaining("Nothing was written");
        assertThat(query("select count(*) as c from it_payload").get(0).get("c")).isEqualTo(5L);
    }

    /** Values whose array text needs quoting and escaping; with {@code changed}, one document differs. */
    private static List<Payload> payloads(boolean changed) {
        Map<String, Object> quoted = new java.util.LinkedHashMap<>();
        quoted.put("text", "say \"hi\"\\n, {not} an array");
        quoted.put("n", 1);
        quoted.put("nested", Map.of("list", java.util.Arrays.asList(1, "two", null)));
        Map<String, Object> unicode = Map.of("unicode", (changed ? "zmieniony \\" : "") + "\u017c\u00f3\u0142w \u2713");
        byte[] sha = new byte[32];
        for (int i = 0; i < sha.length; i++) {
            sha[i] = (byte) (i * 37);
        }
        List<Payload> payloads = List.of(new Payload("a", new byte[] {0, 1}, quoted, java.math.BigInteger.TWO.pow(100), '"'),
                new Payload("b", new byte[] {(byte) 0xff}, unicode, java.math.BigInteger.ONE.negate(), '\\'),
                new Payload("c", new byte[0], null, null, null),
                new Payload("d", sha, Map.of(), java.math.BigInteger.ZERO, 'a'),
                new Payload("e", new byte[] {0, 1}, Map.of("a,b", "{c}"), java.math.BigInteger.TEN.pow(30), ','));
        for (int i = 0; i < payloads.size(); i++) {
            payloads.get(i).share = i == 2 ? null : 0.1 + 0.2 * i;
            payloads.get(i).ratio = i == 2 ? null : 0.1f * (i + 1);
        }
        return payloads;
    }

    /** The text of the last statement the call ran on its connection, as the server shows it. */
    /** The last statement a call executed. */
    private String lastStatement(java.util.function.Consumer<org.hibernate.Session> call) {
        return factory.fromTransaction(s -> {
            RecordingConnections.EXECUTED.clear();
            call.accept(s);
            return RecordingConnections.EXECUTED.get(RecordingConnections.EXECUTED.size() - 1);
        });
    }

    /** PostgreSQL's text types reject NUL: refused up front, naming the row, rather than failing the statement. */
    @Test
    void aNulCharacterIsRefusedBeforeAnythingIsWritten() {
        upsert(List.of(customer("crm", "1", "Ada")));
        List<Customer> batch = List.of(customer("crm", "1", "Ada L."), customer("crm", "2", "Gra\u0000ce"));
        assertThatThrownBy(() -> upsert(batch)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(Customer.class.getName() + ".name of the entity at position 1")
                .hasMessageContaining("NUL character").hasMessageContaining("index 3");
        assertThat(query("select name from it_customer")).extracting(r -> r.get("name")).containsExactly("Ada");
    }

    @Test
    void aHistoryWithoutItsCurrentVersionIndexIsRefusedWithTheFix() {
        assertThatThrownBy(() -> upsertAny(List.of(new UnindexedHistory("a"))))
                .isInstanceOf(UpsertException.class)
                .hasMessageContaining("one current version per natural key")
                .hasMessageContaining("CREATE UNIQUE INDEX \"it_unindexed_history_current\" ON \"public\".\"it_unindexed_history\" (\"code\")"
                        + " WHERE \"is_current\"");
        assertThat(query("select count(*) as c from it_unindexed_history").get(0).get("c")).isEqualTo(0L);
    }

    /**
     * A serializable call meets a concurrent update of its key: PostgreSQL rolls it back (40001),
     * and with retries the library runs it again in a new transaction, which commits.
     */
    @Test
    void retriesASerializationFailureInATransactionOfItsOwn() throws Exception {
        upsertProducts(List.of(new dev.upsert.hibernate.model.Product("sku-r", "first", java.math.BigDecimal.ONE)));
        try (org.hibernate.SessionFactory serializable = new org.hibernate.boot.MetadataSources(
                new org.hibernate.boot.registry.StandardServiceRegistryBuilder()
                        .applySetting(org.hibernate.cfg.AvailableSettings.JAKARTA_JDBC_URL, database.url())
                        .applySetting(org.hibernate.cfg.AvailableSettings.JAKARTA_JDBC_USER, database.user())
                        .applySetting(org.hibernate.cfg.AvailableSettings.JAKARTA_JDBC_PASSWORD, database.password())
                        .applySetting(org.hibernate.cfg.AvailableSettings.ISOLATION, "SERIALIZABLE")
                        // Its own factory must not close the cache manager the suite's factory shares.
                        .applySetting(org.hibernate.cfg.AvailableSettings.USE_SECOND_LEVEL_CACHE, "false")
                        .build()).addAnnotatedClass(dev.upsert.hibernate.model.Product.class)
                .buildMetadata().buildSessionFactory();
             java.sql.Connection other = database.connect()) {
            other.setAutoCommit(false);
            try (var statement = other.createStatement()) {
                statement.executeUpdate("update it_product set name = 'other' where sku = 'sku-r'");
            }
            var call = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try (org.hibernate.StatelessSession session = serializable.openStatelessSession()) {
                    return Upserts.upsertAll(session, List.of(new dev.upsert.hibernate.model.Product("sku-r", "library",
                            java.math.BigDecimal.TEN)), dev.upsert.UpsertOptions.builder().retries(2).build());
                }
            });
            Thread.sleep(1_000);   // the call waits on the row the other transaction holds
            other.commit();
            UpsertResult result = call.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(result.retries()).isEqualTo(1);
            assertThat(result).isEqualTo(new UpsertResult(0, 1, 0, 0, 1));
        }
        assertThat(query("select name from it_product where sku = 'sku-r'").get(0).get("name")).isEqualTo("library");
    }

    @Test
    void aJsonColumnWithoutEqualityIsComparedAsJsonb() {
        var first = new java.util.LinkedHashMap<String, Object>();
        first.put("a", 1);
        first.put("b", "x");
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.JsonDoc("d1", first)))).isEqualTo(new UpsertResult(1, 0, 0, 0));
        var reordered = new java.util.LinkedHashMap<String, Object>();
        reordered.put("b", "x");
        reordered.put("a", 1);
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.JsonDoc("d1", reordered))))
                .as("the same document, keys in another order").isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.JsonDoc("d1", Map.of("a", 2)))))
                .isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(query("select payload::text as p from it_json_doc").get(0).get("p").toString()).contains("\"a\"", "2");
    }

    /** An enum in a PostgreSQL enum type of its own, through arrays and value by value. */
    @Test
    void aNamedEnumTypeIsWrittenAndCompared() {
        factory.inTransaction(s -> s.createNativeMutationQuery("delete from it_ticket").executeUpdate());
        java.util.function.Function<dev.upsert.hibernate.model.Ticket.Severity, List<dev.upsert.hibernate.model.Ticket>> tickets = severity ->
                List.of(new dev.upsert.hibernate.model.Ticket("t1", severity), new dev.upsert.hibernate.model.Ticket("t2", null));
        assertThat(upsertAny(tickets.apply(dev.upsert.hibernate.model.Ticket.Severity.LOW))).isEqualTo(new UpsertResult(2, 0, 0, 0));
        assertThat(upsertAny(tickets.apply(dev.upsert.hibernate.model.Ticket.Severity.LOW), options().chunkSize(1).build()))
                .isEqualTo(new UpsertResult(0, 0, 2, 0));
        assertThat(upsertAny(tickets.apply(dev.upsert.hibernate.model.Ticket.Severity.HIGH))).isEqualTo(new UpsertResult(0, 1, 1, 0));
        assertThat(query("select code, severity::text as s, pg_typeof(severity)::text as t from it_ticket order by code"))
                .extracting(r -> r.get("code"), r -> r.get("s"), r -> r.get("t"))
                .containsExactly(tuple("t1", "HIGH", "severity"), tuple("t2", null, "severity"));
    }

    /** A type whose name was created in quotes ("Severity") is named so in the statements' casts. */
    @Test
    void aTypeNamedInQuotesIsCastAsNamed() {
        factory.inTransaction(s -> s.createNativeMutationQuery("delete from it_ticket").executeUpdate());
        factory.inTransaction(s -> s.createNativeMutationQuery("create type \"Severity\" as enum ('LOW', 'HIGH')").executeUpdate());
        inspectedAfter("alter table it_ticket alter column severity type \"Severity\" using severity::text::\"Severity\"", () -> {
            List<dev.upsert.hibernate.model.Ticket> low = List.of(new dev.upsert.hibernate.model.Ticket("t1", dev.upsert.hibernate.model.Ticket.Severity.LOW));
            assertThat(upsertAny(low)).isEqualTo(new UpsertResult(1, 0, 0, 0));
            assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Ticket("t1", dev.upsert.hibernate.model.Ticket.Severity.HIGH)),
                    options().chunkSize(1).build())).isEqualTo(new UpsertResult(0, 1, 0, 0));
            assertThat(query("select severity::text as s, pg_typeof(severity)::text as t from it_ticket"))
                    .extracting(r -> r.get("s"), r -> r.get("t")).containsExactly(tuple("HIGH", "\"Severity\""));
        }, "delete from it_ticket; alter table it_ticket alter column severity type severity using severity::text::severity;"
                + " drop type \"Severity\"");
    }

    /**
     * A @Lob is stored by PostgreSQL as a large object (oid), whose content an upsert can neither
     * compare nor replace without leaving the old one behind: refused, saying how to map it instead.
     */
    @Test
    void aLargeObjectColumnIsRefusedWithWhatToDoInstead() {
        assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Document("d1", "text"))))
                .isInstanceOf(UpsertException.class).hasMessageContaining("Document.body")
                .hasMessageContaining("large object (oid)").hasMessageContaining("LONG32VARCHAR");
        assertThat(query("select * from it_document")).isEmpty();
    }

    /** An index's INCLUDE columns are carried, not matched: a unique index on the key that includes others serves. */
    @Test
    void aUniqueIndexIncludingOtherColumnsServesTheKey() {
        inspectedAfter("create unique index it_unindexed_code on it_unindexed (code) include (label)", () -> {
            dev.upsert.hibernate.model.Unindexed changed = new dev.upsert.hibernate.model.Unindexed("a");
            changed.label = "new";
            upsertAny(List.of(new dev.upsert.hibernate.model.Unindexed("a"), new dev.upsert.hibernate.model.Unindexed("b")));
            assertThat(upsertAny(List.of(changed))).isEqualTo(new UpsertResult(0, 1, 0, 0));
            assertThat(query("select code, label from it_unindexed order by code")).extracting(r -> r.get("code"), r -> r.get("label"))
                    .containsExactly(tuple("a", "new"), tuple("b", null));
        }, "drop index it_unindexed_code");
    }

    /** ON CONFLICT cannot use a deferrable unique constraint: refused before writing, with the fix. */
    @Test
    void aDeferrableUniqueKeyIsRefusedWithTheFix() {
        inspectedAfter("alter table it_unindexed add constraint it_unindexed_code unique (code) deferrable", () -> {
            assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Unindexed("a"))))
                    .isInstanceOf(UpsertException.class).hasMessageContaining("[it_unindexed_code]")
                    .hasMessageContaining("NOT DEFERRABLE");
            assertThat(query("select code from it_unindexed")).isEmpty();
            // Beside one that is not deferrable too: ON CONFLICT would take both as arbiters.
            factory.inTransaction(s -> s.createNativeMutationQuery("create unique index it_unindexed_code_now on it_unindexed (code)")
                    .executeUpdate());
            Models.forget(factory);
            assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Unindexed("a"))))
                    .isInstanceOf(UpsertException.class).hasMessageContaining("[it_unindexed_code]");
            assertThat(query("select code from it_unindexed")).isEmpty();
        }, "drop index if exists it_unindexed_code_now; alter table it_unindexed drop constraint it_unindexed_code");
    }

    /**
     * An unqualified table is written where the search_path finds it, which need not be its first
     * schema: the inspection looks there too.
     */
    @Test
    void anUnqualifiedTableIsInspectedWhereTheSearchPathFindsIt() {
        Models.forget(factory);
        try {
            UpsertResult result = factory.fromTransaction(s -> {
                s.createNativeMutationQuery("set local search_path to upsert_it, public").executeUpdate();
                return UpsertSession.wrap(s).upsertAll(List.of(new Customer("crm", "1", "Ada")));
            });
            assertThat(result).isEqualTo(new UpsertResult(1, 0, 0, 0));
            assertThat(query("select external_id, name from public.it_customer")).extracting(r -> r.get("external_id"), r -> r.get("name"))
                    .containsExactly(tuple("1", "Ada"));
        } finally {
            Models.forget(factory);
        }
    }

    /** Where a key is unique across a hierarchy's types too, the same key as another type fails the call. */
    @Test
    void aKeyStoredAsAnotherTypeFailsWhereTheKeyIsUniqueAcrossTypes() {
        factory.inTransaction(s -> s.createNativeMutationQuery("create unique index it_payment_reference on it_payment (reference)")
                .executeUpdate());
        try {
            upsertAny(List.of(new dev.upsert.hibernate.model.Payment.Transfer("R9", "1.00", "DE89")));
            assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Payment.Card("R9", "2.00", "0000"))))
                    .hasStackTraceContaining("it_payment_reference");
            assertThat(query("select kind, amount from it_payment")).extracting(r -> r.get("kind")).containsExactly("BANK");
        } finally {
            factory.inTransaction(s -> s.createNativeMutationQuery("drop index it_payment_reference").executeUpdate());
        }
    }

    /**
     * A date-time in a daylight-saving gap of the JVM's zone: Hibernate binds it moved past the gap
     * (through {@code java.sql.Timestamp}), so the upsert binds it through Hibernate too, not in an
     * array as given, and the row holds what Hibernate's persist would write; a call again finds it.
     */
    @Test
    void aDateTimeInADaylightSavingGapIsStoredAsHibernateStoresIt() {
        java.util.TimeZone jvm = java.util.TimeZone.getDefault();
        java.util.TimeZone.setDefault(java.util.TimeZone.getTimeZone("Europe/Berlin"));
        try {
            java.time.LocalDateTime gap = java.time.LocalDateTime.of(2026, 3, 29, 2, 30);
            factory.inTransaction(s -> s.persist(new dev.upsert.hibernate.model.Tick("persisted", gap, "1", 1)));
            List<dev.upsert.hibernate.model.Tick> ticks = List.of(new dev.upsert.hibernate.model.Tick("upserted", gap, "1", 1),
                    new dev.upsert.hibernate.model.Tick("upserted", gap.plusHours(3), "1", 2));
            assertThat(upsertAny(ticks)).isEqualTo(new UpsertResult(2, 0, 0, 0));
            assertThat(query("select sensor, cast(at as text) as at from it_tick order by sensor, at"))
                    .extracting(r -> r.get("sensor"), r -> r.get("at"))
                    .containsExactly(tuple("persisted", "2026-03-29 03:30:00"), tuple("upserted", "2026-03-29 03:30:00"),
                            tuple("upserted", "2026-03-29 05:30:00"));
            assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Tick("upserted", gap, "1", 1))))
                    .isEqualTo(new UpsertResult(0, 0, 1, 0));
        } finally {
            java.util.TimeZone.setDefault(jvm);
        }
    }

    /**
     * A many-to-one through a join table, which Hibernate keeps as an optional secondary table: a
     * reference is a row there, no reference none, and a reference removed deletes it.
     */
    @Test
    void aManyToOneThroughAJoinTableIsARowThere() {
        Customer owner = new Customer("crm", "o1", "Owner");
        upsertAny(List.of(owner));
        try {
            List<dev.upsert.hibernate.model.Assignment> first = List.of(new dev.upsert.hibernate.model.Assignment("A1", owner),
                    new dev.upsert.hibernate.model.Assignment("A2", null));
            assertThat(upsertAny(first)).isEqualTo(new UpsertResult(2, 0, 0, 0));
            assertThat(query("select assignment_id, owner_id from it_assignment_owner"))
                    .extracting(r -> r.get("assignment_id"), r -> r.get("owner_id")).containsExactly(tuple(first.get(0).id, owner.id));
            assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Assignment("A1", null),
                    new dev.upsert.hibernate.model.Assignment("A2", owner)))).isEqualTo(new UpsertResult(0, 2, 0, 0));
            assertThat(query("select assignment_id, owner_id from it_assignment_owner"))
                    .extracting(r -> r.get("assignment_id"), r -> r.get("owner_id")).containsExactly(tuple(first.get(1).id, owner.id));
            List<dev.upsert.hibernate.model.Assignment> loaded = factory.fromTransaction(s -> s.createSelectionQuery(
                    "from Assignment order by code", dev.upsert.hibernate.model.Assignment.class).getResultList());
            assertThat(loaded).extracting(a -> a.code, a -> a.owner == null ? null : a.owner.id)
                    .containsExactly(tuple("A1", null), tuple("A2", owner.id));
        } finally {
            empty("it_assignment_owner", "it_assignment");
        }
    }

    /** A JOINED hierarchy's discriminator column is written as Hibernate writes it, on insert. */
    @Test
    void aJoinedTypeWritesItsDiscriminator() {
        try {
            List<dev.upsert.hibernate.model.Dog> dogs = List.of(new dev.upsert.hibernate.model.Dog("rex", "collie"));
            assertThat(upsertAny(dogs)).isEqualTo(new UpsertResult(1, 0, 0, 0));
            assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Dog("rex", "beagle")))).isEqualTo(new UpsertResult(0, 1, 0, 0));
            assertThat(query("select a.id, a.kind, a.tag, d.breed from it_animal a join it_dog d on d.id = a.id"))
                    .extracting(r -> r.get("id"), r -> r.get("kind"), r -> r.get("tag"), r -> r.get("breed"))
                    .containsExactly(tuple(dogs.get(0).id, "Dog", "rex", "beagle"));
            // The root type, with rows of its own in its one table; a key stored as a dog is not an animal's.
            assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Animal("tom")))).isEqualTo(new UpsertResult(1, 0, 0, 0));
            assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Animal("rex"))))
                    .isInstanceOf(UpsertException.class).hasMessageContaining("of a subtype").hasMessageContaining("it_dog");
            assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Animal("cat")),
                    UpsertOptions.builder().strategy(dev.upsert.Strategy.SYNC).build()))
                    .as("tom vanished among the animals; rex is a dog").isEqualTo(new UpsertResult(1, 0, 0, 1));
            assertThat(query("select kind, tag from it_animal order by tag")).extracting(r -> r.get("kind"), r -> r.get("tag"))
                    .containsExactly(tuple("Animal", "cat"), tuple("Dog", "rex"));
        } finally {
            empty("it_dog", "it_animal");
        }
    }

    /** Deletes every row of tables this class alone maps, in order (the suite empties its own before each test). */
    private void empty(String... tables) {
        factory.inTransaction(s -> {
            for (String table : tables) {
                s.createNativeMutationQuery("delete from " + table).executeUpdate();
            }
        });
    }

    @Test
    void mappingsTheLibraryCannotWriteAreRefusedClearly() {
        assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Computed())))
                .isInstanceOf(UpsertException.class)
                .hasMessageContaining("upperCode").hasMessageContaining("formula");
        assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Misdeclared.Both())))
                .isInstanceOf(UpsertException.class)
                .hasMessageContaining("@NaturalKey on its identifier and on [alias]");
        assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Misdeclared.Half())))
                .isInstanceOf(UpsertException.class)
                .hasMessageContaining("@NaturalKey on [a] of its identifier's attributes [a, b]");
        assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Misdeclared.Generated())))
                .isInstanceOf(UpsertException.class)
                .hasMessageContaining("identifier 'id', which is generated");
        assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Misdeclared.TaggedPlus())))
                .isInstanceOf(UpsertException.class).hasMessageContaining("keyed by their type too");
        assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Misdeclared.CouponPlus())))
                .isInstanceOf(UpsertException.class).hasMessageContaining("unique across the tables of its types");
        assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Misdeclared.Crate())))
                .isInstanceOf(UpsertException.class).hasMessageContaining("its identifier is its natural key, while its rows span");
        assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Misdeclared.Annals())))
                .isInstanceOf(UpsertException.class).hasMessageContaining("versioned history and has secondary tables");
        assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Misdeclared.Blob())))
                .isInstanceOf(UpsertException.class).hasMessageContaining("\"null\" or \"not null\"");
        assertThat(query("select count(*) as c from it_animal").get(0).get("c")).isEqualTo(0L);
        assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Misdeclared.Stamp())))
                .isInstanceOf(UpsertException.class).hasMessageContaining("'at' is generated by the database, and so cannot be a"
                        + " natural key");
        assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Misdeclared.MergedStamp())))
                .isInstanceOf(UpsertException.class).hasMessageContaining("'seen' is generated by Hibernate and so cannot")
                .hasMessageContaining("take a merge policy");
        assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Misdeclared.Counted())))
                .isInstanceOf(UpsertException.class).hasMessageContaining("'version' is the @Version, which takes no @Merge");
        assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Misdeclared.MergedHistory())))
                .isInstanceOf(UpsertException.class).hasMessageContaining("@Merge(INSERT_ONLY) would leave an attribute out");
        dev.upsert.hibernate.model.Misdeclared.UpdateOnly updateOnly = new dev.upsert.hibernate.model.Misdeclared.UpdateOnly();
        updateOnly.code = "u1";
        assertThatThrownBy(() -> upsertAny(List.of(updateOnly)))
                .isInstanceOf(UpsertException.class).hasMessageContaining("[status] that Hibernate writes on update only");
        assertThat(upsertAny(List.of(updateOnly), options().updateExcept("status").build())).as("a call that leaves it alone")
                .isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Misdeclared.Modified())))
                .isInstanceOf(UpsertException.class).hasMessageContaining("'modified' is generated by Hibernate on update only");
        assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Misdeclared.Shouted())))
                .isInstanceOf(UpsertException.class).hasMessageContaining("'code' is written through SQL of its own");
        // Collections are not written by an upsert; a delete would go around the rows Hibernate deletes first.
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Recipe("r1")))).isEqualTo(new UpsertResult(1, 0, 0, 0));
        for (dev.upsert.Strategy deleting : List.of(dev.upsert.Strategy.SYNC, dev.upsert.Strategy.DELETE_THEN_INSERT)) {
            assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Recipe("r2")), options().strategy(deleting).build()))
                    .isInstanceOf(UpsertException.class).hasMessageContaining("owns the collection(s) [ingredients]");
        }
        assertThat(query("select code from it_recipe")).extracting(r -> r.get("code")).containsExactly("r1");
        factory.inTransaction(s -> s.createNativeMutationQuery("delete from it_recipe").executeUpdate());
        assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Counter())))
                .isInstanceOf(UpsertException.class)
                .hasMessageContaining("'hits' is generated by the database after Hibernate writes a value of its own");
        // A restriction a dialect overrides: an upsert is taken, a scope over the rows is not.
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Regional("r1", "EU")))).isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Regional("r1", "EU")),
                options().strategy(dev.upsert.Strategy.SYNC).build()))
                .isInstanceOf(UpsertException.class).hasMessageContaining("@DialectOverride.SQLRestriction");
    }

    /** An update timestamp whose column Hibernate never updates keeps its insert's value, as Hibernate's update leaves it. */
    @Test
    void anUpdateTimestampNotUpdatableKeepsItsFirstValue() throws Exception {
        dev.upsert.hibernate.model.Misdeclared.Frozen first = new dev.upsert.hibernate.model.Misdeclared.Frozen();
        first.code = "f1";
        first.label = "one";
        assertThat(upsertAny(List.of(first))).isEqualTo(new UpsertResult(1, 0, 0, 0));
        Object stamped = query("select stamped from it_misdeclared_frozen").get(0).get("stamped");
        Thread.sleep(20);
        dev.upsert.hibernate.model.Misdeclared.Frozen changed = new dev.upsert.hibernate.model.Misdeclared.Frozen();
        changed.code = "f1";
        changed.label = "two";
        assertThat(upsertAny(List.of(changed))).isEqualTo(new UpsertResult(0, 1, 0, 0));
        assertThat(query("select label, stamped from it_misdeclared_frozen")).extracting(r -> r.get("label"), r -> r.get("stamped"))
                .containsExactly(tuple("two", stamped));
    }

    /**
     * A statement timeout cancels a large call: the caller gets an exception and nothing is
     * committed, including the chunks written before the one that timed out.
     */
    @Test
    void aStatementTimeoutCommitsNothing() {
        try (org.hibernate.SessionFactory impatient = new org.hibernate.boot.MetadataSources(
                new org.hibernate.boot.registry.StandardServiceRegistryBuilder()
                        .applySetting(org.hibernate.cfg.AvailableSettings.JAKARTA_JDBC_URL, database.url())
                        .applySetting(org.hibernate.cfg.AvailableSettings.JAKARTA_JDBC_USER, database.user())
                        .applySetting(org.hibernate.cfg.AvailableSettings.JAKARTA_JDBC_PASSWORD, database.password())
                        .applySetting(org.hibernate.cfg.AvailableSettings.USE_SECOND_LEVEL_CACHE, "false")
                        .build()).addAnnotatedClass(dev.upsert.hibernate.model.Product.class)
                .buildMetadata().buildSessionFactory()) {
            // The factory's first call inspects the table; rolled back, so that the timeout below
            // meets the upsert itself and not the bootstrap or inspection queries of a slow machine.
            try (org.hibernate.Session warmUp = impatient.openSession()) {
                warmUp.beginTransaction();
                UpsertSession.wrap(warmUp).upsertAll(List.of(product(-1, "warm-up")));
                warmUp.getTransaction().rollback();
            }
            List<dev.upsert.hibernate.model.Product> batch = java.util.stream.IntStream.range(0, 200_000)
                    .mapToObj(i -> product(i, "slow")).toList();
            assertThatThrownBy(() -> impatient.fromTransaction(s -> {
                shortStatementTimeout(s);
                return UpsertSession.wrap(s).upsertAll(batch, dev.upsert.UpsertOptions.builder().chunkSize(20_000).build());
            }))
                    .isInstanceOf(org.hibernate.JDBCException.class)
                    .hasMessageContaining("statement timeout");
            // Streamed, the first chunk is written before the timeout is set: the rollback takes
            // back rows already written, not only the ones never sent.
            java.util.concurrent.atomic.AtomicLong written = new java.util.concurrent.atomic.AtomicLong();
            assertThatThrownBy(() -> impatient.fromTransaction(s -> UpsertSession.wrap(s).upsertAll(
                    dev.upsert.hibernate.model.Product.class, batch.stream(), dev.upsert.UpsertOptions.builder()
                            .chunkSize(20_000).progress((done, rate, soFar) -> {
                                written.compareAndSet(0, soFar.inserted());
                                shortStatementTimeout(s);
                            }).build())))
                    .isInstanceOf(org.hibernate.JDBCException.class)
                    .hasMessageContaining("statement timeout");
            assertThat(written.get()).isEqualTo(20_000L);
        }
        assertThat(query("select count(*) as c from it_product").get(0).get("c")).isEqualTo(0L);
        assertThat(upsertProducts(List.of(product(1, "after")))).isEqualTo(new UpsertResult(1, 0, 0, 0));
    }

    /** A 20 ms statement timeout for the rest of the session's transaction. */
    private static void shortStatementTimeout(org.hibernate.Session session) {
        session.doWork(connection -> {
            try (var statement = connection.createStatement()) {
                statement.execute("SET LOCAL statement_timeout = 20");
            }
        });
    }

    @Override
    public boolean restartable() {
        return database().url().startsWith("jdbc:postgresql://127.0.0.1:5432/") && System.getenv("UPSERT_TEST_POSTGRES_URL") == null
                && java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/bin/pg_ctlcluster"))
                && "root".equals(System.getProperty("user.name"));
    }

    @Override
    public boolean writing(String table) {
        return !query("select pid from pg_stat_activity where query like '%INSERT INTO \"" + table + "\"%'"
                + " and state = 'active' and pid <> pg_backend_pid()").isEmpty();
    }

    @Override
    public void restartServer() throws Exception {
        String version;
        try (var versions = java.nio.file.Files.list(java.nio.file.Path.of("/etc/postgresql"))) {
            version = versions.map(p -> p.getFileName().toString()).sorted().findFirst().orElseThrow();
        }
        Process restart = new ProcessBuilder("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart")
                .redirectErrorStream(true).start();
        String output = new String(restart.getInputStream().readAllBytes());
        assertThat(restart.waitFor()).as("pg_ctlcluster restart: %s", output).isZero();
    }

    @Override
    public boolean someoneWaitsForALock(java.sql.Statement admin) throws java.sql.SQLException {
        try (var rs = admin.executeQuery("select 1 from pg_stat_activity where pid <> pg_backend_pid() and wait_event_type = 'Lock'")) {
            return rs.next();
        }
    }

    @Override
    public boolean killWritersOf(java.sql.Statement admin, String table) throws java.sql.SQLException {
        try (var rs = admin.executeQuery("select pg_terminate_backend(pid) from pg_stat_activity where pid <> pg_backend_pid()"
                + " and query like '%INSERT INTO \"" + table + "\"%' and state = 'active'")) {
            return rs.next();
        }
    }

    private long identityValue() {
        return ((Number) query("select last_value from it_customer_id_seq").get(0).get("last_value")).longValue();
    }
}
