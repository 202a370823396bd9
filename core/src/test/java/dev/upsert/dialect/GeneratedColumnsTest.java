package dev.upsert.dialect;

import dev.upsert.dialect.Column.Role;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Columns the database generates: its SQL in the insert, again in a real update where it generates on update, never bound. */
class GeneratedColumnsTest {

    static Table visit() {
        return new Table("Visit", null, "visit", List.of(
                new Column("id", "id", Role.GENERATED_ID, true, null, "int8"),
                new Column("code", "code", Role.KEY, false, "?", "varchar"),
                new Column("page", "page", Role.DATA, false, "?", "varchar"),
                new Column("first_seen", "firstSeen", Role.GENERATED_ON_INSERT, true, "current_timestamp", "timestamp"),
                new Column("last_changed", "lastChanged", Role.GENERATED_ON_WRITE, true, "current_timestamp", "timestamp"),
                new Column("status", "status", Role.GENERATED_ON_INSERT, true, null, "varchar"),
                new Column("revised", "revised", Role.GENERATED_ON_WRITE, true, null, "timestamp")));
    }

    @Test
    void neverBoundAndUpdatedOnlyWhereTheDatabaseGeneratesOnUpdateBySql() {
        assertThat(visit().bound()).extracting(Column::name).containsExactly("code", "page");
        assertThat(visit().updated()).extracting(Column::name).containsExactly("page", "last_changed");
        assertThat(visit().results()).extracting(Column::name)
                .containsExactly("id", "code", "first_seen", "last_changed", "status", "revised");
    }

    @Test
    void postgresAndMariaDbWriteTheirSql() {
        assertThat(new PostgresDialect().upsertArrays(visit(), true)).isEqualTo("INSERT INTO \"visit\" AS \"t\""
                + " (\"code\", \"page\", \"first_seen\", \"last_changed\") SELECT \"i\".\"c0\", \"i\".\"c1\","
                + " current_timestamp, current_timestamp FROM unnest(CAST(? AS varchar[]), CAST(? AS varchar[])) WITH ORDINALITY"
                + " AS \"i\"(\"c0\", \"c1\", \"n\") ORDER BY \"i\".\"n\" ON CONFLICT (\"code\") DO UPDATE SET"
                + " \"page\" = EXCLUDED.\"page\", \"last_changed\" = current_timestamp"
                + " WHERE (\"t\".\"page\") IS DISTINCT FROM (EXCLUDED.\"page\") RETURNING \"t\".\"id\", \"t\".\"code\","
                + " \"t\".\"first_seen\", \"t\".\"last_changed\", \"t\".\"status\", \"t\".\"revised\", (\"t\".xmax = 0)");
        assertThat(new MariaDbDialect().upsert(visit(), true, 1)).isEqualTo("INSERT INTO `visit`"
                + " (`code`, `page`, `first_seen`, `last_changed`) VALUES (?, ?, current_timestamp, current_timestamp)"
                + " ON DUPLICATE KEY UPDATE `last_changed` = IF(NOT (BINARY `visit`.`page` <=> BINARY VALUES(`page`)),"
                + " current_timestamp, `visit`.`last_changed`), `page` = IF(NOT (BINARY `visit`.`page` <=> BINARY VALUES(`page`)),"
                + " VALUES(`page`), `visit`.`page`)");
    }

    /** Where the id is proposed (MariaDB's sequence, PostgreSQL's guard), the generated columns still take their SQL. */
    @Test
    void besideAProposedId() {
        Table sequenced = visit().withColumns(c -> c.role() == Role.GENERATED_ID
                ? new Column("id", "id", Role.GENERATED_ID, true, "NEXT VALUE FOR `visit_seq`", "bigint") : c);
        assertThat(new MariaDbDialect().upsert(sequenced, true, 1)).startsWith("INSERT INTO `visit`"
                + " (`id`, `code`, `page`, `first_seen`, `last_changed`) SELECT COALESCE(`x`.`id`, NEXT VALUE FOR `visit_seq`),"
                + " `i`.`c0`, `i`.`c1`, current_timestamp, current_timestamp FROM (SELECT 1 AS `n`, ? AS `c0`, ? AS `c1`) AS `i`")
                .contains("`last_changed` = IF(");
        assertThat(new PostgresDialect().upsertArrays(visit().withSequenceGuard(true), true))
                .contains("(\"id\", \"code\", \"page\", \"first_seen\", \"last_changed\") OVERRIDING SYSTEM VALUE SELECT COALESCE(")
                .contains("\"i\".\"c0\", \"i\".\"c1\", current_timestamp, current_timestamp FROM unnest(");
    }

    /** Every other dialect: the insert names the generated columns with SQL, the update the one generated on update. */
    @Test
    void everyDialectInsertsAndUpdatesThem() {
        for (Dialect dialect : List.of(new PostgresMergeDialect(), new H2Dialect(), new SqliteDialect(),
                new SqlServerDialect(), new OracleDialect())) {
            String sql = dialect.upsert(visit(), true, 2).replace("`", "\"").replace("[", "\"").replace("]", "\"");
            assertThat(sql).as(dialect.name())
                    .contains("(\"code\", \"page\", \"first_seen\", \"last_changed\")")
                    .contains("\"last_changed\" = current_timestamp").doesNotContain("\"first_seen\" =")
                    .doesNotContain("status").doesNotContain("revised");
        }
        assertThat(new MySqlDialect(true).upsert(visit(), true, 1))
                .contains("(`code`, `page`, `first_seen`, `last_changed`) VALUES (?, ?, current_timestamp, current_timestamp) AS `new`")
                .contains("`last_changed` = IF(NOT (BINARY `visit`.`page` <=> BINARY `new`.`page`), current_timestamp,");
        GenericDialect generic = new GenericDialect("X", '"', '"');
        assertThat(generic.insert(visit()))
                .isEqualTo("INSERT INTO \"visit\" (\"code\", \"page\", \"first_seen\", \"last_changed\") VALUES (?, ?, current_timestamp, current_timestamp)");
        assertThat(generic.update(visit(), false)).isEqualTo("UPDATE \"visit\" SET \"page\" = ?, \"last_changed\" = current_timestamp WHERE \"code\" = ?");
    }
}
