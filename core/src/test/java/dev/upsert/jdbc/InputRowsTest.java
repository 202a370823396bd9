package dev.upsert.jdbc;

import dev.upsert.DuplicateKeyPolicy;
import dev.upsert.dialect.Column;
import dev.upsert.dialect.Column.Role;
import dev.upsert.dialect.Table;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class InputRowsTest {

    private static final Table TABLE = new Table("Customer", null, "customer", List.of(
            Column.of("id", Role.GENERATED_ID),
            new Column("source", "source", Role.KEY, false, "?", null),
            new Column("code", "code", Role.KEY, false, "?", null),
            new Column("name", "name", Role.DATA, false, "?", null)));

    @Test
    void sortsByNaturalKey() {
        List<Row> rows = prepare(DuplicateKeyPolicy.LAST_WINS, row("b", 1, "x"), row("a", 2, "y"), row("a", 1, "z"));
        assertThat(rows).extracting(r -> r.key().toString()).containsExactly("[a, 1]", "[a, 2]", "[b, 1]");
    }

    /** Constants with a body of their own are classes of their own: they still sort as their enum orders them. */
    enum Tier {
        GOLD { }, SILVER, BRONZE { }
    }

    @Test
    void enumKeysSortInTheirOrderAndRepeatsMeet() {
        List<Row> rows = prepare(DuplicateKeyPolicy.LAST_WINS, row("a", Tier.BRONZE, "x"), row("a", Tier.SILVER, "y"),
                row("a", Tier.GOLD, "z"), row("a", Tier.BRONZE, "w"));
        assertThat(rows).extracting(r -> r.key().values().get(1)).containsExactly(Tier.GOLD, Tier.SILVER, Tier.BRONZE);
        assertThat(rows.get(2).values()[3]).isEqualTo("w");
    }

    @Test
    void lastWinsKeepsEveryCarrier() {
        Object[] first = row("a", 1, "first");
        Object[] last = row("a", 1, "last");
        List<Row> rows = InputRows.prepare(TABLE, List.of("e0", "e1"), List.of(first, last), DuplicateKeyPolicy.LAST_WINS);
        assertThat(rows).singleElement().satisfies(r -> {
            assertThat(r.values()).isSameAs(last);
            assertThat(r.sources()).containsExactly("e1", "e0");
        });
    }

    @Test
    void firstWinsWritesTheFirst() {
        List<Row> rows = prepare(DuplicateKeyPolicy.FIRST_WINS, row("a", 1, "first"), row("a", 1, "last"));
        assertThat(rows).singleElement().satisfies(r -> assertThat(r.values()[3]).isEqualTo("first"));
    }

    @Test
    void failListsEveryRepeatedKeyWithPositions() {
        assertThatThrownBy(() -> prepare(DuplicateKeyPolicy.FAIL, row("a", 1, "x"), row("b", 1, "y"), row("a", 1, "z"),
                row("b", 1, "w")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("2 natural key(s) of Customer")
                .hasMessageContaining("[source=a, code=1] at positions [0, 2]")
                .hasMessageContaining("[source=b, code=1] at positions [1, 3]");
    }

    @Test
    void nullKeyNamesEntityAttributeAndPosition() {
        assertThatThrownBy(() -> prepare(DuplicateKeyPolicy.LAST_WINS, row("a", 1, "x"), row("a", null, "y")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Customer.code").hasMessageContaining("position 1");
    }

    @Test
    void keysCompareDecimalsByValueAndBytesByContent() {
        assertThat(new Key(List.of(new BigDecimal("1.50")))).isEqualTo(new Key(List.of(new BigDecimal("1.5"))));
        assertThat(new Key(List.of(new byte[] {1, 2}))).isEqualTo(new Key(List.of(new byte[] {1, 2})));
        assertThat(new Key(List.of(new BigDecimal("0.00")))).isEqualTo(new Key(List.of(BigDecimal.ZERO)));
    }

    /** Repeated keys are found among many others, and byte-array keys sort by content, as every writer sorts them. */
    @Test
    void repeatedDecimalAndByteKeysAreFoundAndSortedByContent() {
        Table table = new Table("Blob", null, "blob", List.of(Column.of("id", Role.GENERATED_ID),
                new Column("hash", "hash", Role.KEY, false, "?", null), new Column("size", "size", Role.KEY, false, "?", null),
                new Column("name", "name", Role.DATA, false, "?", null)));
        List<Object[]> values = new java.util.ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            values.add(new Object[] {null, new byte[] {(byte) (i % 7), (byte) (i / 7)}, new BigDecimal(i).setScale(i % 3), "v" + i});
        }
        values.add(new Object[] {null, new byte[] {3, 20}, new BigDecimal("143.000"), "again"});
        List<Object> sources = java.util.stream.IntStream.range(0, values.size()).mapToObj(i -> (Object) ("e" + i)).toList();

        List<Row> rows = InputRows.prepare(table, sources, values, DuplicateKeyPolicy.LAST_WINS);
        assertThat(rows).hasSize(1_000);
        assertThat(rows).filteredOn(r -> r.sources().size() > 1).singleElement()
                .satisfies(r -> assertThat(r.sources()).containsExactly("e1000", "e143"));
        List<Object[]> copies = values.stream().map(v -> new Object[] {null, ((byte[]) v[1]).clone(), v[2], v[3]}).toList();
        assertThat(InputRows.prepare(table, sources, copies, DuplicateKeyPolicy.LAST_WINS)).extracting(r -> r.key().canonical())
                .as("another writer's arrays of the same content, in the same order")
                .containsExactlyElementsOf(rows.stream().map(r -> r.key().canonical()).toList());
        assertThatThrownBy(() -> InputRows.prepare(table, sources, values, DuplicateKeyPolicy.FAIL))
                .hasMessageContaining("1 natural key(s)").hasMessageContaining("at positions [143, 1000]");
    }

    private static Object[] row(String source, Object code, String name) {
        return new Object[] {null, source, code, name};
    }

    private static List<Row> prepare(DuplicateKeyPolicy policy, Object[]... rows) {
        List<Object> sources = java.util.stream.IntStream.range(0, rows.length).mapToObj(i -> (Object) ("e" + i)).toList();
        return InputRows.prepare(TABLE, sources, List.of(rows), policy);
    }
}
