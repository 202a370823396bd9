package dev.upsert.dialect;

import java.util.List;
import java.util.StringJoiner;

/**
 * MariaDB: {@code INSERT ... SELECT ... FROM (SELECT ? ... UNION ALL ...) ... ON DUPLICATE KEY
 * UPDATE col = IF(changed, new, old)}.
 *
 * <p>The input is a derived table rather than a VALUES list so that a sequence id can be proposed
 * as {@code COALESCE(existing id, NEXTVAL(...))}, taking a value only for absent keys; the update
 * clause reads the new values from the derived table's columns, which also avoids the deprecated
 * {@code VALUES(col)} function. An AUTO_INCREMENT id is left to the column.
 */
public final class MariaDbDialect extends DuplicateKeyDialect {

    @Override
    public String name() {
        return "MariaDB";
    }

    @Override
    public String upsert(Table table, boolean skipUnchanged, int rows) {
        List<Column> bound = table.bound();
        Column id = table.generatedId();
        boolean proposeId = id != null && id.writeExpression() != null;
        StringJoiner columns = new StringJoiner(", ", " (", ")");
        StringJoiner select = new StringJoiner(", ", " SELECT ", "");
        for (Column column : table.columns()) {
            if (column.bound()) {
                columns.add(quote(column.name()));
                select.add(Sql.input(this, bound, column));
            } else if (proposeId) {
                columns.add(quote(column.name()));
                select.add("COALESCE(" + Sql.qualified(this, "x", column) + ", " + column.writeExpression() + ")");
            }
        }
        StringBuilder sql = new StringBuilder(256 + rows * bound.size() * 4)
                .append("INSERT INTO ").append(qualifiedName(table)).append(columns).append(select)
                .append(" FROM ").append(Sql.unionRows(this, bound, rows, "", " AS "));
        if (proposeId) {
            sql.append(" LEFT JOIN ").append(qualifiedName(table)).append(" AS ").append(quote("x"))
                    .append(" ON ").append(Sql.keyMatch(this, "x", table, bound));
        }
        return sql.append(" ORDER BY ").append(quote(Sql.INPUT)).append('.').append(quote(Sql.ORDINAL))
                .append(" ON DUPLICATE KEY UPDATE ")
                .append(Sql.duplicateKeyAssignments(this, table, skipUnchanged, c -> Sql.input(this, bound, c)))
                .toString();
    }
}
