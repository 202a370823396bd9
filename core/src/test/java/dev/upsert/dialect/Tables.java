package dev.upsert.dialect;

import dev.upsert.dialect.Column.Role;

import java.util.List;

/** Table models shared by the SQL tests. */
final class Tables {

    private Tables() {
    }

    /** id (identity), two key columns, a data column, a version and two timestamps. */
    static Table customer() {
        return new Table("Customer", "dw", "customer", List.of(
                new Column("id", "id", Role.GENERATED_ID, true, null, "int8"),
                new Column("source_system", "sourceSystem", Role.KEY, false, "?", "varchar"),
                new Column("external_id", "externalId", Role.KEY, false, "?", "varchar"),
                new Column("name", "name", Role.DATA, false, "?", "varchar"),
                new Column("version", "version", Role.VERSION, true, "?", "int4"),
                new Column("created_at", "createdAt", Role.INSERT_ONLY, true, "?", "timestamptz"),
                new Column("updated_at", "updatedAt", Role.TOUCH, true, "?", "timestamptz")));
    }

    /** {@link #customer()} with a DATA decimal column, its id from a sequence expression or (null) an identity. */
    static Table scored(String idExpression) {
        return new Table("Customer", "dw", "customer", List.of(
                new Column("id", "id", Role.GENERATED_ID, true, idExpression, "int8"),
                new Column("source_system", "sourceSystem", Role.KEY, false, "?", "varchar"),
                new Column("external_id", "externalId", Role.KEY, false, "?", "varchar"),
                new Column("name", "name", Role.DATA, false, "?", "varchar"),
                new Column("score", "score", Role.DATA, false, "?", "decimal"),
                new Column("version", "version", Role.VERSION, true, "?", "int4"),
                new Column("updated_at", "updatedAt", Role.TOUCH, true, "?", "timestamptz")));
    }

    /** Assigned id, single key, reserved and mixed-case names, no type information. */
    static Table reserved() {
        return new Table("Reserved", null, "Order \"Lines\"", List.of(
                new Column("order", "order", Role.KEY, false, "?", null),
                new Column("select", "select", Role.DATA, false, "? format json", null)));
    }
}
