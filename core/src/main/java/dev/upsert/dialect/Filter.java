package dev.upsert.dialect;

import dev.upsert.Scope;

/** One condition of a scope on a table column: {@code "col" = ?} or {@code "col" IS NULL}. */
public record Filter(Column column, Scope.Operator operator) {

    public String render(Dialect dialect) {
        return dialect.quote(column.name()) + " " + operator.sql() + (operator.takesValue() ? " ?" : "");
    }
}
