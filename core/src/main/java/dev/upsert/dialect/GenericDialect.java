package dev.upsert.dialect;

import java.util.StringJoiner;

/**
 * Any other database: the keys present are read first, then existing rows are updated and new
 * ones inserted in JDBC batches, in the caller's transaction. Correct, but slower than a single
 * statement, and not safe against a concurrent insert of the same new key, which fails with the
 * database's unique violation rather than being merged.
 */
public final class GenericDialect implements Dialect {

    private final String name;
    private final char openQuote;
    private final char closeQuote;

    public GenericDialect(String name, char openQuote, char closeQuote) {
        this.name = name;
        this.openQuote = openQuote;
        this.closeQuote = closeQuote;
    }

    /** ANSI quoting. */
    public GenericDialect() {
        this("generic", '"', '"');
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public String quote(String identifier) {
        String close = String.valueOf(closeQuote);
        return openQuote + identifier.replace(close, close + close) + closeQuote;
    }

    @Override
    public Reporting reporting() {
        return Reporting.SEPARATE_STATEMENTS;
    }

    @Override
    public int maxParameters() {
        return 2_000;
    }

    @Override
    public String upsert(Table table, boolean skipUnchanged, int rows) {
        throw new UnsupportedOperationException(name + " upserts with separate UPDATE and INSERT statements");
    }

    /**
     * {@code UPDATE t SET c = ?, v = v + 1 WHERE k = ? AND (CASE WHEN c = ? OR c IS NULL AND
     * COALESCE(?, c) IS NULL THEN 0 ELSE 1 END = 1 OR ...)}: the CASE compares null-safely in
     * standard SQL. A parameter alone in {@code ? IS NULL} has no type, which PostgreSQL, DB2 and
     * Derby refuse; within {@code COALESCE(?, c)} it takes the column's, with no type name to spell
     * (where {@code c} is null, the two are null together).
     */
    @Override
    public String update(Table table, boolean skipUnchanged) {
        StringJoiner set = new StringJoiner(", ", "UPDATE " + qualifiedName(table) + " SET ", "");
        table.updated().forEach(c -> set.add(quote(c.name()) + " = " + Sql.assigned(c, quote(c.name()), c::writeExpression)));
        StringJoiner where = new StringJoiner(" AND ", " WHERE ", "");
        table.keys().forEach(k -> where.add(quote(k.name()) + " = ?"));
        String sql = set + where.toString();
        if (!skipUnchanged) {
            return sql;
        }
        StringJoiner changed = new StringJoiner(" OR ", " AND (", ")");
        table.compared().forEach(c -> changed.add("CASE WHEN " + quote(c.name()) + " = "
                + Sql.merged(c, quote(c.name()), c.writeExpression()) + " OR " + quote(c.name()) + " IS NULL AND "
                + Sql.merged(c, quote(c.name()), "COALESCE(?, " + quote(c.name()) + ")")
                + " IS NULL THEN 0 ELSE 1 END = 1"));
        return sql + changed;
    }
}
