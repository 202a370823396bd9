package dev.upsert.jdbc;

import dev.upsert.Scope;
import dev.upsert.UpsertResult;
import dev.upsert.dialect.Column;
import dev.upsert.dialect.Dialect;
import dev.upsert.dialect.Filter;
import dev.upsert.dialect.Table;

import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Writes a versioned history (SCD type 2), chunk by chunk, in the caller's transaction. For each
 * key: none current, its first version is inserted; a tracked value changed, the current version
 * is closed and a new one inserted; only untracked values changed, they are updated in place on
 * the current version; nothing changed, nothing is written. Counts are per key: inserted (new
 * keys), updated (new version or in-place change), unchanged.
 *
 * <p>The current versions are read with a locking read, so a concurrent writer of the same keys
 * waits, and values are compared as read back from the table against the new ones (decimals by
 * value, times as the database keeps them).
 */
public final class HistoryExecutor {

    /**
     * The columns that make a history.
     *
     * @param validFromKept how the validity columns keep a time where one keeps fewer digits of a
     *                      second than the driver sends ({@code timestamp(0)}), the coarser of the
     *                      two, else null
     */
    public record Columns(Column validFrom, Column validTo, Column current, List<Column> tracked, List<Column> untracked,
                          TableInspector.Limit.Time validFromKept) {
    }

    private final Dialect dialect;
    private final Table table;
    private final List<ValueHandler> handlers;
    private final Columns history;
    /** A natural key as the table compares it. */
    private final java.util.function.UnaryOperator<Key> compared;
    private final int[] keys;
    private final List<Column> read;
    private final int[] keysInRead;
    private final Compared tracked;
    private final Compared untracked;
    /** The digits of a second that the database keeps of a time, and whether it rounds to them. */
    private final int timeDigits;
    private final boolean roundsTimes;
    /** How the valid-from column keeps a time: as its limit says, else to the dialect's digits. */
    private final TableInspector.Limit.Time validFromKept;

    /** @param handlers one per {@link Table#columns()} column, in the same order */
    public HistoryExecutor(Dialect dialect, Table table, List<ValueHandler> handlers, Columns history) {
        this(dialect, table, handlers, history, java.util.function.UnaryOperator.identity());
    }

    /** @param compared a natural key as the table compares it (text folded by its collation) */
    public HistoryExecutor(Dialect dialect, Table table, List<ValueHandler> handlers, Columns history,
                           java.util.function.UnaryOperator<Key> compared) {
        this.compared = compared;
        this.dialect = dialect;
        this.table = table;
        this.handlers = List.copyOf(handlers);
        this.history = history;
        this.keys = InputRows.keyIndexes(table);
        List<Column> columns = new ArrayList<>(table.results());
        history.tracked().stream().filter(c -> !columns.contains(c)).forEach(columns::add);
        history.untracked().stream().filter(c -> !columns.contains(c)).forEach(columns::add);
        if (!columns.contains(history.validFrom())) {
            columns.add(history.validFrom());
        }
        this.read = List.copyOf(columns);
        this.keysInRead = table.keys().stream().mapToInt(read::indexOf).toArray();
        this.timeDigits = dialect.fractionalSecondDigits();
        this.roundsTimes = dialect.roundsFractionalSeconds();
        this.validFromKept = history.validFromKept() != null ? history.validFromKept() : TableInspector.Limit.Time.asSent(dialect);
        this.tracked = compared(history.tracked());
        this.untracked = compared(history.untracked());
    }

    /**
     * @param rows       each row's values, the validity columns already set for a new version
     * @param now        the valid-to value of the versions this call closes
     * @param open       the current flag's value for the current version (true)
     * @param closed     the current flag's value for closed versions (false)
     */
    public UpsertExecutor.Written write(Connection connection, List<Row> rows, Object now, Object open, Object closed,
                                        int chunkSize) throws SQLException {
        // Where the database has named locks, a concurrent writer of the same keys waits here until
        // this transaction ends, and then reads the versions it wrote: a key that had no version
        // yet cannot get two first versions, nor a current version two successors.
        // (MySQL and MariaDB have only session-scoped named locks, which the caller holds per table.)
        Locks.lockKeys(connection, dialect, table, rows, compared);
        now = kept(now);
        List<RowResult> outcomes = new ArrayList<>(rows.size());
        long inserted = 0;
        long updated = 0;
        int perStatement = dialect.rowsPerStatement(table, chunkSize);
        int validFrom = table.columns().indexOf(history.validFrom());
        int validFromInRead = read.indexOf(history.validFrom());
        int reported = table.results().size();
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
            Map<Key, Object[]> current = currentVersions(connection, chunk, open, true);
            List<Row> fresh = new ArrayList<>();
            List<Row> superseded = new ArrayList<>();
            List<Row> corrected = new ArrayList<>();
            for (Row row : chunk) {
                Object[] stored = current.get(row.key());
                if (stored == null) {
                    fresh.add(row);
                } else if (differs(stored, row, tracked)) {
                    superseded.add(row);
                } else if (differs(stored, row, untracked)) {
                    corrected.add(row);
                }
            }
            // Each superseded key's new version starts after the one it closes, each key's own way
            // (usually now for all): one key's later start does not move the others'.
            Map<Object, List<Row>> byStart = new java.util.LinkedHashMap<>();
            for (Row row : superseded) {
                byStart.computeIfAbsent(after(current.get(row.key())[validFromInRead], now, validFromKept),
                        start -> new ArrayList<>()).add(row);
            }
            for (Map.Entry<Object, List<Row>> starting : byStart.entrySet()) {
                close(connection, starting.getValue().stream().map(Row::key).toList(), starting.getKey(), open, closed);
                starting.getValue().forEach(row -> row.values()[validFrom] = starting.getKey());
            }
            updateInPlace(connection, corrected, open);
            for (Row row : fresh) {
                row.values()[validFrom] = now;
            }
            List<Row> versions = new ArrayList<>(fresh);
            versions.addAll(superseded);
            insert(connection, versions);
            inserted += fresh.size();
            updated += superseded.size() + corrected.size();

            // A key left unchanged may have a newer version than this transaction's first read saw.
            Map<Key, Object[]> after = currentVersions(connection, chunk, open, dialect.locksFreshReads());
            Map<Row, RowResult.Status> statuses = new java.util.IdentityHashMap<>();
            fresh.forEach(row -> statuses.put(row, RowResult.Status.INSERTED));
            superseded.forEach(row -> statuses.put(row, RowResult.Status.UPDATED));
            corrected.forEach(row -> statuses.put(row, RowResult.Status.UPDATED));
            for (Row row : chunk) {
                RowResult.Status status = statuses.getOrDefault(row, RowResult.Status.UNCHANGED);
                Object[] values = after.get(row.key());
                outcomes.add(new RowResult(row, status, values == null ? null : Arrays.copyOf(values, reported)));
            }
        }
        return new UpsertExecutor.Written(new UpsertResult(inserted, updated, rows.size() - inserted - updated, 0), outcomes);
    }

    /** Closes the current versions of these keys (a SYNC's vanished keys); returns how many it closed. */
    public long close(Connection connection, List<Key> toClose, Object now, Object open, Object closed) throws SQLException {
        now = kept(now);
        long done = 0;
        int perStatement = Math.max(1, Math.min(1_000, (dialect.maxParameters() - 4) / keys.length));
        for (int from = 0; from < toClose.size(); from += perStatement) {
            List<Key> chunk = toClose.subList(from, Math.min(toClose.size(), from + perStatement));
            try (PreparedStatement update = connection.prepareStatement(
                    dialect.closeByKeys(table, history.validFrom(), history.validTo(), history.current(), chunk.size()))) {
                int index = 1;
                handler(history.validTo()).bind(update, index++, now);
                handler(history.validTo()).bind(update, index++, now);
                handler(history.current()).bind(update, index++, closed);
                handler(history.current()).bind(update, index++, open);
                for (Key key : chunk) {
                    for (int i = 0; i < keys.length; i++) {
                        handlers.get(keys[i]).bind(update, index++, key.values().get(i));
                    }
                }
                done += update.executeLargeUpdate();
            }
        }
        return done;
    }

    private Map<Key, Object[]> currentVersions(Connection connection, List<Row> chunk, Object open, boolean lock)
            throws SQLException {
        Map<Key, Object[]> found = new HashMap<>(chunk.size() * 2);
        String sql = dialect.selectByKeys(table, read, List.of(new Filter(history.current(), Scope.Operator.EQ)),
                chunk.size(), lock);
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            int index = 1;
            handler(history.current()).bind(select, index++, open);
            for (Row row : chunk) {
                for (int key : keys) {
                    handlers.get(key).bind(select, index++, row.values()[key]);
                }
            }
            Map<Key, Row> byKey = new HashMap<>();
            chunk.forEach(r -> byKey.put(compared.apply(r.key()), r));
            try (var rs = select.executeQuery()) {
                while (rs.next()) {
                    Object[] values = new Object[read.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = handler(read.get(i)).extract(rs, i + 1);
                    }
                    Key key = Key.of(values, keysInRead);
                    Row row = byKey.get(compared.apply(key));
                    if (row == null) {
                        // Left out, the key's current version would be opened again beside it.
                        throw UpsertExecutor.notSent(table, key);
                    }
                    found.put(row.key(), values);
                }
            }
        }
        return found;
    }

    /**
     * Columns to compare: where each stands in a stored row (as read) and in an input row, and
     * whether it is a fixed-length text column, whose trailing spaces do not count.
     */
    private record Compared(int[] inRead, int[] inRow, boolean[] padded) {
    }

    private Compared compared(List<Column> columns) {
        boolean[] padded = new boolean[columns.size()];
        for (int i = 0; i < padded.length; i++) {
            String type = columns.get(i).sqlType() == null ? "" : columns.get(i).sqlType().toLowerCase(java.util.Locale.ROOT);
            padded[i] = type.equals("bpchar") || type.equals("char") || type.equals("character") || type.equals("nchar");
        }
        return new Compared(columns.stream().mapToInt(read::indexOf).toArray(),
                columns.stream().mapToInt(table.columns()::indexOf).toArray(), padded);
    }

    private boolean differs(Object[] stored, Row row, Compared columns) {
        for (int i = 0; i < columns.inRead().length; i++) {
            Object before = stored[columns.inRead()[i]];
            Object after = row.values()[columns.inRow()[i]];
            // A char(n) column reads back padded with spaces, and compares as if it were not.
            boolean same = columns.padded()[i] && before instanceof String a && after instanceof String b
                    ? TableInspector.withoutTrailingSpaces(a).equals(TableInspector.withoutTrailingSpaces(b))
                    : same(before, after, timeDigits, roundsTimes);
            if (!same) {
                return true;
            }
        }
        return false;
    }

    private void updateInPlace(Connection connection, List<Row> rows, Object open) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        // The untracked values, and the update timestamps an update moves.
        List<Column> bound = new ArrayList<>(history.untracked());
        table.columns().stream().filter(c -> c.role() == Column.Role.TOUCH).forEach(bound::add);
        try (PreparedStatement update = connection.prepareStatement(dialect.updateCurrent(table, bound, history.current()))) {
            for (Row row : rows) {
                int index = 1;
                for (Column column : bound) {
                    handler(column).bind(update, index++, row.values()[table.columns().indexOf(column)]);
                }
                handler(history.current()).bind(update, index++, open);
                for (int key : keys) {
                    handlers.get(key).bind(update, index++, row.values()[key]);
                }
                update.addBatch();
            }
            update.executeBatch();
        }
    }

    private void insert(Connection connection, List<Row> rows) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        int[] bound = table.bound().stream().mapToInt(table.columns()::indexOf).toArray();
        try (PreparedStatement insert = connection.prepareStatement(dialect.insert(table))) {
            for (Row row : rows) {
                int index = 1;
                for (int column : bound) {
                    handlers.get(column).bind(insert, index++, row.values()[column]);
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private ValueHandler handler(Column column) {
        return handlers.get(table.columns().indexOf(column));
    }

    /** A time as the valid-from column keeps it: a version's start and its predecessor's end are one value. */
    private Object kept(Object time) {
        return validFromKept.fit(time);
    }

    /** A time as bound, with no digits dropped: for a time of day, Hibernate's milliseconds. */
    private static final TableInspector.Limit.Time AS_BOUND = new TableInspector.Limit.Time(9, 9, true);

    /**
     * {@code now}, or the next time the valid-from column can hold after the start of the version
     * it closes (a microsecond later; a second in a {@code timestamp(0)}) where {@code now} is not
     * later: a writer that took its time before another writer's version committed, or a version
     * that follows another within the column's least step, still starts after it, so a key's
     * versions never overlap nor share a start.
     *
     * @param kept how the column keeps times
     */
    static Object after(Object versionStart, Object now, TableInspector.Limit.Time kept) {
        long unit = (long) Math.pow(10, 9 - kept.digits());
        Object start = compared(versionStart, kept.digits(), false);
        Object time = compared(now, kept.digits(), false);
        if (start == null || time == null || start.getClass() != time.getClass() || !(start instanceof Comparable)) {
            return now;
        }
        @SuppressWarnings("unchecked")
        boolean later = ((Comparable<Object>) start).compareTo(time) < 0;
        if (later) {
            return now;
        }
        // The start of the column's next step after the version's own.
        Object step = TableInspector.Limit.Time.kept(versionStart, kept.digits(), false);
        if (step instanceof java.sql.Timestamp timestamp) {
            return java.sql.Timestamp.from(timestamp.toInstant().plusNanos(unit));
        }
        return step instanceof Temporal temporal && temporal.isSupported(ChronoUnit.NANOS) ? temporal.plus(unit, ChronoUnit.NANOS) : now;
    }

    /**
     * Equal as the database keeps them: decimals by value, arrays by content, times to the
     * database's fraction of a second ({@code unit}, in nanoseconds), rounded half up or cut as it
     * does it.
     */
    static boolean same(Object stored, Object incoming, int digits, boolean round) {
        if (stored instanceof BigDecimal a && incoming instanceof BigDecimal b) {
            return a.compareTo(b) == 0;
        }
        if (stored instanceof Number a && incoming instanceof Number b && !(a instanceof BigDecimal) && !(b instanceof BigDecimal)) {
            return a.getClass() == b.getClass() ? a.equals(b) : a.doubleValue() == b.doubleValue();
        }
        // A date column keeps the day of a java.util.Date, in the JVM's zone, as JDBC sends it.
        if (stored instanceof java.sql.Date day && incoming instanceof java.util.Date date && !(incoming instanceof java.sql.Date)) {
            return day.toLocalDate().equals(new java.sql.Date(date.getTime()).toLocalDate());
        }
        return Arrays.deepEquals(new Object[] {compared(stored, digits, round)},
                new Object[] {compared(incoming, digits, round)});
    }

    /**
     * A time as kept to {@code digits} of a second, as compared: an instant whatever its offset; a
     * time of day first as Hibernate binds it, milliseconds a half up, where no column limit fit
     * it before.
     */
    private static Object compared(Object value, int digits, boolean round) {
        Object time = value instanceof OffsetDateTime offset ? offset.toInstant()
                : value instanceof java.time.ZonedDateTime zoned ? zoned.toInstant()
                : value instanceof java.sql.Timestamp timestamp ? timestamp.toInstant()
                : value instanceof java.util.Calendar calendar ? calendar.toInstant()
                // A plain java.util.Date, as a timestamp column holds it (its java.sql.Date and Time subtypes have no instant).
                : value instanceof java.util.Date date && !(date instanceof java.sql.Date) && !(date instanceof java.sql.Time)
                ? java.time.Instant.ofEpochMilli(date.getTime())
                : value instanceof LocalTime local ? AS_BOUND.fit(local) : value;
        return TableInspector.Limit.Time.kept(time, digits, round);
    }
}
