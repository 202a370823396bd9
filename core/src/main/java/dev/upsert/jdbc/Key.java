package dev.upsert.jdbc;

import dev.upsert.dialect.Table;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * A natural-key value, compared the way the database compares it for the common JDBC types: a
 * decimal by value whatever its scale, a byte array by content. {@link #values()} are the values
 * as given, fit to bind.
 */
public final class Key {

    private final List<Object> values;
    private final List<Object> normalized;
    private final int hash;

    public Key(List<Object> values) {
        this.values = Arrays.asList(values.toArray());
        this.normalized = Arrays.asList(values.stream().map(Key::normalize).toArray());
        this.hash = normalized.hashCode();
    }

    /** The key of a row whose values are aligned with the table's columns. */
    public static Key of(Table table, Object[] rowValues) {
        return of(rowValues, InputRows.keyIndexes(table));
    }

    static Key of(Object[] rowValues, int[] indexes) {
        Object[] values = new Object[indexes.length];
        for (int i = 0; i < indexes.length; i++) {
            values[i] = rowValues[indexes[i]];
        }
        return new Key(Arrays.asList(values));
    }

    /** The values as given, one per natural-key column. */
    public List<Object> values() {
        return values;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Key key && hash == key.hash && normalized.equals(key.normalized);
    }

    @Override
    public int hashCode() {
        return hash;
    }

    private static Object normalize(Object value) {
        if (value instanceof BigDecimal decimal) {
            return decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
        }
        if (value instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes);
        }
        return value;
    }

    @Override
    public String toString() {
        return values.size() == 1 ? String.valueOf(values.get(0)) : values.toString();
    }
}
