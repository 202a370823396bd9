package dev.upsert.dialect;

import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * The table an entity type is upserted into.
 *
 * @param entity  the entity's name, for messages
 * @param schema  the schema exactly as stored, or {@code null} for the connection's default
 * @param name    the table's name exactly as stored
 * @param columns every column the upsert touches, in a fixed order that rows bind in
 * @param sequenceGuard whether a generated id is drawn only for keys that are absent ({@code true}),
 *                      for every row as a plain insert would ({@code false}), or as the dialect
 *                      decides from the id column's width ({@code null})
 */
public record Table(String entity, String schema, String name, List<Column> columns, Boolean sequenceGuard) {

    public Table(String entity, String schema, String name, List<Column> columns) {
        this(entity, schema, name, columns, null);
    }

    public Table {
        Objects.requireNonNull(name, "name");
        columns = List.copyOf(columns);
        if (columns.stream().noneMatch(c -> c.role() == Column.Role.KEY)) {
            throw new IllegalArgumentException("table " + name + " has no natural-key column");
        }
    }

    public List<Column> keys() {
        return select(c -> c.role() == Column.Role.KEY);
    }

    /** Columns that each row binds a value for, in binding order. */
    public List<Column> bound() {
        return select(Column::bound);
    }

    /** Columns a write reports back: the key (to match rows) and every returned column. */
    public List<Column> results() {
        return select(c -> c.role() == Column.Role.KEY || c.returned());
    }

    public List<Column> updated() {
        return select(Column::updated);
    }

    public List<Column> compared() {
        return select(Column::compared);
    }

    public Column generatedId() {
        return columns.stream().filter(c -> c.role() == Column.Role.GENERATED_ID).findFirst().orElse(null);
    }

    public Table withColumns(UnaryOperator<Column> change) {
        return new Table(entity, schema, name, columns.stream().map(change).toList(), sequenceGuard);
    }

    public Table withSequenceGuard(Boolean guard) {
        return new Table(entity, schema, name, columns, guard);
    }

    /** Qualified name for messages, unquoted. */
    public String displayName() {
        return schema == null ? name : schema + "." + name;
    }

    private List<Column> select(Predicate<Column> filter) {
        return columns.stream().filter(filter).toList();
    }
}
