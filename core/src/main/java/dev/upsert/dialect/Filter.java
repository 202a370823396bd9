package dev.upsert.dialect;

import dev.upsert.Scope;

/**
 * One condition of a scope: on a table column, {@code "col" = ?} or {@code "col" IS NULL}; a
 * condition in the database's own SQL that takes no value ({@code sql}, an entity's
 * {@code @SQLRestriction}), with no column or operator; or the column's value being the key of a
 * row of another table ({@code in}: a JOINED type's rows are the root rows its own table has a row for).
 */
public record Filter(Column column, Scope.Operator operator, String sql, Table in, boolean notIn) {

    public Filter(Column column, Scope.Operator operator) {
        this(column, operator, null, null, false);
    }

    /** A condition written in SQL, on the table's columns unqualified. */
    public static Filter sql(String condition) {
        return new Filter(null, null, condition, null, false);
    }

    /** {@code column IN (SELECT key FROM table)}: the rows whose {@code column} is the one-column key of a row of {@code table}. */
    public static Filter in(Column column, Table table) {
        return in(column, table, false);
    }

    /** {@code column NOT IN (SELECT key FROM table)}: the rows whose {@code column} is the key of no row of {@code table}. */
    public static Filter notIn(Column column, Table table) {
        return in(column, table, true);
    }

    private static Filter in(Column column, Table table, boolean negated) {
        if (table.keys().size() != 1) {
            throw new IllegalArgumentException("table " + table.displayName() + " has no one-column key");
        }
        return new Filter(column, null, null, table, negated);
    }

    /** Whether the condition binds a value. */
    public boolean takesValue() {
        return operator != null && operator.takesValue();
    }

    public String render(Dialect dialect) {
        return sql != null ? "(" + sql + ")"
                : in != null ? dialect.quote(column.name()) + (notIn ? " NOT IN" : " IN") + " (SELECT "
                + dialect.quote(in.keys().get(0).name()) + " FROM " + dialect.qualifiedName(in) + ")"
                : dialect.quote(column.name()) + " " + operator.sql() + (operator.takesValue() ? " ?" : "");
    }
}
