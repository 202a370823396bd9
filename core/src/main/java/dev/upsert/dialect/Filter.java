package dev.upsert.dialect;

import dev.upsert.Scope;

/**
 * One condition of a scope: on a table column, {@code "col" = ?} or {@code "col" IS NULL}; or a
 * condition in the database's own SQL that takes no value ({@code sql}, an entity's
 * {@code @SQLRestriction}), with no column or operator.
 */
public record Filter(Column column, Scope.Operator operator, String sql) {

    public Filter(Column column, Scope.Operator operator) {
        this(column, operator, null);
    }

    /** A condition written in SQL, on the table's columns unqualified. */
    public static Filter sql(String condition) {
        return new Filter(null, null, condition);
    }

    /** Whether the condition binds a value. */
    public boolean takesValue() {
        return operator != null && operator.takesValue();
    }

    public String render(Dialect dialect) {
        return sql != null ? "(" + sql + ")"
                : dialect.quote(column.name()) + " " + operator.sql() + (operator.takesValue() ? " ?" : "");
    }
}
