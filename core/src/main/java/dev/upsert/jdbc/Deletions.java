package dev.upsert.jdbc;

import dev.upsert.dialect.Column;
import dev.upsert.dialect.Dialect;
import dev.upsert.dialect.Filter;
import dev.upsert.dialect.Table;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The deletes of the SYNC and DELETE_THEN_INSERT strategies, on the caller's connection and transaction. */
public final class Deletions {

    private final Dialect dialect;
    private final Table table;
    private final List<ValueHandler> handlers;
    private final int[] keys;

    /** @param handlers one per {@link Table#columns()} column, in the same order */
    public Deletions(Dialect dialect, Table table, List<ValueHandler> handlers) {
        this.dialect = dialect;
        this.table = table;
        this.handlers = List.copyOf(handlers);
        this.keys = InputRows.keyIndexes(table);
    }

    /** The keys of the rows matching every filter; {@code values} holds one value per filter (null where none is taken). */
    public Set<Key> keys(Connection connection, List<Filter> filters, List<Object> values) throws SQLException {
        return keys(connection, filters, values, false);
    }

    /** As {@link #keys(Connection, List, List)}; with {@code lock}, a locking read of the latest rows. */
    public Set<Key> keys(Connection connection, List<Filter> filters, List<Object> values, boolean lock) throws SQLException {
        Set<Key> found = new HashSet<>();
        try (PreparedStatement select = connection.prepareStatement(dialect.selectKeys(table, filters)
                + (lock ? dialect.lockClause() : ""))) {
            bindFilters(select, 1, filters, values);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Object[] key = new Object[keys.length];
                    for (int i = 0; i < keys.length; i++) {
                        key[i] = handlers.get(keys[i]).extract(rs, i + 1);
                    }
                    found.add(new Key(Arrays.asList(key)));
                }
            }
        }
        return found;
    }

    /** Deletes the rows matching every filter; returns how many. */
    public long delete(Connection connection, List<Filter> filters, List<Object> values) throws SQLException {
        try (PreparedStatement delete = connection.prepareStatement(dialect.delete(table, filters))) {
            bindFilters(delete, 1, filters, values);
            return delete.executeLargeUpdate();
        }
    }

    /** Deletes the rows with these keys, in statements within the parameter limit; returns how many. */
    public long delete(Connection connection, List<Key> keysToDelete) throws SQLException {
        return byKeys(connection, keysToDelete, rows -> dialect.deleteByKeys(table, rows), (statement, index) -> index);
    }

    /**
     * Marks the rows with these keys as deleted where {@code live} still holds: sets the marker
     * column to {@code deletedValue}; returns how many rows it marked.
     */
    public long softDelete(Connection connection, List<Key> keysToDelete, Filter live, Object liveValue, Object deletedValue)
            throws SQLException {
        ValueHandler marker = handler(live.column());
        return byKeys(connection, keysToDelete, rows -> dialect.softDeleteByKeys(table, live, rows), (statement, index) -> {
            marker.bind(statement, index++, deletedValue);
            if (live.takesValue()) {
                marker.bind(statement, index++, liveValue);
            }
            return index;
        });
    }

    private interface Binder {
        int bind(PreparedStatement statement, int index) throws SQLException;
    }

    private long byKeys(Connection connection, List<Key> all, java.util.function.IntFunction<String> sql, Binder prefix)
            throws SQLException {
        long done = 0;
        int perStatement = Math.max(1, Math.min(1_000, dialect.maxParameters() / keys.length - 2));
        for (int from = 0; from < all.size(); from += perStatement) {
            List<Key> chunk = all.subList(from, Math.min(all.size(), from + perStatement));
            try (PreparedStatement statement = connection.prepareStatement(sql.apply(chunk.size()))) {
                int index = prefix.bind(statement, 1);
                for (Key key : chunk) {
                    for (int i = 0; i < keys.length; i++) {
                        handlers.get(keys[i]).bind(statement, index++, key.values().get(i));
                    }
                }
                done += statement.executeLargeUpdate();
            }
        }
        return done;
    }

    private void bindFilters(PreparedStatement statement, int index, List<Filter> filters, List<Object> values)
            throws SQLException {
        for (int i = 0; i < filters.size(); i++) {
            if (filters.get(i).takesValue()) {
                handler(filters.get(i).column()).bind(statement, index++, values.get(i));
            }
        }
    }

    private ValueHandler handler(Column column) {
        return handlers.get(table.columns().indexOf(column));
    }

    /** The keys of {@code scope} that {@code batch} does not carry, in key order. */
    public static List<Key> absent(Set<Key> scope, Set<Key> batch) {
        return absent(scope, batch, java.util.function.UnaryOperator.identity());
    }

    /**
     * The keys of {@code scope} (as stored) that {@code batch} (keys as the table compares them)
     * does not carry, in key order.
     */
    public static List<Key> absent(Set<Key> scope, Set<Key> batch, java.util.function.UnaryOperator<Key> compared) {
        List<Key> absent = new ArrayList<>();
        for (Key key : scope) {
            if (!batch.contains(compared.apply(key))) {
                absent.add(key);
            }
        }
        absent.sort(InputRows::compareKeys);
        return absent;
    }
}
