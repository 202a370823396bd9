package dev.upsert.jdbc;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Returned rows found in their chunk (in input order by walking, otherwise by key). */
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
}
