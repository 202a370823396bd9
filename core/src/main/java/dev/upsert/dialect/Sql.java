package dev.upsert.dialect;

import java.util.List;
import java.util.function.Function;

/** Rendering shared by the dialects that read their input rows from a VALUES list. */
final class Sql {

    static final String TARGET = "t";
    static final String INPUT = "i";
    static final String ORDINAL = "n";

    private Sql() {
    }

    /**
     * {@code (VALUES (1, ?, ?), (2, ?, ?)) AS "i"("n", "c0", "c1")}: the input rows, numbered so
     * that a statement can keep the caller's order, with columns named by position so that no
     * table column name can clash with them.
     */
    static String values(Dialect dialect, List<Column> bound, int rows, Function<Column, String> firstRowValue) {
        StringBuilder sql = new StringBuilder(32 + rows * (bound.size() * 3 + 8)).append("(VALUES ");
        for (int row = 0; row < rows; row++) {
            sql.append(row == 0 ? "(" : ", (").append(row + 1);
            for (Column column : bound) {
                sql.append(", ").append(row == 0 ? firstRowValue.apply(column) : column.writeExpression());
            }
            sql.append(')');
        }
        sql.append(") AS ").append(dialect.quote(INPUT)).append('(').append(dialect.quote(ORDINAL));
        for (int i = 0; i < bound.size(); i++) {
            sql.append(", ").append(dialect.quote("c" + i));
        }
        return sql.append(')').toString();
    }

    /** {@code "i"."c3"}: the input value of a bound column. */
    static String input(Dialect dialect, List<Column> bound, Column column) {
        int index = bound.indexOf(column);
        if (index < 0) {
            throw new IllegalArgumentException("column " + column.name() + " is not bound");
        }
        return dialect.quote(INPUT) + "." + dialect.quote("c" + index);
    }

    static String qualified(Dialect dialect, String alias, Column column) {
        return dialect.quote(alias) + "." + dialect.quote(column.name());
    }

    /** {@code "t"."k1" = "i"."c0" AND ...}: the natural-key match between a table alias and the input. */
    static String keyMatch(Dialect dialect, String alias, Table table, List<Column> bound) {
        StringBuilder on = new StringBuilder();
        for (Column key : table.keys()) {
            if (!on.isEmpty()) {
                on.append(" AND ");
            }
            on.append(qualified(dialect, alias, key)).append(" = ").append(input(dialect, bound, key));
        }
        return on.toString();
    }

    static String quoteWith(String identifier, char quote) {
        String doubled = identifier.replace(String.valueOf(quote), String.valueOf(quote) + quote);
        return quote + doubled + quote;
    }

    static String stringLiteral(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
