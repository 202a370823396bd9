package dev.upsert.dialect;

import java.util.List;
import java.util.StringJoiner;

/**
 * Renders the SQL of an upsert for one database. Pure: a table model in, SQL text out; values are
 * always bound parameters, identifiers always quoted.
 */
public interface Dialect {

    String name();

    /** The identifier quoted by this database's rules. */
    String quote(String identifier);

    /** What the upsert statement tells about the rows it wrote, which decides how they are counted. */
    enum Reporting {
        /**
         * A query returning one row per inserted or updated row: the {@link Table#results()}
         * columns, then a boolean that is true for an insert.
         */
        RETURNING,
        /** An update count of the rows inserted plus the rows updated (MERGE). */
        MERGED_COUNT,
        /**
         * MySQL's {@code ON DUPLICATE KEY UPDATE} count: 1 per insert, 2 per update, and per row
         * left as it was 0, or 1 when the driver reports found rather than affected rows; or,
         * where {@link #returningEveryRow} gives a clause, every row as the statement left it.
         */
        DUPLICATE_KEY_COUNT,
        /** No single statement: {@link #update} and {@link #insert} run as JDBC batches. */
        SEPARATE_STATEMENTS
    }

    /**
     * The statement that upserts {@code rows} rows. Each row binds one value per
     * {@link Table#bound()} column, in that order, rows in the order given. What it returns is
     * described by {@link #reporting()}.
     */
    String upsert(Table table, boolean skipUnchanged, int rows);

    Reporting reporting();

    /**
     * The upsert binding one array per {@link Table#bound()}
     * column (each holding that column's values, rows in order), for any number of rows; or null
     * where the database or the table does not allow it. A dialect that returns one writes its
     * array parameters with {@link #arrayParameter}.
     */
    default String upsertArrays(Table table, boolean skipUnchanged) {
        return null;
    }

    /**
     * One array parameter of {@link #upsertArrays} or {@link #selectByKeyArrays}: the column's
     * values, to be bound with {@code setObject}; a {@code String} is text the database parses,
     * bound as JDBC {@code Types.OTHER}. It is built without the connection, so that the next
     * chunk's arrays can be built while the connection runs the current one.
     *
     * @param values the column's values, each null or one {@link #arrayElements} accepts
     * @return the parameter, or null where it would pass what the database takes in one value
     *         (the chunk is then bound value by value)
     */
    default Object arrayParameter(Column column, Object[] values) {
        throw new UnsupportedOperationException(name() + " takes no array parameters");
    }

    /**
     * Which non-null values can travel in an array parameter of the column as they would one by
     * one; where one cannot, the chunk holding it is bound value by value. Asked once per column
     * and chunk, the test then once per value.
     */
    default java.util.function.Predicate<Object> arrayElements(Column column) {
        return value -> false;
    }

    /**
     * Whether the upsert matches a row by any unique key of the table rather than by the natural
     * key alone (MySQL's ON DUPLICATE KEY): such a table may have no other unique key than its
     * primary key and the natural key.
     */
    default boolean matchesAnyUniqueKey() {
        return false;
    }

    /**
     * A clause that makes an {@link Reporting#DUPLICATE_KEY_COUNT} upsert return every row it
     * inserted, updated or left alone, with these columns as the statement left them, in input
     * order; null where the database cannot.
     */
    default String returningEveryRow(List<Column> columns) {
        return null;
    }

    /** The digits of a second that the database, through its driver, keeps of a time by default. */
    default int fractionalSecondDigits() {
        return 6;
    }

    /**
     * Whether a time with more fractional digits than the database keeps is rounded to the
     * nearest, a half up (true), or cut (false: MariaDB, SQLite).
     */
    default boolean roundsFractionalSeconds() {
        return true;
    }

    /**
     * A query of one boolean: whether this session rounds a time's extra digits rather than
     * cutting them, where a setting of the session decides it (MariaDB's {@code sql_mode}); null
     * where {@link #roundsFractionalSeconds()} holds.
     */
    default String roundsFractionalSecondsQuery() {
        return null;
    }

    /**
     * A query of the most bytes the server takes in one statement, whose statements travel with
     * their values written into them (MySQL and MariaDB: {@code max_allowed_packet}); null where
     * only the parameter limit counts.
     */
    default String maxStatementBytesQuery() {
        return null;
    }

    /**
     * A query of a table's text columns and their collations, one row each (column name, collation
     * name), taking the table's schema (or, without schemas, its catalog) and name as parameters;
     * null where collations are not read. The library then refuses keys that the collation takes
     * as one, before writing.
     */
    default String collationsQuery() {
        return null;
    }

    /**
     * A query of a table's unique indexes, one row per key column (index name, column name or
     * the column's expression, filter or null, and null or why the upsert cannot use the index:
     * {@code invalid}, {@code deferrable}),
     * taking the same parameters as {@link #collationsQuery()}; null where the driver's metadata
     * tells all that counts. PostgreSQL's reports an index's {@code INCLUDE} columns as key
     * columns and keeps quiet about deferrable ones, which ON CONFLICT cannot use.
     */
    default String uniqueIndexesQuery() {
        return null;
    }

    /**
     * Whether the upsert matches rows through the unique index itself, as an arbiter (PostgreSQL's
     * and SQLite's ON CONFLICT), which must then check at each statement: not a deferrable one.
     */
    default boolean matchesByArbiter() {
        return false;
    }

    /**
     * A query of the schema where an unqualified table name (the parameter) resolves, no row where
     * it resolves nowhere; null where that is the connection's schema. PostgreSQL finds it along
     * the {@code search_path}, whose first schema is not always the table's.
     */
    default String tableSchemaQuery() {
        return null;
    }

    /**
     * A query of a table's unique indexes that hold a prefix of a column only (one row each: the
     * index's name), taking the same parameters as {@link #collationsQuery()}; null where indexes
     * cover whole columns.
     */
    default String prefixIndexesQuery() {
        return null;
    }

    /**
     * Whether a time column of this type keeps the digits of a second its metadata reports, in
     * steps of one such digit: not SQL Server's {@code datetime} (steps of 1/300 s) or
     * {@code smalldatetime} (whole minutes), whose times are left to the database.
     */
    default boolean keepsReportedFractionalDigits(String typeName) {
        return true;
    }

    /** Whether a text column of this type holds its reported size in bytes (of UTF-8) rather than in characters. */
    default boolean sizesTextInBytes(String typeName) {
        return false;
    }

    /**
     * A query of the type of the values a column's own sequence (identity or serial) gives, as
     * SQL names it, taking the qualified table name and the column name as parameters; no row
     * where the column has none. Null where the database has no such sequences.
     */
    default String sequenceTypeQuery() {
        return null;
    }

    /**
     * Whether the columns' declared types are worth comparing with the mapping; not where any
     * column takes any value (SQLite).
     */
    default boolean checksColumnTypes() {
        return true;
    }

    /** Whether a text column takes the NUL character (PostgreSQL's do not). */
    default boolean acceptsNulInText() {
        return true;
    }

    /**
     * For {@link Reporting#SEPARATE_STATEMENTS}: an UPDATE of one existing row, binding the
     * {@link Table#updated()} columns that take a value, then the key columns; with
     * {@code skipUnchanged}, it updates only when a compared column differs, binding those values
     * once more after the key.
     */
    default String update(Table table, boolean skipUnchanged) {
        throw new UnsupportedOperationException(name() + " upserts in one statement");
    }

    /**
     * An INSERT of one row, binding the {@link Table#bound()} columns; a generated id takes its
     * expression, or is left to the column's default.
     */
    default String insert(Table table) {
        StringJoiner columns = new StringJoiner(", ", "INSERT INTO " + qualifiedName(table) + " (", ")");
        StringJoiner values = new StringJoiner(", ", " VALUES (", ")");
        for (Column column : table.columns()) {
            if (column.writeExpression() != null) {
                columns.add(quote(column.name()));
                values.add(column.writeExpression());
            }
        }
        return columns + values.toString();
    }

    /** Most bind parameters one statement may carry. */
    int maxParameters();

    /**
     * Selects {@code columns} of the rows with the given keys; binds one value per key column for
     * each of {@code rows} keys. With {@code lock}, a locking read of the latest committed rows.
     */
    default String selectByKeys(Table table, List<Column> columns, int rows, boolean lock) {
        return selectByKeys(table, columns, List.of(), rows, lock);
    }

    /**
     * As {@link #selectByKeys(Table, List, int, boolean)}, among the rows that match every filter
     * (bound first); with no keys ({@code rows} 0), every row that matches them.
     */
    default String selectByKeys(Table table, List<Column> columns, List<Filter> filters, int rows, boolean lock) {
        return "SELECT " + list(columns, c -> quote(c.name()), "", "") + " FROM " + qualifiedName(table)
                + where(table, filters, rows) + (lock ? lockClause() : "");
    }

    /** {@code WHERE} every filter and, for {@code rows} above 0, {@link #keyIn}; empty for neither. */
    default String where(Table table, List<Filter> filters, int rows) {
        StringJoiner where = new StringJoiner(" AND ", " WHERE ", "").setEmptyValue("");
        filters.forEach(f -> where.add(f.render(this)));
        if (rows > 0) {
            where.add(keyIn(table, rows));
        }
        return where.toString();
    }

    /**
     * As {@link #selectByKeys(Table, List, int, boolean)}, not locking, with one array parameter
     * per key column holding the keys, so that one statement text serves any number of keys; or
     * null where the database does not take arrays.
     */
    default String selectByKeyArrays(Table table, List<Column> columns) {
        return null;
    }

    /**
     * A query that takes one transaction-scoped lock per value of its single {@code bigint[]}
     * parameter, in ascending order, released when the transaction ends; or null where the
     * database has no such locks. Writers that lock what they are about to read wait for each
     * other, and as every writer locks in one order, none deadlocks.
     */
    default String lockHashes() {
        return null;
    }

    /**
     * Whether a read that must see what other transactions committed since this one first read
     * is a locking read: InnoDB's plain reads see the transaction's first snapshot under
     * REPEATABLE READ. Everywhere but where advisory locks guard the writers (PostgreSQL, whose
     * plain reads see the latest rows under READ COMMITTED).
     */
    default boolean locksFreshReads() {
        return lockHashes() == null;
    }

    /** As {@link #lockHashes()}, taking shared locks, which conflict only with exclusive ones; null where there are none. */
    default String lockHashesShared() {
        return null;
    }

    /**
     * Where the database has no transaction-scoped named locks but session-scoped ones: a query
     * that takes the lock named by its one string parameter, waiting at most a minute, and
     * returns 1 when it has it; {@link #unlockName()} releases it. Null otherwise.
     */
    default String lockName() {
        return null;
    }

    /** Releases the lock {@link #lockName()} took; its one parameter is the name. */
    default String unlockName() {
        return null;
    }

    /** What makes a SELECT a locking read of the latest rows. */
    default String lockClause() {
        return " FOR UPDATE";
    }

    /** Whether unique indexes can have a WHERE clause, as a versioned history needs for "one current row per key". */
    default boolean supportsPartialIndexes() {
        return false;
    }

    /**
     * Closes the current versions of the given keys: binds the valid-to value twice, the current
     * flag's closed value, its open value, then the keys as in {@link #keyIn}. A version that
     * started after that moment (another writer's, committed meanwhile) closes where it started.
     * A {@code @Version} goes up one, as for any update: a stale copy of the version fails its flush.
     */
    default String closeByKeys(Table table, Column validFrom, Column validTo, Column current, int rows) {
        String from = quote(validFrom.name());
        StringBuilder versions = new StringBuilder();
        table.columns().stream().filter(c -> c.role() == Column.Role.VERSION)
                .forEach(c -> versions.append(", ").append(quote(c.name())).append(" = ").append(quote(c.name())).append(" + 1"));
        return "UPDATE " + qualifiedName(table) + " SET " + quote(validTo.name()) + " = CASE WHEN " + from + " < ? THEN ? ELSE "
                + from + " END, " + quote(current.name()) + " = ?" + versions + " WHERE " + quote(current.name()) + " = ? AND "
                + keyIn(table, rows);
    }

    /**
     * Updates columns of one key's current version in place (the values given, update timestamps
     * among them), and what a real update writes besides that no value is bound for (a version one
     * up, a generated value's SQL): binds the columns' values, the current flag's open value, then
     * the key columns.
     */
    default String updateCurrent(Table table, List<Column> columns, Column current) {
        StringJoiner set = new StringJoiner(", ", "UPDATE " + qualifiedName(table) + " SET ", "");
        columns.forEach(c -> set.add(quote(c.name()) + " = " + c.writeExpression()));
        table.columns().stream().filter(c -> c.role() == Column.Role.VERSION || c.generated() && c.updated())
                .forEach(c -> set.add(quote(c.name()) + " = " + (c.role() == Column.Role.VERSION ? quote(c.name()) + " + 1"
                        : c.writeExpression())));
        StringJoiner where = new StringJoiner(" AND ", " WHERE ", "");
        where.add(quote(current.name()) + " = ?");
        table.keys().forEach(k -> where.add(quote(k.name()) + " = ?"));
        return set + where.toString();
    }

    /** {@code ("k1", "k2") IN ((?, ?), ...)}: binds one value per key column for each of {@code rows} keys. */
    default String keyIn(Table table, int rows) {
        List<Column> keys = table.keys();
        String tuple = list(keys, this::keyParameter, keys.size() == 1 ? "" : "(", keys.size() == 1 ? "" : ")");
        StringJoiner in = new StringJoiner(", ", (keys.size() == 1 ? quote(keys.get(0).name())
                : list(keys, c -> quote(c.name()), "(", ")")) + " IN (", ")");
        for (int i = 0; i < rows; i++) {
            in.add(tuple);
        }
        return in.toString();
    }

    /**
     * A key value's parameter where rows are found by key ({@link #keyIn}): {@code ?}, or one typed
     * as the column, where the driver's own type would compare otherwise than the table's unique
     * index does.
     */
    default String keyParameter(Column key) {
        return "?";
    }

    /** The natural keys of the rows that match every filter (all rows without filters). */
    default String selectKeys(Table table, List<Filter> filters) {
        return "SELECT " + list(table.keys(), c -> quote(c.name()), "", "") + " FROM " + qualifiedName(table)
                + where(table, filters, 0);
    }

    /** Deletes the rows that match every filter. */
    default String delete(Table table, List<Filter> filters) {
        return delete(table, filters, 0);
    }

    /** Deletes the rows with {@code rows} keys that match every filter: binds the filters, then the keys as in {@link #keyIn}. */
    default String delete(Table table, List<Filter> filters, int rows) {
        return "DELETE FROM " + qualifiedName(table) + where(table, filters, rows);
    }

    /** Deletes the rows with the given keys, bound as in {@link #keyIn}. */
    default String deleteByKeys(Table table, int rows) {
        return "DELETE FROM " + qualifiedName(table) + " WHERE " + keyIn(table, rows);
    }

    /**
     * Marks the rows with the given keys as deleted: binds the marker's new value, the value of
     * {@code live} if it takes one, then the keys as in {@link #keyIn}.
     */
    default String softDeleteByKeys(Table table, Filter live, int rows) {
        return "UPDATE " + qualifiedName(table) + " SET " + quote(live.column().name()) + " = ? WHERE "
                + live.render(this) + " AND " + keyIn(table, rows);
    }

    default String qualifiedName(Table table) {
        return table.schema() == null ? quote(table.name()) : quote(table.schema()) + "." + quote(table.name());
    }

    /** Rows per statement that stay within both the chunk size and the parameter limit. */
    default int rowsPerStatement(Table table, int chunkSize) {
        int perRow = Math.max(1, table.bound().size());
        return Math.max(1, Math.min(chunkSize, maxParameters() / perRow));
    }

    static <T> String list(List<T> items, java.util.function.Function<T, String> render, String open, String close) {
        StringJoiner joiner = new StringJoiner(", ", open, close);
        items.forEach(item -> joiner.add(render.apply(item)));
        return joiner.toString();
    }
}
