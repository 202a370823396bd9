package dev.upsert.jdbc;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Returned rows found in their chunk (in input order by walking, otherwise by key), and which batches travel as array text. */
class ReturnedRowsTest {

    private static final int[] KEY = {1, 2};

    private static Row row(String source, BigDecimal code) {
        return new Row(new Object[] {null, source, code}, new Key(List.of(source, code)), List.of(source + code));
    }

    private static Object[] returned(long id, String source, BigDecimal code) {
        return new Object[] {id, source, code};
    }

    private final List<Row> chunk = List.of(row("a", BigDecimal.ONE), row("a", new BigDecimal("2.0")), row("b", BigDecimal.ONE),
            row("c", BigDecimal.TEN));

    @Test
    void rowsReturnedInInputOrderSkippingUnchangedOnes() {
        assertThat(UpsertExecutor.positions(List.of(returned(7, "a", new BigDecimal("1.00")), returned(8, "b", BigDecimal.ONE)),
                KEY, chunk)).containsExactly(0, 2);
        assertThat(UpsertExecutor.positions(List.of(), KEY, chunk)).isEmpty();
    }

    @Test
    void rowsReturnedInAnotherOrderAreFoundByKey() {
        assertThat(UpsertExecutor.positions(List.of(returned(1, "c", BigDecimal.TEN), returned(2, "a", new BigDecimal("2")),
                returned(3, "a", BigDecimal.ONE)), KEY, chunk)).containsExactly(3, 1, 0);
    }

    @Test
    void aKeyTheChunkDidNotSendIsMinusOne() {
        assertThat(UpsertExecutor.positions(List.of(returned(1, "a", BigDecimal.ONE), returned(2, "z", BigDecimal.ONE)),
                KEY, chunk)).containsExactly(0, -1);
    }

    /** Dates outside years 1 to 9999 have no plain ISO text the database reads: such a batch is bound one value at a time. */
    @Test
    void datesBeyondYear9999OrBeforeYear1AreNotSentAsArrayText() {
        Row plain = new Row(new Object[] {null, "a", java.time.LocalDate.of(2026, 1, 2)}, new Key(List.of("a")), List.of("e0"));
        Row far = new Row(new Object[] {null, "b", java.time.LocalDate.MAX}, new Key(List.of("b")), List.of("e1"));
        Row early = new Row(new Object[] {null, "c", java.time.OffsetDateTime.of(0, 1, 1, 0, 0, 0, 0, java.time.ZoneOffset.UTC)},
                new Key(List.of("c")), List.of("e2"));
        int[] columns = {1, 2};
        assertThat(UpsertExecutor.arraySafe(List.of(plain), columns)).isTrue();
        assertThat(UpsertExecutor.arraySafe(List.of(plain, far), columns)).isFalse();
        assertThat(UpsertExecutor.arraySafe(List.of(plain, early), columns)).isFalse();
    }
}
