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
    private final Joined joined;

    /**
     * A JOINED type's tables beyond its root's ({@link #table}): their rows reference the root
     * row's id, so they are deleted first, by the ids of the root rows to delete, read before;
     * then the root rows, by id too.
     *
     * @param id      the root table's id column
     * @param tables  each further table with its id column alone, as its key; the type's own last
     * @param handler binds and reads an id
     * @param type    the conditions (binding no value) that keep to the type's rows, for deletes by key
     */
    public record Joined(Column id, List<Table> tables, ValueHandler handler, List<Filter> type) {
    }

    /** @param handlers one per {@link Table#columns()} column, in the same order */
    public Deletions(Dialect dialect, Table table, List<ValueHandler> handlers) {
        this(dialect, table, handlers, null);
    }

    /**
     * @param handlers one per {@link Table#columns()} column, in the same order
     * @param joined   a JOINED type's further tables, or null
     */
    public Deletions(Dialect dialect, Table table, List<ValueHandler> handlers, Joined joined) {
        this.dialect = dialect;
        this.table = table;
        this.handlers = List.copyOf(handlers);
        this.keys = InputRows.keyIndexes(table);
        this.joined = joined;
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
        if (joined != null) {
            return deleteIds(connection, ids(connection, filters, values, List.of()));
        }
        try (PreparedStatement delete = connection.prepareStatement(dialect.delete(table, filters))) {
            bindFilters(delete, 1, filters, values);
            return delete.executeLargeUpdate();
        }
    }

    /** Deletes the rows with these keys, in statements within the parameter limit; returns how many. */
    public long delete(Connection connection, List<Key> keysToDelete) throws SQLException {
        if (joined != null) {
            List<Object> none = java.util.Collections.nCopies(joined.type().size(), null);
            List<Key> ids = new ArrayList<>();
            for (int from = 0; from < keysToDelete.size(); from += perStatement()) {
                ids.addAll(ids(connection, joined.type(), none,
                        keysToDelete.subList(from, Math.min(keysToDelete.size(), from + perStatement()))));
            }
            return deleteIds(connection, ids);
        }
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

    /** Those of these keys that a row of the table has (a table with a one-column key). */
    public Set<Key> present(Connection connection, List<Key> candidates) throws SQLException {
        Set<Key> found = new HashSet<>();
        for (int from = 0; from < candidates.size(); from += perStatement()) {
            List<Key> chunk = candidates.subList(from, Math.min(candidates.size(), from + perStatement()));
            try (PreparedStatement select = connection.prepareStatement(
                    dialect.selectColumn(table, table.keys().get(0), List.of(), chunk.size()))) {
                int index = 1;
                for (Key key : chunk) {
                    handlers.get(keys[0]).bind(select, index++, key.values().get(0));
                }
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Key(Arrays.asList(handlers.get(keys[0]).extract(rs, 1))));
                    }
                }
            }
        }
        return found;
    }

    /** The ids of the root rows that match every filter and, where any are given, have one of these keys. */
    private List<Key> ids(Connection connection, List<Filter> filters, List<Object> values, List<Key> byKeys)
            throws SQLException {
        List<Key> ids = new ArrayList<>();
        // A locking read of the root rows: locked before their further rows are deleted, as an
        // upsert locks them before it writes those, and the latest of them, as a DELETE reads.
        try (PreparedStatement select = connection.prepareStatement(dialect.selectColumn(table, joined.id(), filters, byKeys.size())
                + dialect.lockClause())) {
            int index = bindFilters(select, 1, filters, values);
            for (Key key : byKeys) {
                for (int i = 0; i < keys.length; i++) {
                    handlers.get(keys[i]).bind(select, index++, key.values().get(i));
                }
            }
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(new Key(Arrays.asList(joined.handler().extract(rs, 1))));
                }
            }
        }
        return ids;
    }

    /** The rows with these ids, in the type's own table first, its root table last; returns how many root rows. */
    private long deleteIds(Connection connection, List<Key> ids) throws SQLException {
        List<ValueHandler> id = List.of(joined.handler());
        for (int t = joined.tables().size() - 1; t >= 0; t--) {
            new Deletions(dialect, joined.tables().get(t), id).delete(connection, ids);
        }
        Table root = new Table(table.entity(), table.schema(), table.name(), List.of(joined.id().withRole(Column.Role.KEY)));
        return new Deletions(dialect, root, id).delete(connection, ids);
    }

    private int perStatement() {
        return Math.max(1, Math.min(1_000, dialect.maxParameters() / keys.length - 2));
    }

    private interface Binder {
        int bind(PreparedStatement statement, int index) throws SQLException;
    }

    private long byKeys(Connection connection, List<Key> all, java.util.function.IntFunction<String> sql, Binder prefix)
            throws SQLException {
        long done = 0;
        int perStatement = perStatement();
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

    /** Binds the filters' values from {@code index} on; returns the next index. */
    private int bindFilters(PreparedStatement statement, int index, List<Filter> filters, List<Object> values)
            throws SQLException {
        for (int i = 0; i < filters.size(); i++) {
            if (filters.get(i).takesValue()) {
                handler(filters.get(i).column()).bind(statement, index++, values.get(i));
            }
        }
        return index;
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
