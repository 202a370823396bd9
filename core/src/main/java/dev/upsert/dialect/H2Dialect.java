package dev.upsert.dialect;

import java.util.List;
import java.util.StringJoiner;

/**
 * H2: {@code MERGE INTO ... USING (VALUES ...) ... WHEN MATCHED AND (changed) THEN UPDATE ...
 * WHEN NOT MATCHED THEN INSERT ...}. The update count covers inserted and updated rows; the
 * executor tells them apart by the keys that existed before, read in the same transaction.
 */
public final class H2Dialect implements Dialect {

    @Override
    public String name() {
        return "H2";
    }

    @Override
    public String quote(String identifier) {
        return Sql.quoteWith(identifier, '"');
    }

    @Override
    public Reporting reporting() {
        return Reporting.MERGED_COUNT;
    }

    /**
     * Not a hard limit in H2, but its planning time grows faster than the VALUES list: 100,000 rows
     * took 25 s in statements of 32,767 parameters and 7.6 s in statements of 1,000.
     */
    @Override
    public int maxParameters() {
        return 1_000;
    }

    /** Types without a length or precision, which a cast cannot truncate. */
    private static final java.util.Set<String> CASTABLE = java.util.Set.of("JSON", "BOOLEAN", "UUID", "INTEGER",
            "BIGINT", "SMALLINT", "TINYINT", "DOUBLE PRECISION", "REAL", "DATE");

    /**
     * H2 types a VALUES column from its values, as text where the parameter says nothing: a JSON
     * value bound as bytes would become a JSON string, and a boolean would not compare with the
     * column, and an array would be compared as text. Such columns are cast; those with a length
     * or precision are left alone, as a cast without the column's length (CHARACTER) could truncate.
     */
    private static String typed(Column column) {
        String type = castType(column.sqlType());
        return type != null ? "CAST(" + column.writeExpression() + " AS " + type + ")" : column.writeExpression();
    }

    /**
     * The type to cast a column's values to, or null. An array of text is cast without its
     * elements' length, which a cast would cut them to where the column refuses them.
     */
    private static String castType(String reported) {
        String type = reported == null ? "" : reported.toUpperCase(java.util.Locale.ROOT);
        if (CASTABLE.contains(type)) {
            return type;
        }
        String element = type.endsWith(" ARRAY") ? type.substring(0, type.length() - " ARRAY".length()) : "";
        return CASTABLE.contains(element) ? type
                : element.matches("CHARACTER VARYING\\(\\d+\\)") ? "CHARACTER VARYING ARRAY" : null;
    }

    @Override
    public String upsert(Table table, boolean skipUnchanged, int rows) {
        List<Column> bound = table.bound();
        StringBuilder sql = new StringBuilder(256 + rows * bound.size() * 3)
                .append("MERGE INTO ").append(qualifiedName(table)).append(" AS ").append(quote(Sql.TARGET))
                .append(" USING ").append(Sql.values(this, bound, rows, H2Dialect::typed))
                .append(" ON ").append(Sql.keyMatch(this, Sql.TARGET, table, bound));
        return sql.append(Sql.mergeBranches(this, table, bound, skipUnchanged, (compared, stored, incoming) -> {
            StringJoiner changed = new StringJoiner(" OR ", "(", ")");
            for (int i = 0; i < compared.size(); i++) {
                changed.add(stored.get(i) + " IS DISTINCT FROM " + incoming.get(i));
            }
            return changed.toString();
        })).toString();
    }
}
