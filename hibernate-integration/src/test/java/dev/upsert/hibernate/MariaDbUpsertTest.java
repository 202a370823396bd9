package dev.upsert.hibernate;

import dev.upsert.UpsertException;
import dev.upsert.UpsertResult;
import dev.upsert.hibernate.model.Product;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The whole suite on MariaDB (INSERT ... ON DUPLICATE KEY UPDATE), and what only MariaDB shows. */
class MariaDbUpsertTest extends UpsertSuite implements ConcurrencyTests {

    @Override
    public TestDatabase database() {
        return TestDatabase.mariadb();
    }

    /** MariaDB's catalogs are its databases, which Hibernate does not create: the test's own is made here. */
    @Override
    void configure(org.hibernate.boot.registry.StandardServiceRegistryBuilder settings) {
        database().execute("create database if not exists upsert_it");
    }

    /**
     * ON DUPLICATE KEY UPDATE matches a row by its primary key too: a new key whose assigned
     * identifier is another key's row's is refused before anything is written, whatever the
     * strategy; a batch that keeps each key's identifier goes through.
     */
    /**
     * With a sequence id the statement reads its input from a derived table: a value is still
     * compared as its column keeps it (0.1 in a FLOAT is not the decimal 0.1 sent), so the same
     * row again is unchanged and its version stays.
     */
    @Test
    void aValueIsComparedAsItsColumnKeepsIt() {
        factory.inTransaction(s -> s.createNativeMutationQuery("delete from it_gauge").executeUpdate());
        java.util.function.Supplier<List<dev.upsert.hibernate.model.Gauge>> batch = () ->
                List.of(new dev.upsert.hibernate.model.Gauge("g1", 0.1f));
        assertThat(upsertAny(batch.get())).isEqualTo(new UpsertResult(1, 0, 0, 0));
        assertThat(upsertAny(batch.get())).isEqualTo(new UpsertResult(0, 0, 1, 0));
        assertThat(query("select code, version from it_gauge")).extracting(r -> r.get("code"), r -> ((Number) r.get("version")).intValue())
                .containsExactly(tuple("g1", 0));
    }

    /** A unique index on a prefix of the key's column takes keys that share it as one: refused before writing. */
    @Test
    void aUniqueIndexOnAPrefixOfTheKeyIsRefused() throws Exception {
        String index = (String) query("select index_name as i from information_schema.statistics where table_schema = database()"
                + " and table_name = 'it_note' and column_name = 'code' and non_unique = 0").get(0).get("i");
        try (var connection = database.connect(); var statement = connection.createStatement()) {
            statement.execute("alter table it_note drop index `" + index + "`, add unique index it_note_code_prefix (code(3))");
            Models.forget(factory);
            assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Note("abc-1", "x"))))
                    .isInstanceOf(UpsertException.class).hasMessageContaining("[it_note_code_prefix] on a prefix of a column");
            assertThat(query("select code from it_note")).isEmpty();
        } finally {
            try (var connection = database.connect(); var statement = connection.createStatement()) {
                statement.execute("alter table it_note drop index it_note_code_prefix, add unique index `" + index + "` (code)");
            }
            Models.forget(factory);
        }
    }

    /**
     * A TEXT column holds bytes, not characters: a value of fewer characters but more bytes is
     * refused, not cut; also where the table spells the column otherwise than the mapping.
     */
    @Test
    void aTextColumnHoldsBytes() throws Exception {
        try (var connection = database.connect(); var statement = connection.createStatement()) {
            statement.execute("alter table it_note change body BODY tinytext");
            Models.forget(factory);
            assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Note("n1", "\u00e9".repeat(200)))))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("takes 400 bytes of UTF-8")
                    .hasMessageContaining("holds 255 bytes");
            assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Note("n2", "a".repeat(255))))).isEqualTo(new UpsertResult(1, 0, 0, 0));
            assertThat(query("select code, length(body) as b from it_note")).extracting(r -> r.get("code"), r -> ((Number) r.get("b")).intValue())
                    .containsExactly(tuple("n2", 255));
        } finally {
            try (var connection = database.connect(); var statement = connection.createStatement()) {
                statement.execute("alter table it_note change BODY body varchar(255)");
            }
            Models.forget(factory);
        }
    }

    @Test
    void aNewKeyWithAnotherKeysIdentifierIsRefusedBeforeWriting() {
        upsertAny(List.of(new dev.upsert.hibernate.model.Line(new dev.upsert.hibernate.model.Line.LineId("O1", 1), "r1", 5)));
        for (dev.upsert.Strategy strategy : dev.upsert.Strategy.values()) {
            assertThatThrownBy(() -> upsertAny(List.of(new dev.upsert.hibernate.model.Line(
                    new dev.upsert.hibernate.model.Line.LineId("O1", 1), "r9", 1)), options().strategy(strategy).build()))
                    .as("%s", strategy).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("(id.lineNo 1, id.orderNo O1)").hasMessageContaining("with key [r9]").hasMessageContaining("key [r1]")
                    .hasMessageContaining(strategy == dev.upsert.Strategy.DELETE_THEN_INSERT ? "roll back" : "Nothing was written");
        }
        assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Line(new dev.upsert.hibernate.model.Line.LineId("O1", 1), "r1", 6),
                new dev.upsert.hibernate.model.Line(new dev.upsert.hibernate.model.Line.LineId("O1", 2), "r2", 3))))
                .isEqualTo(new UpsertResult(1, 1, 0, 0));
        assertThat(query("select order_no, line_no, ref, qty from it_line order by ref"))
                .extracting(r -> r.get("order_no"), r -> ((Number) r.get("line_no")).intValue(), r -> r.get("ref"),
                        r -> ((Number) r.get("qty")).intValue())
                .containsExactly(tuple("O1", 1, "r1", 6), tuple("O1", 2, "r2", 3));
    }

    /**
     * A table in another database of the server, named by its catalog: written there, not in a
     * table of the same name in the connection's own database.
     */
    @Test
    void upsertsIntoATableOfAnotherDatabase() {
        factory.inTransaction(s -> {
            s.createNativeMutationQuery("delete from upsert_it.it_vault").executeUpdate();
            s.createNativeMutationQuery("create table if not exists it_vault like upsert_it.it_vault").executeUpdate();
        });
        try {
            assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Vault("a", 1), new dev.upsert.hibernate.model.Vault("b", 2))))
                    .isEqualTo(new UpsertResult(2, 0, 0, 0));
            assertThat(upsertAny(List.of(new dev.upsert.hibernate.model.Vault("b", 3), new dev.upsert.hibernate.model.Vault("c", 4)),
                    options().strategy(dev.upsert.Strategy.SYNC).build())).isEqualTo(new UpsertResult(1, 1, 0, 1));
            assertThat(query("select label, items from upsert_it.it_vault order by label"))
                    .extracting(r -> r.get("label"), r -> ((Number) r.get("items")).intValue())
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("b", 3), org.assertj.core.groups.Tuple.tuple("c", 4));
            assertThat(query("select * from it_vault")).as("the same name in the connection's database, untouched").isEmpty();
        } finally {
            factory.inTransaction(s -> s.createNativeMutationQuery("drop table it_vault").executeUpdate());
        }
    }

    @Override
    List<Class<?>> entities() {
        return java.util.stream.Stream.concat(super.entities().stream(),
                java.util.stream.Stream.of(dev.upsert.hibernate.model.Document.class, dev.upsert.hibernate.model.Vault.class,
                        dev.upsert.hibernate.model.Gauge.class)).toList();
    }

    /** A sequence id is drawn for new keys only: a call of existing keys, changed or not, leaves the sequence where it was. */
    @Test
    void sequenceIdsAdvanceOnlyForNewKeys() {
        List<Product> products = IntStream.range(0, 100).mapToObj(i -> product(i, "v1")).toList();
        assertThat(upsertProducts(products)).isEqualTo(new UpsertResult(100, 0, 0, 0));
        long increment = ((Number) query("select increment as i from it_product_seq").get(0).get("i")).longValue();
        long before = ((Number) query("select next value for it_product_seq as n").get(0).get("n")).longValue();

        List<Product> again = IntStream.range(0, 100).mapToObj(i -> product(i, i % 2 == 0 ? "v1" : "v2")).toList();
        assertThat(upsertProducts(again)).isEqualTo(new UpsertResult(0, 50, 50, 0));
        long after = ((Number) query("select next value for it_product_seq as n").get(0).get("n")).longValue();
        assertThat(after - before).as("only this test's own draws").isEqualTo(increment);
        assertThat(again).extracting(p -> p.id).containsExactlyElementsOf(products.stream().map(p -> p.id).toList());
    }

    /**
     * A chunk larger than the server's max_allowed_packet (16 MB by default) is sent in statements
     * that each fit it: 1,000 documents of 20,000 characters, inserted and then changed.
     */
    @Test
    void statementsStayWithinTheServersPacketLimit() {
        long packet = ((Number) query("select @@max_allowed_packet as p").get(0).get("p")).longValue();
        java.util.function.Function<String, List<dev.upsert.hibernate.model.Document>> documents = letter -> IntStream.range(0, 1_000)
                .mapToObj(i -> new dev.upsert.hibernate.model.Document("d" + i, letter.repeat(20_000) + i)).toList();
        assertThat(1_000L * 20_000).as("more than one packet").isGreaterThan(packet);
        factory.inTransaction(s -> s.createNativeMutationQuery("delete from it_document").executeUpdate());
        assertThat(upsertAny(documents.apply("a"))).isEqualTo(new UpsertResult(1_000, 0, 0, 0));
        assertThat(upsertAny(documents.apply("b"))).isEqualTo(new UpsertResult(0, 1_000, 0, 0));
        assertThat(query("select count(*) as c, sum(length(body)) as l, min(body) as b from it_document").get(0))
                .satisfies(r -> assertThat(((Number) r.get("c")).longValue()).isEqualTo(1_000L))
                .satisfies(r -> assertThat(((Number) r.get("l")).longValue()).isEqualTo(20_000L * 1_000 + 10 + 90 * 2 + 900 * 3))
                .satisfies(r -> assertThat((String) r.get("b")).isEqualTo("b".repeat(20_000) + "0"));
        // The same through a JSON attribute, whose map Hibernate's binder writes as text.
        List<dev.upsert.hibernate.model.Customer> customers = IntStream.range(0, 1_000).mapToObj(i -> {
            dev.upsert.hibernate.model.Customer customer = new dev.upsert.hibernate.model.Customer("crm", "c" + i, "n" + i);
            customer.attributes = java.util.Map.of("note", "c".repeat(20_000));
            return customer;
        }).toList();
        assertThat(upsertAny(customers)).isEqualTo(new UpsertResult(1_000, 0, 0, 0));
        assertThat(((Number) query("select sum(length(attributes)) as l from it_customer").get(0).get("l")).longValue())
                .isGreaterThan(1_000L * 20_000);
        // And through JSON of an object whose own text is short: measured as its binder writes it.
        List<dev.upsert.hibernate.model.Document> attached = IntStream.range(0, 1_000).mapToObj(i -> {
            dev.upsert.hibernate.model.Document document = new dev.upsert.hibernate.model.Document("j" + i, "short");
            document.attachment = new dev.upsert.hibernate.model.Document.Attachment("a" + i, "d".repeat(20_000));
            return document;
        }).toList();
        assertThat(upsertAny(attached)).isEqualTo(new UpsertResult(1_000, 0, 0, 0));
        assertThat(((Number) query("select sum(length(attachment)) as l from it_document where code like 'j%'").get(0).get("l"))
                .longValue()).isGreaterThan(1_000L * 20_000);
    }

    @Test
    void refusesATableWithAnotherUniqueKey() {
        factory.inTransaction(s -> s.createNativeMutationQuery(
                "create unique index it_product_name on it_product (name)").executeUpdate());
        try {
            Models.forget(factory);
            assertThatThrownBy(() -> upsertProducts(List.of(new Product("sku-1", "one", BigDecimal.ONE))))
                    .isInstanceOf(UpsertException.class)
                    .hasMessageContaining("it_product_name").hasMessageContaining("ON DUPLICATE KEY UPDATE");
            assertThat(query("select count(*) as c from it_product").get(0).get("c")).isEqualTo(0L);
        } finally {
            factory.inTransaction(s -> s.createNativeMutationQuery("drop index it_product_name on it_product").executeUpdate());
            Models.forget(factory);
        }
    }

    @Override
    public boolean restartable() {
        return database().url().startsWith("jdbc:mariadb://127.0.0.1:3306/") && System.getenv("UPSERT_TEST_MARIADB_URL") == null
                && java.nio.file.Files.isExecutable(java.nio.file.Path.of("/usr/sbin/mariadbd"))
                && "root".equals(System.getProperty("user.name"));
    }

    @Override
    public boolean writing(String table) {
        return !query("select id from information_schema.processlist where id <> connection_id()"
                + " and info like 'INSERT INTO `" + table + "`%'").isEmpty();
    }

    /** As .ci/run starts it: stopped through the client, started again by start-stop-daemon. */
    @Override
    public void restartServer() throws Exception {
        run("mariadb-admin", "-uroot", "-h127.0.0.1", "shutdown");
        // Started again only once the old process is gone, or start-stop-daemon would find it running.
        for (int attempt = 0; run("pgrep", "-x", "mariadbd") == 0; attempt++) {
            if (attempt == 120) {
                throw new IllegalStateException("mariadbd did not stop within a minute");
            }
            Thread.sleep(500);
        }
        org.assertj.core.api.Assertions.assertThat(run("start-stop-daemon", "--start", "--oknodo", "--background",
                "--exec", "/usr/sbin/mariadbd")).isZero();
    }

    /** Runs a command to its end, its output discarded (a daemon it starts must not hold a pipe open). */
    private static int run(String... command) throws Exception {
        return new ProcessBuilder(command).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .redirectError(ProcessBuilder.Redirect.DISCARD).start().waitFor();
    }

    @Override
    public boolean someoneWaitsForALock(java.sql.Statement admin) throws java.sql.SQLException {
        try (var rs = admin.executeQuery("select 1 from information_schema.innodb_trx where trx_state = 'LOCK WAIT'")) {
            return rs.next();
        }
    }

    @Override
    public boolean killWritersOf(java.sql.Statement admin, String table) throws java.sql.SQLException {
        List<Long> ids = new java.util.ArrayList<>();
        try (var rs = admin.executeQuery("select id from information_schema.processlist"
                + " where id <> connection_id() and info like 'INSERT INTO `" + table + "`%'")) {
            while (rs.next()) {
                ids.add(rs.getLong(1));
            }
        }
        for (long id : ids) {
            admin.execute("KILL " + id);
        }
        return !ids.isEmpty();
    }

    @Test
    void aChangeOfCaseIsAChange() {
        upsertProducts(List.of(new Product("sku-1", "grace", BigDecimal.ONE)));
        assertThat(upsertProducts(List.of(new Product("sku-1", "Grace", BigDecimal.ONE))).updated()).isEqualTo(1);
        assertThat(query("select name from it_product").get(0).get("name")).isEqualTo("Grace");
    }
}
