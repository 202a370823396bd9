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
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The deletes of the SYNC and DELETE_THEN_INSERT strategies, on the caller's connection and transaction. */
public final class Deletions {

    private final Dialect dialect;
    private final Table table;
    private final List<ValueHandler> handlers;
    private final int[] keys;
    private final Further further;

    /**
     * An entity's tables beyond its main one ({@link #table}): a JOINED type's tables below the
     * root, then secondary tables. Their rows reference the main row's id, so they are deleted
     * first (in the reverse order), by the ids of the main rows to delete, read with a lock
     * before; then the main rows, by id too.
     *
     * @param id          the main table's id column, one of its columns
     * @param tables      each further table, keyed by its column of the id
     * @param typeFilters the conditions (binding no value) that keep a delete by key to the rows of
     *                    the entity's own type
     */
    public record Further(Column id, List<Table> tables, List<Filter> typeFilters) {
    }

    /** @param handlers one per {@link Table#columns()} column, in the same order */
    public Deletions(Dialect dialect, Table table, List<ValueHandler> handlers) {
        this(dialect, table, handlers, null);
    }

    /**
     * @param handlers one per {@link Table#columns()} column, in the same order
     * @param further  the entity's further tables, or null
     */
    public Deletions(Dialect dialect, Table table, List<ValueHandler> handlers, Further further) {
        this.dialect = dialect;
        this.table = table;
        this.handlers = List.copyOf(handlers);
        this.keys = InputRows.keyIndexes(table);
        this.further = further;
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
                    found.add(readKey(rs));
                }
            }
        }
        return found;
    }

    /** Deletes the rows matching every filter; returns how many. */
    public long delete(Connection connection, List<Filter> filters, List<Object> values) throws SQLException {
        if (further != null) {
            return deleteIds(connection, ids(connection, filters, values, List.of()));
        }
        try (PreparedStatement delete = connection.prepareStatement(dialect.delete(table, filters))) {
            bindFilters(delete, 1, filters, values);
            return delete.executeLargeUpdate();
        }
    }

    /** Deletes the rows with these keys, in statements within the parameter limit; returns how many. */
    public long delete(Connection connection, List<Key> keysToDelete) throws SQLException {
        if (further != null) {
            List<Object> none = Collections.nCopies(further.typeFilters().size(), null);
            List<Key> ids = new ArrayList<>();
            for (List<Key> chunk : chunks(keysToDelete)) {
                ids.addAll(ids(connection, further.typeFilters(), none, chunk));
            }
            return deleteIds(connection, ids);
        }
        return byKeys(connection, keysToDelete, rows -> dialect.deleteByKeys(table, rows), (statement, index) -> index);
    }

    /** Deletes the rows with these keys that match every filter; returns how many. */
    public long delete(Connection connection, List<Key> keysToDelete, List<Filter> filters, List<Object> values)
            throws SQLException {
        if (further != null) {
            List<Key> ids = new ArrayList<>();
            for (List<Key> chunk : chunks(keysToDelete)) {
                ids.addAll(ids(connection, filters, values, chunk));
            }
            return deleteIds(connection, ids);
        }
        return byKeys(connection, keysToDelete, rows -> dialect.delete(table, filters, rows),
                (statement, index) -> bindFilters(statement, index, filters, values));
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

    /** Those of these keys that a row of the table has, as committed now (see {@link Dialect#locksFreshReads()}). */
    public Set<Key> present(Connection connection, List<Key> candidates) throws SQLException {
        return present(connection, candidates, dialect.locksFreshReads());
    }

    /**
     * Locks the rows of these keys that exist, in key order. They are found by a plain read first,
     * so that the locking read never holds an absent key's gap (InnoDB), which two writers of new
     * keys would deadlock on.
     */
    public void lockPresent(Connection connection, List<Key> keys) throws SQLException {
        List<Key> found = new ArrayList<>(present(connection, keys, false));
        found.sort(InputRows::compareKeys);
        present(connection, found, true);
    }

    private Set<Key> present(Connection connection, List<Key> candidates, boolean lock) throws SQLException {
        Set<Key> found = new HashSet<>();
        for (List<Key> chunk : chunks(candidates)) {
            try (PreparedStatement select = connection.prepareStatement(
                    dialect.selectByKeys(table, table.keys(), List.of(), chunk.size(), lock))) {
                bindKeys(select, 1, chunk);
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.add(readKey(rs));
                    }
                }
            }
        }
        return found;
    }

    /**
     * The ids of the main rows that match every filter and, where any are given, have one of
     * these keys: a locking read, so that they are locked before their further rows are deleted,
     * as an upsert locks them before it writes those, and the latest of them, as a DELETE reads.
     */
    private List<Key> ids(Connection connection, List<Filter> filters, List<Object> values, List<Key> byKeys)
            throws SQLException {
        List<Key> ids = new ArrayList<>();
        ValueHandler id = handler(further.id());
        try (PreparedStatement select = connection.prepareStatement(
                dialect.selectByKeys(table, List.of(further.id()), filters, byKeys.size(), true))) {
            bindKeys(select, bindFilters(select, 1, filters, values), byKeys);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    ids.add(new Key(Arrays.asList(id.extract(rs, 1))));
                }
            }
        }
        return ids;
    }

    /** The rows with these ids: in the further tables first, the last of them first; returns how many main rows. */
    private long deleteIds(Connection connection, List<Key> ids) throws SQLException {
        List<ValueHandler> id = List.of(handler(further.id()));
        for (int t = further.tables().size() - 1; t >= 0; t--) {
            Table other = further.tables().get(t);
            new Deletions(dialect, new Table(other.entity(), other.schema(), other.name(), other.keys()), id).delete(connection, ids);
        }
        Table main = new Table(table.entity(), table.schema(), table.name(), List.of(further.id().withRole(Column.Role.KEY)));
        return new Deletions(dialect, main, id).delete(connection, ids);
    }

    private List<List<Key>> chunks(List<Key> all) {
        int size = Math.max(1, Math.min(1_000, dialect.maxParameters() / keys.length - 2));
        List<List<Key>> chunks = new ArrayList<>();
        for (int from = 0; from < all.size(); from += size) {
            chunks.add(all.subList(from, Math.min(all.size(), from + size)));
        }
        return chunks;
    }

    /** Binds the keys' values from {@code index} on, as {@link Dialect#keyIn} takes them; returns the next index. */
    private int bindKeys(PreparedStatement statement, int index, List<Key> chunk) throws SQLException {
        for (Key key : chunk) {
            for (int i = 0; i < keys.length; i++) {
                handlers.get(keys[i]).bind(statement, index++, key.values().get(i));
            }
        }
        return index;
    }

    private Key readKey(ResultSet rs) throws SQLException {
        Object[] key = new Object[keys.length];
        for (int i = 0; i < keys.length; i++) {
            key[i] = handlers.get(keys[i]).extract(rs, i + 1);
        }
        return new Key(Arrays.asList(key));
    }

    private interface Binder {
        int bind(PreparedStatement statement, int index) throws SQLException;
    }

    private long byKeys(Connection connection, List<Key> all, java.util.function.IntFunction<String> sql, Binder prefix)
            throws SQLException {
        long done = 0;
        for (List<Key> chunk : chunks(all)) {
            try (PreparedStatement statement = connection.prepareStatement(sql.apply(chunk.size()))) {
                bindKeys(statement, prefix.bind(statement, 1), chunk);
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
            if (key.values().contains(null)) {
                // No batch carries it, and no statement by key would find it: it would stay, uncounted.
                throw new dev.upsert.UpsertException("A row in the sync's scope has the natural key " + key.values()
                        + ": a NULL key matches no entity and no statement by key. Give such rows a key or delete them"
                        + " (and make the key columns NOT NULL). Nothing was deleted.");
            }
            if (!batch.contains(compared.apply(key))) {
                absent.add(key);
            }
        }
        absent.sort(InputRows::compareKeys);
        return absent;
    }
}
