package dev.upsert.dialect;

import java.util.List;
import java.util.StringJoiner;

/**
 * PostgreSQL 15+ {@code MERGE}, opt-in through {@code UpsertOptions.dialect}. A sequence is
 * advanced only for inserted rows. MERGE alone does not wait on a concurrent insert of the same
 * key (two writers inserting one new key at once would make one fail with a unique violation), so
 * a call first takes advisory locks on its keys, as {@link PostgresDialect} defines them: writers
 * of the same keys take turns, which also keeps the counts exact. The cost against ON CONFLICT is
 * that extra statement and less concurrency between writers whose keys share a lock.
 */
public final class PostgresMergeDialect implements Dialect {

    private final PostgresDialect postgres = new PostgresDialect();

    @Override
    public String name() {
        return "PostgreSQL MERGE";
    }

    @Override
    public String quote(String identifier) {
        return postgres.quote(identifier);
    }

    @Override
    public Reporting reporting() {
        return Reporting.MERGED_COUNT;
    }

    @Override
    public int maxParameters() {
        return postgres.maxParameters();
    }

    @Override
    public boolean acceptsNulInText() {
        return false;
    }

    @Override
    public String lockHashes() {
        return postgres.lockHashes();
    }

    @Override
    public String lockHashesShared() {
        return postgres.lockHashesShared();
    }

    @Override
    public String upsert(Table table, boolean skipUnchanged, int rows) {
        return merge(table, skipUnchanged, Sql.values(this, table.bound(), rows, PostgresDialect::typed));
    }

    /** The same MERGE from one array parameter per bound column, for any number of rows; null as {@link PostgresDialect} decides. */
    @Override
    public String upsertArrays(Table table, boolean skipUnchanged) {
        String source = PostgresDialect.arraySource(this, table.bound());
        return source == null ? null : merge(table, skipUnchanged, source);
    }

    @Override
    public Object arrayParameter(Column column, Object[] values) {
        return postgres.arrayParameter(column, values);
    }

    @Override
    public java.util.function.Predicate<Object> arrayElements(Column column) {
        return postgres.arrayElements(column);
    }

    @Override
    public String keyParameter(Column key) {
        return postgres.keyParameter(key);
    }

    /** PostgreSQL's catalog read; a deferrable index serves a MERGE (see {@link #matchesByArbiter()}). */
    @Override
    public String uniqueIndexesQuery() {
        return postgres.uniqueIndexesQuery();
    }

    @Override
    public String tableSchemaQuery() {
        return postgres.tableSchemaQuery();
    }

    @Override
    public String collationsQuery() {
        return postgres.collationsQuery();
    }

    @Override
    public String selectByKeyArrays(Table table, List<Column> columns) {
        return postgres.selectByKeyArrays(table, columns);
    }

    private String merge(Table table, boolean skipUnchanged, String source) {
        List<Column> bound = table.bound();
        StringBuilder sql = new StringBuilder(512)
                .append("MERGE INTO ").append(qualifiedName(table)).append(" AS ").append(quote(Sql.TARGET))
                .append(" USING ").append(source)
                .append(" ON ").append(Sql.keyMatch(this, Sql.TARGET, table, bound));
        return sql.append(Sql.mergeBranches(this, table, bound, skipUnchanged, (compared, stored, incoming) -> {
            StringJoiner current = new StringJoiner(", ", "(", ")");
            StringJoiner next = new StringJoiner(", ", "(", ")");
            for (int i = 0; i < compared.size(); i++) {
                current.add(PostgresDialect.comparable(compared.get(i), stored.get(i)));
                next.add(PostgresDialect.comparable(compared.get(i), incoming.get(i)));
            }
            return current + " IS DISTINCT FROM " + next;
        })).toString();
    }
}
