package dev.upsert.dialect;

import java.util.List;
import java.util.StringJoiner;

/**
 * PostgreSQL: {@code INSERT ... SELECT ... ON CONFLICT (key) DO UPDATE ... WHERE ... IS DISTINCT
 * FROM ... RETURNING}.
 *
 * <p>A generated id is proposed as {@code COALESCE((SELECT id ... WHERE key = input key),
 * nextval(...))}: the sequence is only advanced for keys that are absent, instead of once per row
 * as a column default would be. The lookup is a correlated subquery, one index probe per row, so
 * that the planner cannot choose to scan the whole table for a join.
 * An existing key keeps its id, as the conflict turns the insert into an update. Rows are inserted
 * in the order of the ordinal column, the caller's natural-key order, so concurrent writers lock
 * the same keys in the same order. {@code xmax = 0} is true only for a row version this statement
 * inserted: an updated row carries the lock the conflict took.
 */
public final class PostgresDialect implements Dialect {

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public boolean supportsPartialIndexes() {
        return true;
    }

    @Override
    public String quote(String identifier) {
        return Sql.quoteWith(identifier, '"');
    }

    @Override
    public Reporting reporting() {
        return Reporting.RETURNING;
    }

    @Override
    public int maxParameters() {
        return 32_767;
    }

    @Override
    public String upsert(Table table, boolean skipUnchanged, int rows) {
        List<Column> bound = table.bound();
        return insertSelect(table, bound) + " FROM " + Sql.values(this, bound, rows, PostgresDialect::typed)
                + conflict(table, skipUnchanged);
    }

    /**
     * The same upsert with one array parameter per bound column, unnested with their ordinal: its
     * text does not depend on the number of rows and it carries no parameter limit. Null when a
     * column's type is unknown or its value needs a write expression.
     */
    @Override
    public String upsertArrays(Table table, boolean skipUnchanged) {
        List<Column> bound = table.bound();
        StringJoiner arrays = new StringJoiner(", ", "unnest(", ")");
        StringJoiner names = new StringJoiner(", ", "(", ", " + quote(Sql.ORDINAL) + ")");
        for (int i = 0; i < bound.size(); i++) {
            Column column = bound.get(i);
            if (column.sqlType() == null || !"?".equals(column.writeExpression())) {
                return null;
            }
            arrays.add("CAST(? AS " + column.sqlType() + "[])");
            names.add(quote("c" + i));
        }
        return insertSelect(table, bound) + " FROM " + arrays + " WITH ORDINALITY AS " + quote(Sql.INPUT) + names
                + conflict(table, skipUnchanged);
    }

    private String insertSelect(Table table, List<Column> bound) {
        Column id = table.generatedId();
        StringJoiner columns = new StringJoiner(", ", " (", ")");
        StringJoiner select = new StringJoiner(", ", " SELECT ", "");
        for (Column column : table.columns()) {
            columns.add(quote(column.name()));
            select.add(column == id ? "COALESCE((SELECT " + Sql.qualified(this, "x", id) + " FROM " + qualifiedName(table)
                    + " AS " + quote("x") + " WHERE " + Sql.keyMatch(this, "x", table, bound) + "), " + newId(table, id) + ")"
                    : Sql.input(this, bound, column));
        }
        // An identity column declared GENERATED ALWAYS takes an explicit value only so.
        return "INSERT INTO " + qualifiedName(table) + " AS " + quote(Sql.TARGET) + columns
                + (id != null && id.writeExpression() == null ? " OVERRIDING SYSTEM VALUE" : "") + select;
    }

    private String conflict(Table table, boolean skipUnchanged) {
        StringBuilder sql = new StringBuilder(" ORDER BY ").append(quote(Sql.INPUT)).append('.').append(quote(Sql.ORDINAL))
                .append(" ON CONFLICT ").append(Dialect.list(table.keys(), c -> quote(c.name()), "(", ")"));
        List<Column> updated = table.updated();
        List<Column> compared = table.compared();
        if (updated.isEmpty() || skipUnchanged && compared.isEmpty()) {
            sql.append(" DO NOTHING");
        } else {
            sql.append(" DO UPDATE SET ").append(Dialect.list(updated, this::assignment, "", ""));
            if (skipUnchanged) {
                sql.append(" WHERE ").append(Dialect.list(compared, c -> comparable(c, Sql.qualified(this, Sql.TARGET, c)), "(", ")"))
                        .append(" IS DISTINCT FROM ")
                        .append(Dialect.list(compared, c -> comparable(c, Sql.merged(c, Sql.qualified(this, Sql.TARGET, c),
                                "EXCLUDED." + quote(c.name()))), "(", ")"));
            }
        }
        return sql.append(" RETURNING ").append(Dialect.list(table.results(), c -> Sql.qualified(this, Sql.TARGET, c), "", ""))
                .append(", (").append(quote(Sql.TARGET)).append(".xmax = 0)").toString();
    }

    private String assignment(Column column) {
        String value = column.role() == Column.Role.VERSION
                ? Sql.qualified(this, Sql.TARGET, column) + " + 1"
                : Sql.merged(column, Sql.qualified(this, Sql.TARGET, column), "EXCLUDED." + quote(column.name()));
        return quote(column.name()) + " = " + value;
    }

    /** Types the first input row, so that every VALUES column takes the table column's type. */
    /**
     * A value as it can be compared: {@code json} and {@code xml} have no equality operator, so
     * they compare as {@code jsonb} (ignoring key order and spacing) and as text.
     */
    static String comparable(Column column, String expression) {
        String type = column.sqlType() == null ? "" : column.sqlType().toLowerCase(java.util.Locale.ROOT);
        return switch (type) {
            case "json" -> "(" + expression + ")::jsonb";
            case "xml" -> "(" + expression + ")::text";
            default -> expression;
        };
    }

    static String typed(Column column) {
        return column.sqlType() == null ? column.writeExpression()
                : "CAST(" + column.writeExpression() + " AS " + column.sqlType() + ")";
    }

    private String newId(Table table, Column id) {
        if (id.writeExpression() != null) {
            return id.writeExpression();
        }
        // An identity or serial column: its own sequence, looked up by name once per statement
        // (an uncorrelated subquery), not once per inserted row.
        return "nextval((SELECT pg_get_serial_sequence(" + Sql.stringLiteral(qualifiedName(table)) + ", "
                + Sql.stringLiteral(id.name()) + ")))";
    }
}
