package dev.upsert.dialect;

import java.util.StringJoiner;

/**
 * What the MySQL family shares: backtick quoting, {@code ON DUPLICATE KEY UPDATE}, which matches a
 * row by any unique key and reports a count that mixes inserts, updates and untouched rows.
 */
abstract class DuplicateKeyDialect implements Dialect {

    @Override
    public String quote(String identifier) {
        return Sql.quoteWith(identifier, '`');
    }

    @Override
    public Reporting reporting() {
        return Reporting.DUPLICATE_KEY_COUNT;
    }

    @Override
    public boolean matchesAnyUniqueKey() {
        return true;
    }

    @Override
    public String lockName() {
        return "SELECT GET_LOCK(?, 60)";
    }

    @Override
    public String unlockName() {
        return "SELECT RELEASE_LOCK(?)";
    }

    @Override
    public int maxParameters() {
        return 32_767;
    }

    /** {@code TINYTEXT} to {@code LONGTEXT} hold bytes (255 to 4 GB); a {@code VARCHAR(n)} holds n characters. */
    @Override
    public boolean sizesTextInBytes(String typeName) {
        return typeName != null && typeName.toUpperCase(java.util.Locale.ROOT).endsWith("TEXT");
    }

    /**
     * At most 1,000 rows a statement (fewer where wide rows would pass the server's
     * {@code max_allowed_packet}, see {@link #maxStatementBytesQuery}): more were no faster
     * (measured at 5,000).
     */
    @Override
    public int rowsPerStatement(Table table, int chunkSize) {
        return Math.min(MAX_ROWS_PER_STATEMENT, Dialect.super.rowsPerStatement(table, chunkSize));
    }

    private static final int MAX_ROWS_PER_STATEMENT = 1_000;

    @Override
    public String maxStatementBytesQuery() {
        return "SELECT @@max_allowed_packet";
    }

    @Override
    public String collationsQuery() {
        return "SELECT COLUMN_NAME, COLLATION_NAME FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?";
    }

    @Override
    public String prefixIndexesQuery() {
        return "SELECT DISTINCT INDEX_NAME FROM information_schema.STATISTICS WHERE TABLE_SCHEMA = COALESCE(?, DATABASE())"
                + " AND TABLE_NAME = ? AND NON_UNIQUE = 0 AND SUB_PART IS NOT NULL";
    }

    /**
     * {@code INSERT ... VALUES (...), (...) ON DUPLICATE KEY UPDATE col = IF(changed, new, old)},
     * the new values read through a row alias ({@code VALUES (...) AS alias ... alias.col}), or
     * through the {@code VALUES(col)} function where {@code alias} is null.
     */
    String insertValues(Table table, boolean skipUnchanged, int rows, String alias) {
        StringJoiner columns = new StringJoiner(", ", " (", ")");
        StringJoiner row = new StringJoiner(", ", "(", ")");
        for (Column column : table.columns()) {
            if (column.bound() || column.writeExpression() != null) {
                columns.add(quote(column.name()));
                row.add(column.writeExpression());
            }
        }
        StringBuilder sql = new StringBuilder(256 + rows * row.length())
                .append("INSERT INTO ").append(qualifiedName(table)).append(columns).append(" VALUES ");
        for (int i = 0; i < rows; i++) {
            sql.append(i == 0 ? "" : ", ").append(row);
        }
        if (alias != null) {
            sql.append(" AS ").append(quote(alias));
        }
        return sql.append(" ON DUPLICATE KEY UPDATE ").append(Sql.duplicateKeyAssignments(this, table, skipUnchanged,
                c -> alias != null ? quote(alias) + "." + quote(c.name()) : "VALUES(" + quote(c.name()) + ")")).toString();
    }
}
