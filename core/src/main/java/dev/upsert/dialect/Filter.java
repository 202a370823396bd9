package dev.upsert.dialect;

import dev.upsert.Scope;

/**
 * One condition of a scope: on a table column, {@code "col" = ?} or {@code "col" IS NULL}; a
 * condition in the database's own SQL that takes no value ({@code sql}, an entity's
 * {@code @SQLRestriction}), with no column or operator; or the column's value being the key of a
 * row of another table ({@code in}: a JOINED type's rows are the root rows its own table has a row for).
 */
public record Filter(Column column, Scope.Operator operator, String sql, Table in) {

    public Filter(Column column, Scope.Operator operator) {
        this(column, operator, null, null);
    }

    /** A condition written in SQL, on the table's columns unqualified. */
    public static Filter sql(String condition) {
        return new Filter(null, null, condition, null);
    }

    /** {@code column IN (SELECT key FROM table)}: the rows whose {@code column} is the one-column key of a row of {@code table}. */
    public static Filter in(Column column, Table table) {
        if (table.keys().size() != 1) {
            throw new IllegalArgumentException("table " + table.displayName() + " has no one-column key");
        }
        return new Filter(column, null, null, table);
    }

    /** Whether the condition binds a value. */
    public boolean takesValue() {
        return operator != null && operator.takesValue();
    }

    public String render(Dialect dialect) {
        return sql != null ? "(" + sql + ")"
                : in != null ? dialect.quote(column.name()) + " IN (SELECT " + dialect.quote(in.keys().get(0).name()) + " FROM "
                + dialect.qualifiedName(in) + ")"
                : dialect.quote(column.name()) + " " + operator.sql() + (operator.takesValue() ? " ?" : "");
    }
}
