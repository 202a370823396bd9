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

    /**
     * {@code (SELECT 1 AS "n", ? AS "c0" UNION ALL SELECT 2, ? ...) AS "i"}: the input rows as a
     * derived table, for databases without a VALUES list that names its columns.
     *
     * @param from what each SELECT needs after its values, such as {@code " FROM dual"}, or ""
     */
    static String unionRows(Dialect dialect, List<Column> bound, int rows, String from, String alias) {
        StringBuilder sql = new StringBuilder(32 + rows * (bound.size() * 3 + 24)).append('(');
        for (int row = 0; row < rows; row++) {
            sql.append(row == 0 ? "SELECT " : " UNION ALL SELECT ").append(row + 1);
            if (row == 0) {
                sql.append(" AS ").append(dialect.quote(ORDINAL));
            }
            for (int i = 0; i < bound.size(); i++) {
                sql.append(", ").append(bound.get(i).writeExpression());
                if (row == 0) {
                    sql.append(" AS ").append(dialect.quote("c" + i));
                }
            }
            sql.append(from);
        }
        return sql.append(')').append(alias).append(dialect.quote(INPUT)).toString();
    }

    /**
     * The assignments of MySQL's {@code ON DUPLICATE KEY UPDATE}. With {@code skipUnchanged}
     * each is conditional, so that a row whose compared columns are all equal keeps every value
     * (and counts as not affected). MySQL assigns left to right and later conditions see earlier
     * assignments, so the version and touched columns come first, while the compared columns
     * still hold their old values; a compared column reassigned by then is one that differs.
     */
    static String duplicateKeyAssignments(Dialect dialect, Table table, boolean skipUnchanged,
                                          Function<Column, String> incoming) {
        String target = dialect.qualifiedName(table);
        List<Column> updated = table.updated();
        List<Column> compared = table.compared();
        if (updated.isEmpty() || skipUnchanged && compared.isEmpty()) {
            Column key = table.keys().get(0);
            return dialect.quote(key.name()) + " = " + target + "." + dialect.quote(key.name());
        }
        StringBuilder changed = new StringBuilder();
        for (Column column : compared) {
            // Text compares byte for byte: under a case-insensitive collation 'b' <=> 'B' holds,
            // and a change of case would be dropped.
            String binary = textual(column) ? "BINARY " : "";
            String old = target + "." + dialect.quote(column.name());
            changed.append(changed.isEmpty() ? "" : " OR ").append("NOT (").append(binary).append(old).append(" <=> ")
                    .append(binary).append(merged(column, old, incoming.apply(column))).append(')');
        }
        StringBuilder set = new StringBuilder();
        updated.stream().sorted(java.util.Comparator.comparing(Column::compared)).forEach(column -> {
            String current = target + "." + dialect.quote(column.name());
            String value = assigned(column, current, () -> incoming.apply(column));
            set.append(set.isEmpty() ? "" : ", ").append(dialect.quote(column.name())).append(" = ")
                    .append(skipUnchanged ? "IF(" + changed + ", " + value + ", " + current + ")" : value);
        });
        return set.toString();
    }

    private static boolean textual(Column column) {
        String type = column.sqlType() == null ? "" : column.sqlType().toUpperCase(java.util.Locale.ROOT);
        return type.contains("CHAR") || type.contains("TEXT") || type.equals("JSON") || type.equals("ENUM")
                || type.equals("SET");
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

    /**
     * The columns of a MERGE's insert branch and the values they take: bound columns from the
     * input, a generated id from its expression, or left to the column's default.
     */
    static String[] mergeInsert(Dialect dialect, Table table, List<Column> bound, String inputAlias) {
        StringBuilder columns = new StringBuilder();
        StringBuilder values = new StringBuilder();
        for (Column column : table.columns()) {
            String value = column.bound() ? dialect.quote(inputAlias) + "." + dialect.quote("c" + bound.indexOf(column))
                    : column.writeExpression();
            if (value != null) {
                columns.append(columns.isEmpty() ? "" : ", ").append(dialect.quote(column.name()));
                values.append(values.isEmpty() ? "" : ", ").append(value);
            }
        }
        return new String[] {"(" + columns + ")", "(" + values + ")"};
    }

    /** {@code "c" = "i"."c2", "v" = "t"."v" + 1}: a MERGE's update assignments. */
    static String mergeSet(Dialect dialect, Table table, List<Column> bound, String target) {
        StringBuilder set = new StringBuilder();
        for (Column column : table.updated()) {
            set.append(set.isEmpty() ? "" : ", ").append(dialect.quote(column.name())).append(" = ")
                    .append(assigned(column, qualified(dialect, target, column), () -> input(dialect, bound, column)));
        }
        return set.toString();
    }

    /**
     * What an update assigns a column: a version one up, a generated column its expression, any
     * other the value {@link #merged} from the stored and the new one (asked for only then).
     */
    static String assigned(Column column, String old, java.util.function.Supplier<String> incoming) {
        return column.role() == Column.Role.VERSION ? old + " + 1"
                : column.generated() ? column.writeExpression() : merged(column, old, incoming.get());
    }

    /** The value an update stores, from the stored value {@code old} and the new value {@code incoming}. */
    static String merged(Column column, String old, String incoming) {
        return switch (column.merge()) {
            case OVERWRITE, INSERT_ONLY -> incoming;
            case KEEP_EXISTING_WHEN_NULL -> "COALESCE(" + incoming + ", " + old + ")";
            case KEEP_GREATER -> "CASE WHEN " + old + " IS NULL OR " + incoming + " > " + old + " THEN " + incoming
                    + " ELSE " + old + " END";
            // A null increment adds nothing, and leaves a null stored as it is.
            case ADD -> "CASE WHEN " + incoming + " IS NULL THEN " + old + " ELSE COALESCE(" + old + ", 0) + " + incoming + " END";
        };
    }

    /** How a MERGE tells a changed row: from the compared columns, their stored and their new values. */
    interface Changed {
        String condition(List<Column> compared, List<String> stored, List<String> incoming);
    }

    /**
     * {@code WHEN MATCHED [AND changed] THEN UPDATE SET ... WHEN NOT MATCHED THEN INSERT (...)
     * VALUES (...)}: the branches of a MERGE whose input is aliased {@code "i"} and target {@code "t"}.
     */
    static String mergeBranches(Dialect dialect, Table table, List<Column> bound, boolean skipUnchanged, Changed changed) {
        StringBuilder sql = new StringBuilder();
        if (updates(table, skipUnchanged)) {
            sql.append(" WHEN MATCHED");
            if (skipUnchanged) {
                List<Column> compared = table.compared();
                List<String> stored = compared.stream().map(c -> qualified(dialect, TARGET, c)).toList();
                List<String> incoming = compared.stream()
                        .map(c -> merged(c, qualified(dialect, TARGET, c), input(dialect, bound, c))).toList();
                sql.append(" AND ").append(changed.condition(compared, stored, incoming));
            }
            sql.append(" THEN UPDATE SET ").append(mergeSet(dialect, table, bound, TARGET));
        }
        String[] insert = mergeInsert(dialect, table, bound, INPUT);
        return sql.append(" WHEN NOT MATCHED THEN INSERT ").append(insert[0]).append(" VALUES ").append(insert[1])
                .toString();
    }

    /** Whether an existing row gets an update branch at all. */
    static boolean updates(Table table, boolean skipUnchanged) {
        return !table.updated().isEmpty() && !(skipUnchanged && table.compared().isEmpty());
    }

    static String quoteWith(String identifier, char quote) {
        String doubled = identifier.replace(String.valueOf(quote), String.valueOf(quote) + quote);
        return quote + doubled + quote;
    }

    static String stringLiteral(String text) {
        return "'" + text.replace("'", "''") + "'";
    }
}
