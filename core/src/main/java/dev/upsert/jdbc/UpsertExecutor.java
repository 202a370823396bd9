package dev.upsert.jdbc;

import dev.upsert.UpsertResult;
import dev.upsert.dialect.Column;
import dev.upsert.dialect.Dialect;
import dev.upsert.dialect.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs an upsert over JDBC, chunk by chunk, on the caller's connection and transaction. Never
 * commits, rolls back or changes the connection's settings.
 */
public final class UpsertExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(UpsertExecutor.class);

    private final Dialect dialect;
    private final Table table;
    private final List<ValueHandler> handlers;
    private final int[] bound;
    private final int[] keys;
    private final int[] results;
    private final int[] keysInResults;

    /**
     * @param handlers one per {@link Table#columns()} column, in the same order
     */
    public UpsertExecutor(Dialect dialect, Table table, List<ValueHandler> handlers) {
        if (handlers.size() != table.columns().size()) {
            throw new IllegalArgumentException("one handler per column: " + handlers.size() + " for "
                    + table.columns().size() + " columns");
        }
        this.dialect = dialect;
        this.table = table;
        this.handlers = List.copyOf(handlers);
        this.bound = indexes(table, table.bound());
        this.keys = InputRows.keyIndexes(table);
        this.results = indexes(table, table.results());
        this.keysInResults = table.keys().stream().mapToInt(table.results()::indexOf).toArray();
    }

    /** What a call wrote: counts and one result per row, in row order. */
    public record Written(UpsertResult result, List<RowResult> rows) {
    }

    public Written execute(Connection connection, List<Row> rows, boolean skipUnchanged, int chunkSize)
            throws SQLException {
        int perStatement = dialect.rowsPerStatement(table, chunkSize);
        List<RowResult> outcomes = new ArrayList<>(rows.size());
        UpsertResult total = UpsertResult.EMPTY;
        PreparedStatement full = null;
        try {
            for (int from = 0; from < rows.size(); from += perStatement) {
                List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
                if (chunk.size() == perStatement && full == null) {
                    full = connection.prepareStatement(sql(chunk.size(), skipUnchanged));
                }
                UpsertResult counted = chunk.size() == perStatement
                        ? chunk(connection, full, chunk, outcomes)
                        : withStatement(connection, chunk, skipUnchanged, outcomes);
                total = total.plus(counted);
            }
        } finally {
            if (full != null) {
                full.close();
            }
        }
        LOG.debug("Upserted {} rows into {}: {}", rows.size(), table.displayName(), total);
        return new Written(total, outcomes);
    }

    private UpsertResult withStatement(Connection connection, List<Row> chunk, boolean skipUnchanged,
                                       List<RowResult> outcomes) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql(chunk.size(), skipUnchanged))) {
            return chunk(connection, statement, chunk, outcomes);
        }
    }

    private String sql(int rows, boolean skipUnchanged) {
        String sql = dialect.upsert(table, skipUnchanged, rows);
        if (LOG.isTraceEnabled()) {
            LOG.trace("{}", sql);
        }
        return sql;
    }

    private UpsertResult chunk(Connection connection, PreparedStatement upsert, List<Row> chunk,
                               List<RowResult> outcomes) throws SQLException {
        int index = 1;
        for (Row row : chunk) {
            for (int column : bound) {
                handlers.get(column).bind(upsert, index++, row.values()[column]);
            }
        }
        return dialect.reportsChanges() ? reported(connection, upsert, chunk, outcomes)
                : counted(connection, upsert, chunk, outcomes);
    }

    /** The statement returns each row it wrote, with a flag for inserts; the rest were unchanged. */
    private UpsertResult reported(Connection connection, PreparedStatement upsert, List<Row> chunk,
                                  List<RowResult> outcomes) throws SQLException {
        Map<Key, Row> byKey = byKey(chunk);
        Map<Key, RowResult> written = new HashMap<>(chunk.size() * 2);
        long inserted = 0;
        try (ResultSet rs = upsert.executeQuery()) {
            int flag = results.length + 1;
            while (rs.next()) {
                Object[] values = read(rs);
                Row row = find(byKey, values);
                boolean insert = rs.getBoolean(flag);
                inserted += insert ? 1 : 0;
                written.put(row.key(), new RowResult(row, insert ? RowResult.Status.INSERTED : RowResult.Status.UPDATED, values));
            }
        }
        List<Row> unchanged = chunk.stream().filter(r -> !written.containsKey(r.key())).toList();
        Map<Key, Object[]> stored = readBack() ? select(connection, unchanged) : Map.of();
        for (Row row : chunk) {
            RowResult result = written.get(row.key());
            outcomes.add(result != null ? result : new RowResult(row, RowResult.Status.UNCHANGED, stored.get(row.key())));
        }
        return new UpsertResult(inserted, written.size() - inserted, unchanged.size(), 0);
    }

    /**
     * The statement reports only how many rows it wrote: the keys present before it, read in the
     * same transaction, tell inserts from updates.
     */
    private UpsertResult counted(Connection connection, PreparedStatement upsert, List<Row> chunk,
                                 List<RowResult> outcomes) throws SQLException {
        Set<Key> existing = new HashSet<>(select(connection, chunk).keySet());
        int written = upsert.executeUpdate();
        long inserted = chunk.size() - existing.size();
        long updated = written - inserted;
        if (updated < 0 || updated > existing.size()) {
            throw new SQLException("The upsert into " + table.displayName() + " wrote " + written + " rows where "
                    + inserted + " keys were absent and " + existing.size()
                    + " present: the table was changed concurrently; retry the call.");
        }
        Map<Key, Object[]> stored = readBack() ? select(connection, chunk) : Map.of();
        for (Row row : chunk) {
            outcomes.add(new RowResult(row, existing.contains(row.key()) ? RowResult.Status.MATCHED
                    : RowResult.Status.INSERTED, stored.get(row.key())));
        }
        return new UpsertResult(inserted, updated, existing.size() - updated, 0);
    }

    /** Whether rows have values to read back beyond the key the caller already has. */
    private boolean readBack() {
        return results.length > keys.length;
    }

    private Map<Key, Object[]> select(Connection connection, List<Row> rows) throws SQLException {
        Map<Key, Object[]> found = new HashMap<>(rows.size() * 2);
        if (rows.isEmpty()) {
            return found;
        }
        try (PreparedStatement select = connection.prepareStatement(dialect.selectByKeys(table, rows.size()))) {
            int index = 1;
            for (Row row : rows) {
                for (int key : keys) {
                    handlers.get(key).bind(select, index++, row.values()[key]);
                }
            }
            Map<Key, Row> byKey = byKey(rows);
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    Object[] values = read(rs);
                    found.put(find(byKey, values).key(), values);
                }
            }
        }
        return found;
    }

    private Object[] read(ResultSet rs) throws SQLException {
        Object[] values = new Object[results.length];
        for (int i = 0; i < results.length; i++) {
            values[i] = handlers.get(results[i]).extract(rs, i + 1);
        }
        return values;
    }

    private static Map<Key, Row> byKey(List<Row> rows) {
        Map<Key, Row> byKey = new HashMap<>(rows.size() * 2);
        rows.forEach(row -> byKey.put(row.key(), row));
        return byKey;
    }

    private Row find(Map<Key, Row> rows, Object[] values) {
        Key key = Key.of(values, keysInResults);
        Row row = rows.get(key);
        if (row != null) {
            return row;
        }
        throw new IllegalStateException("The database returned key " + key + " of " + table.displayName()
                + ", which this chunk did not send: the natural-key column types do not round-trip their values"
                + " (for example a timestamp with more precision than the column keeps).");
    }

    private static int[] indexes(Table table, List<Column> columns) {
        return columns.stream().mapToInt(table.columns()::indexOf).toArray();
    }
}
