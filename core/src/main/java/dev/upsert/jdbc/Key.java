package dev.upsert.jdbc;

import dev.upsert.dialect.Table;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;

/**
 * A natural-key value, compared the way the database compares it for the common JDBC types: a
 * decimal by value whatever its scale, a byte array by content, a date-time with an offset or
 * zone by its instant. {@link #values()} are the values
 * as given, fit to bind.
 */
public final class Key {

    private final Object[] values;
    /** The values as compared: the same array unless one of them needs normalizing. */
    private final Object[] normalized;
    private final int hash;

    public Key(List<Object> values) {
        this(values.toArray());
    }

    private Key(Object[] values) {
        this.values = values;
        Object[] compared = values;
        for (int i = 0; i < values.length; i++) {
            Object normal = normalize(values[i]);
            if (normal != values[i]) {
                compared = compared == values ? values.clone() : compared;
                compared[i] = normal;
            }
        }
        this.normalized = compared;
        this.hash = Arrays.hashCode(compared);
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
        return new Key(values);
    }

    /** The key as compared, as text: equal keys give equal text in every process. */
    String canonical() {
        StringBuilder text = new StringBuilder();
        for (Object value : normalized) {
            text.append(value instanceof BigDecimal decimal ? decimal.toPlainString()
                    : value instanceof ByteBuffer bytes ? java.util.HexFormat.of().formatHex(bytes.array())
                    : String.valueOf(value)).append('\u0000');
        }
        return text.toString();
    }

    Object value(int i) {
        return values[i];
    }

    /** Whether the values at these positions of a row make this key, without building a key of them. */
    boolean matches(Object[] rowValues, int[] indexes) {
        for (int i = 0; i < indexes.length; i++) {
            if (!java.util.Objects.equals(normalized[i], normalize(rowValues[indexes[i]]))) {
                return false;
            }
        }
        return true;
    }

    /**
     * The values as compared: a decimal without trailing zeros, a byte array as a buffer, an
     * offset or zoned date-time, a legacy date or calendar as its instant. Not a
     * copy, and often the array {@link #values()} shows: never to be written to.
     */
    Object[] compared() {
        return normalized;
    }

    /** The values as given, one per natural-key column. */
    public List<Object> values() {
        return java.util.Collections.unmodifiableList(Arrays.asList(values));
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Key key && hash == key.hash && Arrays.equals(normalized, key.normalized);
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
        // A column of either type compares instants, and most keep no offset: the value reads back in UTC.
        if (value instanceof java.time.OffsetDateTime at) {
            return at.toInstant();
        }
        if (value instanceof java.time.ZonedDateTime at) {
            return at.toInstant();
        }
        // A java.util.Date sent reads back as a java.sql.Timestamp (or Date): the same instant.
        if (value instanceof java.sql.Timestamp at) {
            return at.toInstant();
        }
        if (value instanceof java.util.Date at) {
            return java.time.Instant.ofEpochMilli(at.getTime());
        }
        if (value instanceof java.util.Calendar at) {
            return at.toInstant();
        }
        return value;
    }

    @Override
    public String toString() {
        return values.length == 1 ? String.valueOf(values[0]) : Arrays.toString(values);
    }
}
