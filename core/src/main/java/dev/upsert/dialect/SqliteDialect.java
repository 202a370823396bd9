package dev.upsert.dialect;

import java.util.List;
import java.util.StringJoiner;

/**
 * SQLite 3.32+ (3.24 brought upsert; 3.32 the 32,766-parameter limit used here): {@code INSERT ... SELECT ... WHERE true ORDER BY ... ON CONFLICT (key) DO UPDATE
 * ... WHERE ... IS NOT excluded...}. The {@code WHERE true} keeps the parser from reading
 * {@code ON CONFLICT} as a join constraint. {@code changes()} counts inserted and updated rows.
 */
public final class SqliteDialect implements Dialect {

    @Override
    public boolean matchesByArbiter() {
        return true;
    }

    @Override
    public String name() {
        return "SQLite";
    }

    /** The xerial driver stores a time as milliseconds since 1970, by default. */
    @Override
    public int fractionalSecondDigits() {
        return 3;
    }

    @Override
    public boolean roundsFractionalSeconds() {
        return false;
    }

    @Override
    public boolean supportsPartialIndexes() {
        return true;
    }

    @Override
    public String quote(String identifier) {
        return Sql.quoteWith(identifier, '"');
    }

    /** SQLite has no row locks: a write transaction locks the whole database. */
    @Override
    public String lockClause() {
        return "";
    }

    /** Type affinity: a column declared timestamp holds whatever the driver writes. */
    @Override
    public boolean checksColumnTypes() {
        return false;
    }

    @Override
    public Reporting reporting() {
        return Reporting.MERGED_COUNT;
    }

    @Override
    public int maxParameters() {
        return 32_766;
    }

    /**
     * {@code (SELECT column1 AS "n", column2 AS "c0" ... FROM (VALUES (1, ?), (2, ?))) AS "i"}:
     * SQLite names VALUES columns column1, column2...; unlike UNION ALL, a VALUES list is not held
     * to the 500-term limit of a compound SELECT.
     */
    private String values(java.util.List<Column> bound, int rows) {
        StringJoiner names = new StringJoiner(", ", "(SELECT ", "");
        names.add("column1 AS " + quote(Sql.ORDINAL));
        for (int i = 0; i < bound.size(); i++) {
            names.add("column" + (i + 2) + " AS " + quote("c" + i));
        }
        StringBuilder sql = new StringBuilder(names.toString()).append(" FROM (VALUES ");
        for (int row = 0; row < rows; row++) {
            sql.append(row == 0 ? "(" : ", (").append(row + 1);
            bound.forEach(c -> sql.append(", ").append(c.writeExpression()));
            sql.append(')');
        }
        return sql.append(")) AS ").append(quote(Sql.INPUT)).toString();
    }

    @Override
    public String upsert(Table table, boolean skipUnchanged, int rows) {
        List<Column> bound = table.bound();
        StringJoiner columns = new StringJoiner(", ", " (", ")");
        StringJoiner select = new StringJoiner(", ", " SELECT ", "");
        for (Column column : table.columns()) {
            String value = column.bound() ? Sql.input(this, bound, column) : column.writeExpression();
            if (value != null) {
                columns.add(quote(column.name()));
                select.add(value);
            }
        }
        StringBuilder sql = new StringBuilder(256 + rows * bound.size() * 4)
                .append("INSERT INTO ").append(qualifiedName(table)).append(" AS ").append(quote(Sql.TARGET))
                .append(columns).append(select)
                .append(" FROM ").append(values(bound, rows))
                .append(" WHERE true ORDER BY ").append(quote(Sql.INPUT)).append('.').append(quote(Sql.ORDINAL))
                .append(" ON CONFLICT ").append(Dialect.list(table.keys(), c -> quote(c.name()), "(", ")"));
        if (!Sql.updates(table, skipUnchanged)) {
            return sql.append(" DO NOTHING").toString();
        }
        StringJoiner set = new StringJoiner(", ", " DO UPDATE SET ", "");
        table.updated().forEach(c -> set.add(quote(c.name()) + " = "
                + Sql.assigned(c, Sql.qualified(this, Sql.TARGET, c), () -> "excluded." + quote(c.name()))));
        sql.append(set);
        if (skipUnchanged) {
            StringJoiner changed = new StringJoiner(" OR ", " WHERE ", "");
            table.compared().forEach(c -> changed.add(Sql.qualified(this, Sql.TARGET, c) + " IS NOT "
                    + Sql.merged(c, Sql.qualified(this, Sql.TARGET, c), "excluded." + quote(c.name()))));
            sql.append(changed);
        }
        return sql.toString();
    }
}
