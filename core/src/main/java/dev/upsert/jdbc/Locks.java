package dev.upsert.jdbc;

import dev.upsert.dialect.Dialect;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * Transaction-scoped named locks (PostgreSQL advisory locks), for what row locks cannot guard: a
 * key that has no row yet, or a whole sync scope. Names are hashed to 64 bits the same way in
 * every process; two names that collide only make their writers wait for each other.
 */
public final class Locks {

    private Locks() {
    }

    /** Locks every name until the transaction ends; false, doing nothing, where the database has no such locks. */
    public static boolean lock(Connection connection, Dialect dialect, Collection<String> names) throws SQLException {
        return lock(connection, dialect.lockHashes(), names);
    }

    /** As {@link #lock}, in shared mode: holders of a shared lock wait only for one who locks the name exclusively. */
    public static boolean lockShared(Connection connection, Dialect dialect, Collection<String> names) throws SQLException {
        return lock(connection, dialect.lockHashesShared(), names);
    }

    private static boolean lock(Connection connection, String sql, Collection<String> names) throws SQLException {
        if (sql == null || names.isEmpty()) {
            return false;
        }
        Long[] hashes = names.stream().map(Locks::hash).distinct().sorted().toArray(Long[]::new);
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            statement.setArray(1, connection.createArrayOf("bigint", hashes));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
            }
        }
        return true;
    }

    /**
     * Locks the keys of these rows of the table until the transaction ends, as {@link #lock} does,
     * each as the table compares it: writers of keys it takes as one share their lock.
     */
    static boolean lockKeys(Connection connection, Dialect dialect, dev.upsert.dialect.Table table, List<Row> rows,
                            java.util.function.UnaryOperator<Key> compared) throws SQLException {
        return dialect.lockHashes() != null
                && lock(connection, dialect, rows.stream().map(r -> name(table.displayName(), compared.apply(r.key()))).toList());
    }

    /** A lock held until released. */
    public interface Held {
        /**
         * Releases the lock on this connection: the one the lock was taken on, which a caller that
         * releases each connection handle after a statement (JTA) hands out again as a new handle.
         */
        void release(Connection connection) throws SQLException;
    }

    /**
     * Takes a session-scoped named lock (MySQL's and MariaDB's {@code GET_LOCK}) until the
     * returned handle releases it; null, doing nothing, where the database has none.
     */
    public static Held hold(Connection connection, Dialect dialect, String name) throws SQLException {
        if (dialect.lockName() == null) {
            return null;
        }
        // MySQL limits names to 64 characters.
        String hashed = "upsert:" + Long.toHexString(hash(name));
        try (PreparedStatement statement = connection.prepareStatement(dialect.lockName())) {
            statement.setString(1, hashed);
            try (ResultSet rs = statement.executeQuery()) {
                Object got = rs.next() ? rs.getObject(1) : null;
                if (got == null) {
                    throw new SQLException("GET_LOCK(" + hashed + ") failed (" + name.replace('\u0000', ' ')
                            + "): the server reported an error taking it, not a timeout");
                }
                if (((Number) got).intValue() != 1) {
                    // As the server reports a lock wait timeout (1205): a retry's cue for Hibernate, Spring and the library.
                    throw new SQLException("Timed out after a minute waiting for lock " + hashed + " (" + name.replace('\u0000', ' ')
                            + "), held by another writer of the same table; retry the call.", "HY000", 1205);
                }
            }
        }
        return on -> {
            try (PreparedStatement statement = on.prepareStatement(dialect.unlockName())) {
                statement.setString(1, hashed);
                statement.executeQuery().close();
            }
        };
    }

    /**
     * Keys share this many locks per table. PostgreSQL keeps advisory locks in a lock table of
     * about {@code max_locks_per_transaction} (64) per connection: one lock per key would run out
     * of it at a few thousand keys. Small batches of different keys still rarely wait for each
     * other; large ones of one table take turns.
     */
    static final int KEY_LOCKS_PER_TABLE = 32;

    /**
     * The names of every key lock of a table: a writer that makes several calls in one
     * transaction (a stream) takes them all, in one order, before its first call, since its calls
     * would otherwise take them in an order no other writer shares.
     */
    public static List<String> allKeyNames(String table) {
        return java.util.stream.IntStream.range(0, KEY_LOCKS_PER_TABLE).mapToObj(i -> table + '\u0000' + i).toList();
    }

    /** The lock name of a natural key in a table. */
    public static String name(String table, Key key) {
        return table + '\u0000' + Math.floorMod(hash(key.canonical()), KEY_LOCKS_PER_TABLE);
    }

    /** FNV-1a over the name's UTF-8 bytes. */
    static long hash(String name) {
        long hash = 0xcbf29ce484222325L;
        for (byte b : name.getBytes(StandardCharsets.UTF_8)) {
            hash = (hash ^ (b & 0xff)) * 0x100000001b3L;
        }
        return hash;
    }
}
