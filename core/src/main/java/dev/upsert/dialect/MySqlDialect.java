package dev.upsert.dialect;

import java.util.StringJoiner;

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

    @Override
    public String upsert(Table table, boolean skipUnchanged, int rows) {
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
        if (rowAlias) {
            sql.append(" AS ").append(quote(ALIAS));
        }
        return sql.append(" ON DUPLICATE KEY UPDATE ").append(Sql.duplicateKeyAssignments(this, table, skipUnchanged,
                c -> rowAlias ? quote(ALIAS) + "." + quote(c.name()) : "VALUES(" + quote(c.name()) + ")")).toString();
    }
}
