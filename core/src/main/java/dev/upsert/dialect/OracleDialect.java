package dev.upsert.dialect;

import java.util.List;
import java.util.StringJoiner;

/**
 * Oracle: {@code MERGE INTO ... USING (SELECT ? ... FROM dual UNION ALL ...) ON (...) WHEN
 * MATCHED THEN UPDATE ... WHERE changed WHEN NOT MATCHED THEN INSERT}. {@code DECODE} compares
 * null-safely. Oracle evaluates a sequence's NEXTVAL in the insert branch once per source row, so
 * matched rows advance the sequence too. At most 1,000 keys per statement, Oracle's limit for an
 * IN list.
 *
 * <p>Not yet run against a live Oracle database: checked by unit tests only.
 */
public final class OracleDialect implements Dialect {

    private static final int MAX_IN_LIST = 1_000;

    @Override
    public String name() {
        return "Oracle";
    }

    @Override
    public String quote(String identifier) {
        return Sql.quoteWith(identifier, '"');
    }

    @Override
    public Reporting reporting() {
        return Reporting.MERGED_COUNT;
    }

    @Override
    public int maxParameters() {
        return 32_767;
    }

    @Override
    public int rowsPerStatement(Table table, int chunkSize) {
        return Math.min(MAX_IN_LIST, Dialect.super.rowsPerStatement(table, chunkSize));
    }

    @Override
    public String upsert(Table table, boolean skipUnchanged, int rows) {
        List<Column> bound = table.bound();
        StringJoiner on = new StringJoiner(" AND ", "(", ")");
        table.keys().forEach(k -> on.add(Sql.qualified(this, Sql.TARGET, k) + " = " + Sql.input(this, bound, k)));
        StringBuilder sql = new StringBuilder(256 + rows * bound.size() * 4)
                .append("MERGE INTO ").append(qualifiedName(table)).append(' ').append(quote(Sql.TARGET))
                .append(" USING ").append(Sql.unionRows(this, bound, rows, " FROM dual", " "))
                .append(" ON ").append(on);
        if (Sql.updates(table, skipUnchanged)) {
            sql.append(" WHEN MATCHED THEN UPDATE SET ").append(Sql.mergeSet(this, table, bound, Sql.TARGET));
            if (skipUnchanged) {
                StringJoiner changed = new StringJoiner(" OR ", " WHERE ", "");
                table.compared().forEach(c -> changed.add("DECODE(" + Sql.qualified(this, Sql.TARGET, c) + ", "
                        + Sql.merged(c, Sql.qualified(this, Sql.TARGET, c), Sql.input(this, bound, c)) + ", 0, 1) = 1"));
                sql.append(changed);
            }
        }
        String[] insert = Sql.mergeInsert(this, table, bound, Sql.INPUT);
        return sql.append(" WHEN NOT MATCHED THEN INSERT ").append(insert[0]).append(" VALUES ").append(insert[1])
                .toString();
    }
}
