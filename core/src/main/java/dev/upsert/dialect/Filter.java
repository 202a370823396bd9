package dev.upsert.dialect;

import dev.upsert.Scope;

/**
 * One condition of a scope: on a table column, {@code "col" = ?} or {@code "col" IS NULL}; a
 * condition in the database's own SQL that takes no value ({@code sql}, an entity's
 * {@code @SQLRestriction}), with no column or operator; or the column's value being, or with
 * {@code negated} not being, the key of a row of another table ({@code keysOf}: a JOINED type's
 * rows are the root rows its own table has a row for, and its subtypes' tables have none for).
 */
public record Filter(Column column, Scope.Operator operator, String sql, Table keysOf, boolean negated) {

    public Filter {
        if (keysOf != null && keysOf.keys().size() != 1) {
            throw new IllegalArgumentException("table " + keysOf.displayName() + " has no one-column key");
        }
        if (negated && keysOf == null) {
            throw new IllegalArgumentException("only a condition on another table's keys is negated");
        }
    }

    public Filter(Column column, Scope.Operator operator) {
        this(column, operator, null, null, false);
    }

    /** A condition written in SQL, on the table's columns unqualified. */
    public static Filter sql(String condition) {
        return new Filter(null, null, condition, null, false);
    }

    /** {@code column IN (SELECT key FROM table)}: the rows whose {@code column} is the one-column key of a row of {@code table}. */
    public static Filter in(Column column, Table table) {
        return new Filter(column, null, null, table, false);
    }

    /** {@code column NOT IN (SELECT key FROM table)}: the rows whose {@code column} is the key of no row of {@code table}. */
    public static Filter notIn(Column column, Table table) {
        return new Filter(column, null, null, table, true);
    }

    /** Whether the condition binds a value. */
    public boolean takesValue() {
        return operator != null && operator.takesValue();
    }

    public String render(Dialect dialect) {
        if (sql != null) {
            return "(" + sql + ")";
        }
        if (keysOf != null) {
            return dialect.quote(column.name()) + (negated ? " NOT IN" : " IN") + " (SELECT "
                    + dialect.quote(keysOf.keys().get(0).name()) + " FROM " + dialect.qualifiedName(keysOf) + ")";
        }
        return dialect.quote(column.name()) + " " + operator.sql() + (operator.takesValue() ? " ?" : "");
    }
}
