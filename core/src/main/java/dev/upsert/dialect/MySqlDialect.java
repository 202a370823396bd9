package dev.upsert.dialect;

/**
 * MySQL: {@code INSERT ... VALUES (...), (...) ON DUPLICATE KEY UPDATE col = IF(changed, new, old)}.
 * From 8.0.19 the new values are read through a row alias ({@code VALUES (...) AS new ...
 * new.col}); before, through the {@code VALUES(col)} function that 8.0.20 deprecates.
 *
 * <p>Not yet run against a live MySQL server: the statement is checked by unit tests, and its
 * MariaDB sibling by the live suite.
 */
public final class MySqlDialect extends DuplicateKeyDialect {

    private static final String ALIAS = "new";

    private final boolean rowAlias;

    /** @param rowAlias whether the server takes a row alias after VALUES (MySQL 8.0.19 and later) */
    public MySqlDialect(boolean rowAlias) {
        this.rowAlias = rowAlias;
    }

    @Override
    public String name() {
        return rowAlias ? "MySQL" : "MySQL (before 8.0.19)";
    }

    /** MySQL rounds a time's extra digits unless its sql_mode has TIME_TRUNCATE_FRACTIONAL. */
    @Override
    public String roundsFractionalSecondsQuery() {
        return "SELECT @@sql_mode NOT LIKE '%TIME_TRUNCATE_FRACTIONAL%'";
    }

    @Override
    public String upsert(Table table, boolean skipUnchanged, int rows) {
        return insertValues(table, skipUnchanged, rows, rowAlias ? ALIAS : null);
    }
}
