package dev.upsert.dialect;

import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;

/**
 * Renders the SQL of an upsert for one database. Pure: a table model in, SQL text out; values are
 * always bound parameters, identifiers always quoted.
 */
public interface Dialect {

    String name();

    /** The identifier quoted by this database's rules. */
    String quote(String identifier);

    /**
     * The statement that upserts {@code rows} rows. Each row binds one value per
     * {@link Table#bound()} column, in that order, rows in the order given.
     *
     * <p>If {@link #reportsChanges()}, the statement is a query returning one row per inserted or
     * updated row: the {@link Table#results()} columns, then a boolean that is true for an insert.
     * Otherwise it is an update whose count is the number of rows inserted plus updated.
     */
    String upsert(Table table, boolean skipUnchanged, int rows);

    /** Whether {@link #upsert} tells inserted from updated rows and returns their values. */
    boolean reportsChanges();

    /** Most bind parameters one statement may carry. */
    int maxParameters();

    /**
     * Selects the {@link Table#results()} columns of the rows with the given keys; binds one value
     * per key column for each of {@code rows} keys.
     */
    default String selectByKeys(Table table, int rows) {
        List<Column> keys = table.keys();
        StringJoiner select = new StringJoiner(", ", "SELECT ", " FROM " + qualifiedName(table));
        table.results().forEach(c -> select.add(quote(c.name())));
        String tuple = keys.size() == 1 ? "?" : "(" + "?, ".repeat(keys.size() - 1) + "?)";
        StringJoiner in = new StringJoiner(", ", keys.size() == 1 ? " WHERE " + quote(keys.get(0).name()) + " IN ("
                : " WHERE " + list(keys, c -> quote(c.name()), "(", ")") + " IN (", ")");
        for (int i = 0; i < rows; i++) {
            in.add(tuple);
        }
        return select + in.toString();
    }

    default String qualifiedName(Table table) {
        return table.schema() == null ? quote(table.name()) : quote(table.schema()) + "." + quote(table.name());
    }

    /** Rows per statement that stay within both the chunk size and the parameter limit. */
    default int rowsPerStatement(Table table, int chunkSize) {
        int perRow = Math.max(1, table.bound().size());
        return Math.max(1, Math.min(chunkSize, maxParameters() / perRow));
    }

    /** The dialect for a database product name as JDBC reports it. */
    static Dialect forProduct(String productName) {
        String product = productName.toLowerCase(Locale.ROOT);
        if (product.contains("postgresql")) {
            return new PostgresDialect();
        }
        if (product.equals("h2")) {
            return new H2Dialect();
        }
        throw new UnsupportedOperationException("No upsert dialect for " + productName
                + " yet: supported are PostgreSQL and H2");
    }

    static <T> String list(List<T> items, java.util.function.Function<T, String> render, String open, String close) {
        StringJoiner joiner = new StringJoiner(", ", open, close);
        items.forEach(item -> joiner.add(render.apply(item)));
        return joiner.toString();
    }
}
