package dev.upsert.dialect;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class H2DialectTest {

    private final H2Dialect dialect = new H2Dialect();

    @Test
    void mergeWithIdentityVersionAndTimestamps() {
        assertThat(dialect.upsert(Tables.customer(), true, 2)).isEqualTo(
                "MERGE INTO \"dw\".\"customer\" AS \"t\""
                + " USING (VALUES (1, ?, ?, ?, ?, ?, ?), (2, ?, ?, ?, ?, ?, ?))"
                + " AS \"i\"(\"n\", \"c0\", \"c1\", \"c2\", \"c3\", \"c4\", \"c5\")"
                + " ON \"t\".\"source_system\" = \"i\".\"c0\" AND \"t\".\"external_id\" = \"i\".\"c1\""
                + " WHEN MATCHED AND (\"t\".\"name\" IS DISTINCT FROM \"i\".\"c2\")"
                + " THEN UPDATE SET \"name\" = \"i\".\"c2\", \"version\" = \"t\".\"version\" + 1, \"updated_at\" = \"i\".\"c5\""
                + " WHEN NOT MATCHED THEN INSERT (\"source_system\", \"external_id\", \"name\", \"version\", \"created_at\", \"updated_at\")"
                + " VALUES (\"i\".\"c0\", \"i\".\"c1\", \"i\".\"c2\", \"i\".\"c3\", \"i\".\"c4\", \"i\".\"c5\")");
    }

    @Test
    void sequenceIdAndJsonCast() {
        Table table = Tables.customer().withColumns(c -> switch (c.role()) {
            case GENERATED_ID -> new Column(c.name(), c.attribute(), c.role(), true, "next value for customer_seq", null);
            case DATA -> c.withSqlType("JSON");
            default -> c;
        });
        assertThat(dialect.upsert(table, true, 2))
                .contains("(VALUES (1, ?, ?, CAST(? AS JSON), ?, ?, ?), (2, ?, ?, ?, ?, ?, ?))")
                .contains("INSERT (\"id\", \"source_system\"").contains("VALUES (next value for customer_seq, \"i\".\"c0\"");
    }

    /**
     * An array column's values are cast, or H2 would type them as text and not compare them: text
     * without its elements' length, which a cast would cut them to; an enum's not at all.
     */
    @Test
    void arraysAreCastToTheirColumnsType() {
        java.util.function.Function<String, String> sql = type -> dialect.upsert(
                Tables.customer().withColumns(c -> c.name().equals("name") ? c.withSqlType(type) : c), true, 2);
        assertThat(sql.apply("CHARACTER VARYING(255) ARRAY")).contains("CAST(? AS CHARACTER VARYING ARRAY)")
                .contains("\"t\".\"name\" IS DISTINCT FROM \"i\".\"c2\"");
        assertThat(sql.apply("INTEGER ARRAY")).contains("CAST(? AS INTEGER ARRAY)");
        assertThat(sql.apply("ENUM('a', 'b') ARRAY")).doesNotContain("CAST");
    }

    @Test
    void withoutComparedColumnsThereIsNoMatchedBranch() {
        Table keysOnly = Tables.customer().withColumns(c -> c.role() == Column.Role.DATA ? c.withRole(Column.Role.INSERT_ONLY) : c);
        assertThat(dialect.upsert(keysOnly, true, 1)).doesNotContain("WHEN MATCHED");
        assertThat(dialect.upsert(Tables.customer(), false, 1)).contains("WHEN MATCHED THEN UPDATE SET");
    }

    @Test
    void quotesEveryIdentifier() {
        assertThat(dialect.upsert(Tables.reserved(), true, 1)).isEqualTo(
                "MERGE INTO \"Order \"\"Lines\"\"\" AS \"t\" USING (VALUES (1, ?, ? format json)) AS \"i\"(\"n\", \"c0\", \"c1\")"
                + " ON \"t\".\"order\" = \"i\".\"c0\""
                + " WHEN MATCHED AND (\"t\".\"select\" IS DISTINCT FROM \"i\".\"c1\") THEN UPDATE SET \"select\" = \"i\".\"c1\""
                + " WHEN NOT MATCHED THEN INSERT (\"order\", \"select\") VALUES (\"i\".\"c0\", \"i\".\"c1\")");
    }
}
