package dev.upsert.dialect;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** SQL text of the dialects beyond PostgreSQL and H2; SQL Server, Oracle and MySQL have no live server here. */
class MoreDialectsTest {

    private static final String MYSQL_CHANGED = "NOT (BINARY `dw`.`customer`.`name` <=> BINARY %1$s)"
            + " OR NOT (`dw`.`customer`.`score` <=> %2$s)";

    /** A scope's conditions on columns and one in SQL of the mapping's own (an entity's @SQLRestriction), alike in every dialect. */
    @Test
    void scopesTakeConditionsOnColumnsAndInSql() {
        Table customer = Tables.customer();
        java.util.List<Filter> scope = java.util.List.of(new Filter(customer.columns().get(3), dev.upsert.Scope.Operator.EQ),
                Filter.sql("archived = false"));
        assertThat(scope).extracting(Filter::takesValue).containsExactly(true, false);
        assertThat(new MariaDbDialect().delete(customer, scope))
                .isEqualTo("DELETE FROM `dw`.`customer` WHERE `name` = ? AND (archived = false)");
        assertThat(new SqlServerDialect().selectKeys(customer, scope))
                .isEqualTo("SELECT [source_system], [external_id] FROM [dw].[customer] WHERE [name] = ? AND (archived = false)");
    }

    /**
     * A JOINED type's rows are the root rows its own table has a row for; their ids are read by
     * the scope's conditions and keys, to delete the type's table's rows first.
     */
    @Test
    void aJoinedTypesRowsAreThoseItsTableHasARowFor() {
        Table customer = Tables.customer();
        Column id = customer.columns().get(0);
        Table vip = new Table("Vip", "dw", "vip", List.of(new Column("customer_id", "id", Column.Role.KEY, false, "?", null)));
        Filter type = Filter.in(id, vip);
        assertThat(type.takesValue()).isFalse();
        assertThat(new MariaDbDialect().selectByKeys(customer, List.of(id), List.of(type), 2, true))
                .isEqualTo("SELECT `id` FROM `dw`.`customer` WHERE `id` IN (SELECT `customer_id` FROM `dw`.`vip`)"
                        + " AND (`source_system`, `external_id`) IN ((?, ?), (?, ?)) FOR UPDATE");
        assertThat(new PostgresDialect().selectByKeys(customer, List.of(id),
                List.of(new Filter(customer.columns().get(3), dev.upsert.Scope.Operator.EQ), type), 0, false))
                .isEqualTo("SELECT \"id\" FROM \"dw\".\"customer\" WHERE \"name\" = ?"
                        + " AND \"id\" IN (SELECT \"customer_id\" FROM \"dw\".\"vip\")");
        assertThat(new SqlServerDialect().selectByKeys(customer, List.of(id), List.of(Filter.notIn(id, vip)), 0, true))
                .isEqualTo("SELECT [id] FROM [dw].[customer] WITH (UPDLOCK, HOLDLOCK)"
                        + " WHERE [id] NOT IN (SELECT [customer_id] FROM [dw].[vip])");
        assertThatThrownBy(() -> Filter.in(id, customer)).hasMessageContaining("no one-column key");
    }

    @Test
    void mySqlRowAlias() {
        String changed = String.format(MYSQL_CHANGED, "`new`.`name`", "`new`.`score`");
        assertThat(new MySqlDialect(true).upsert(Tables.scored(null), true, 2)).isEqualTo(
                "INSERT INTO `dw`.`customer` (`source_system`, `external_id`, `name`, `score`, `version`, `updated_at`)"
                + " VALUES (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?) AS `new` ON DUPLICATE KEY UPDATE"
                + " `version` = IF(" + changed + ", `dw`.`customer`.`version` + 1, `dw`.`customer`.`version`),"
                + " `updated_at` = IF(" + changed + ", `new`.`updated_at`, `dw`.`customer`.`updated_at`),"
                + " `name` = IF(" + changed + ", `new`.`name`, `dw`.`customer`.`name`),"
                + " `score` = IF(" + changed + ", `new`.`score`, `dw`.`customer`.`score`)");
    }

    @Test
    void mySqlBefore8019UsesTheValuesFunction() {
        String sql = new MySqlDialect(false).upsert(Tables.scored(null), true, 1);
        assertThat(sql).doesNotContain(" AS `new`")
                .contains("NOT (BINARY `dw`.`customer`.`name` <=> BINARY VALUES(`name`))")
                .contains("`name` = IF(").contains("VALUES(`name`), `dw`.`customer`.`name`)");
    }

    @Test
    void mySqlWithoutSkipUnchangedAssignsPlainly() {
        assertThat(new MySqlDialect(true).upsert(Tables.scored(null), false, 1)).endsWith(
                "ON DUPLICATE KEY UPDATE `version` = `dw`.`customer`.`version` + 1, `updated_at` = `new`.`updated_at`,"
                + " `name` = `new`.`name`, `score` = `new`.`score`");
    }

    @Test
    void mariaDbProposesSequenceIdsOnlyForAbsentKeysAndOtherwiseInsertsValues() {
        String sql = new MariaDbDialect().upsert(Tables.scored("nextval(`customer_seq`)"), true, 2);
        assertThat(sql).startsWith("INSERT INTO `dw`.`customer` (`id`, `source_system`, `external_id`, `name`, `score`,"
                        + " `version`, `updated_at`) SELECT COALESCE(`x`.`id`, nextval(`customer_seq`)), `i`.`c0`,")
                .contains(" FROM (SELECT 1 AS `n`, ? AS `c0`, ? AS `c1`, ? AS `c2`, ? AS `c3`, ? AS `c4`, ? AS `c5`"
                        + " UNION ALL SELECT 2, ?, ?, ?, ?, ?, ?) AS `i`"
                        + " LEFT JOIN `dw`.`customer` AS `x` ON `x`.`source_system` = `i`.`c0` AND `x`.`external_id` = `i`.`c1`"
                        + " ORDER BY `i`.`n` ON DUPLICATE KEY UPDATE `version` = IF(")
                .as("each value as its column keeps it").contains("`name` = IF(" + String.format(MYSQL_CHANGED, "VALUES(`name`)",
                        "VALUES(`score`)") + ", VALUES(`name`), `dw`.`customer`.`name`)");
        assertThat(new MariaDbDialect().upsert(Tables.scored(null), true, 2)).as("an AUTO_INCREMENT id: plain VALUES")
                .startsWith("INSERT INTO `dw`.`customer` (`source_system`, `external_id`, `name`, `score`, `version`, `updated_at`)"
                        + " VALUES (?, ?, ?, ?, ?, ?), (?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE `version` = IF(")
                .contains("`name` = IF(" + String.format(MYSQL_CHANGED, "VALUES(`name`)", "VALUES(`score`)")
                        + ", VALUES(`name`), `dw`.`customer`.`name`)");
    }

    @Test
    void duplicateKeyWithNothingToUpdateIsANoOpAssignment() {
        Table keysOnly = Tables.scored(null).withColumns(c -> c.role() == Column.Role.DATA ? c.withRole(Column.Role.INSERT_ONLY) : c);
        assertThat(new MariaDbDialect().upsert(keysOnly, true, 1))
                .endsWith("ON DUPLICATE KEY UPDATE `source_system` = `dw`.`customer`.`source_system`");
    }

    @Test
    void sqlServerMergeHoldsItsLocksAndComparesNullSafely() {
        assertThat(new SqlServerDialect().upsert(Tables.scored(null), true, 2)).isEqualTo(
                "MERGE INTO [dw].[customer] WITH (HOLDLOCK) AS [t]"
                + " USING (VALUES (1, ?, ?, ?, ?, ?, ?), (2, ?, ?, ?, ?, ?, ?)) AS [i]([n], [c0], [c1], [c2], [c3], [c4], [c5])"
                + " ON [t].[source_system] = [i].[c0] AND [t].[external_id] = [i].[c1]"
                + " WHEN MATCHED AND EXISTS (SELECT [t].[name], [t].[score] EXCEPT SELECT [i].[c2], [i].[c3])"
                + " THEN UPDATE SET [name] = [i].[c2], [score] = [i].[c3], [version] = [t].[version] + 1, [updated_at] = [i].[c5]"
                + " WHEN NOT MATCHED THEN INSERT ([source_system], [external_id], [name], [score], [version], [updated_at])"
                + " VALUES ([i].[c0], [i].[c1], [i].[c2], [i].[c3], [i].[c4], [i].[c5]);");
    }

    @Test
    void sqlServerStaysUnder2100ParametersAndMatchesKeysWithoutRowValues() {
        SqlServerDialect dialect = new SqlServerDialect();
        Table table = Tables.scored(null);
        assertThat(dialect.rowsPerStatement(table, 10_000) * table.bound().size()).isLessThan(2_100);
        assertThat(dialect.selectByKeys(table, table.keys(), 2, false)).isEqualTo(
                "SELECT [source_system], [external_id] FROM [dw].[customer] WHERE"
                + " (([source_system] = ? AND [external_id] = ?) OR ([source_system] = ? AND [external_id] = ?))");
        assertThat(dialect.quote("a]b")).isEqualTo("[a]]b]");
    }

    @Test
    void sqlServerRefusesSequenceIdsInMerge() {
        assertThatThrownBy(() -> new SqlServerDialect().upsert(Tables.scored("NEXT VALUE FOR customer_seq"), true, 1))
                .isInstanceOf(UnsupportedOperationException.class).hasMessageContaining("Customer.id");
    }

    @Test
    void oracleMergeFromDual() {
        assertThat(new OracleDialect().upsert(Tables.scored("\"customer_seq\".nextval"), true, 2)).isEqualTo(
                "MERGE INTO \"dw\".\"customer\" \"t\" USING (SELECT 1 AS \"n\", ? AS \"c0\", ? AS \"c1\", ? AS \"c2\","
                + " ? AS \"c3\", ? AS \"c4\", ? AS \"c5\" FROM dual UNION ALL SELECT 2, ?, ?, ?, ?, ?, ? FROM dual) \"i\""
                + " ON (\"t\".\"source_system\" = \"i\".\"c0\" AND \"t\".\"external_id\" = \"i\".\"c1\")"
                + " WHEN MATCHED THEN UPDATE SET \"name\" = \"i\".\"c2\", \"score\" = \"i\".\"c3\","
                + " \"version\" = \"t\".\"version\" + 1, \"updated_at\" = \"i\".\"c5\""
                + " WHERE DECODE(\"t\".\"name\", \"i\".\"c2\", 0, 1) = 1 OR DECODE(\"t\".\"score\", \"i\".\"c3\", 0, 1) = 1"
                + " WHEN NOT MATCHED THEN INSERT (\"id\", \"source_system\", \"external_id\", \"name\", \"score\", \"version\", \"updated_at\")"
                + " VALUES (\"customer_seq\".nextval, \"i\".\"c0\", \"i\".\"c1\", \"i\".\"c2\", \"i\".\"c3\", \"i\".\"c4\", \"i\".\"c5\")");
    }

    @Test
    void oracleKeepsKeyListsWithinAThousand() {
        assertThat(new OracleDialect().rowsPerStatement(Tables.scored(null), 50_000)).isEqualTo(1_000);
    }

    @Test
    void sqliteUpsertFromAValuesList() {
        assertThat(new SqliteDialect().upsert(Tables.scored(null), true, 2)).isEqualTo(
                "INSERT INTO \"dw\".\"customer\" AS \"t\" (\"source_system\", \"external_id\", \"name\", \"score\", \"version\", \"updated_at\")"
                + " SELECT \"i\".\"c0\", \"i\".\"c1\", \"i\".\"c2\", \"i\".\"c3\", \"i\".\"c4\", \"i\".\"c5\""
                + " FROM (SELECT column1 AS \"n\", column2 AS \"c0\", column3 AS \"c1\", column4 AS \"c2\", column5 AS \"c3\","
                + " column6 AS \"c4\", column7 AS \"c5\" FROM (VALUES (1, ?, ?, ?, ?, ?, ?), (2, ?, ?, ?, ?, ?, ?))) AS \"i\""
                + " WHERE true ORDER BY \"i\".\"n\" ON CONFLICT (\"source_system\", \"external_id\") DO UPDATE SET"
                + " \"name\" = excluded.\"name\", \"score\" = excluded.\"score\", \"version\" = \"t\".\"version\" + 1,"
                + " \"updated_at\" = excluded.\"updated_at\""
                + " WHERE \"t\".\"name\" IS NOT excluded.\"name\" OR \"t\".\"score\" IS NOT excluded.\"score\"");
    }

    @Test
    void postgresMergeTakesASequenceValueOnlyOnInsert() {
        assertThat(new PostgresMergeDialect().upsert(Tables.scored("nextval('customer_seq')"), true, 1)).isEqualTo(
                "MERGE INTO \"dw\".\"customer\" AS \"t\" USING (VALUES (1, CAST(? AS varchar), CAST(? AS varchar),"
                + " CAST(? AS varchar), CAST(? AS decimal), CAST(? AS int4), CAST(? AS timestamptz)))"
                + " AS \"i\"(\"n\", \"c0\", \"c1\", \"c2\", \"c3\", \"c4\", \"c5\")"
                + " ON \"t\".\"source_system\" = \"i\".\"c0\" AND \"t\".\"external_id\" = \"i\".\"c1\""
                + " WHEN MATCHED AND (\"t\".\"name\", \"t\".\"score\") IS DISTINCT FROM (\"i\".\"c2\", \"i\".\"c3\")"
                + " THEN UPDATE SET \"name\" = \"i\".\"c2\", \"score\" = \"i\".\"c3\", \"version\" = \"t\".\"version\" + 1,"
                + " \"updated_at\" = \"i\".\"c5\""
                + " WHEN NOT MATCHED THEN INSERT (\"id\", \"source_system\", \"external_id\", \"name\", \"score\", \"version\","
                + " \"updated_at\") VALUES (nextval('customer_seq'), \"i\".\"c0\", \"i\".\"c1\", \"i\".\"c2\", \"i\".\"c3\","
                + " \"i\".\"c4\", \"i\".\"c5\")");
    }

    /** Where a session setting decides whether a time's extra digits are rounded, it is read. */
    @Test
    void theSqlModeSaysWhetherTimesAreRounded() {
        assertThat(new MariaDbDialect().roundsFractionalSecondsQuery()).contains("TIME_ROUND_FRACTIONAL").doesNotContain("NOT");
        assertThat(new MySqlDialect(true).roundsFractionalSecondsQuery()).contains("NOT LIKE '%TIME_TRUNCATE_FRACTIONAL%'");
        assertThat(new PostgresDialect().roundsFractionalSecondsQuery()).isNull();
    }

    @Test
    void genericUpdatesAndInsertsRowByRow() {
        GenericDialect dialect = new GenericDialect();
        Table table = Tables.scored(null);
        assertThat(dialect.update(table, true)).isEqualTo(
                "UPDATE \"dw\".\"customer\" SET \"name\" = ?, \"score\" = ?, \"version\" = \"version\" + 1, \"updated_at\" = ?"
                + " WHERE \"source_system\" = ? AND \"external_id\" = ?"
                + " AND (CASE WHEN \"name\" = ? OR \"name\" IS NULL AND COALESCE(?, \"name\") IS NULL THEN 0 ELSE 1 END = 1"
                + " OR CASE WHEN \"score\" = ? OR \"score\" IS NULL AND COALESCE(?, \"score\") IS NULL THEN 0 ELSE 1 END = 1)");
        assertThat(dialect.update(table, false)).doesNotContain("CASE");
        assertThat(dialect.insert(table)).isEqualTo("INSERT INTO \"dw\".\"customer\" (\"source_system\", \"external_id\","
                + " \"name\", \"score\", \"version\", \"updated_at\") VALUES (?, ?, ?, ?, ?, ?)");
        assertThat(dialect.insert(Tables.scored("next value for customer_seq")))
                .contains("(\"id\", \"source_system\"").contains("VALUES (next value for customer_seq, ?");
        assertThat(new GenericDialect("x", '[', ']').quote("a]b")).isEqualTo("[a]]b]");
    }

    @Test
    void sqlServerLocksThroughTableHints() {
        Table table = Tables.customer();
        assertThat(new SqlServerDialect().selectByKeys(table, table.keys(), 1, true)).isEqualTo(
                "SELECT [source_system], [external_id] FROM [dw].[customer] WITH (UPDLOCK, HOLDLOCK)"
                + " WHERE (([source_system] = ? AND [external_id] = ?))");
        assertThat(new SqlServerDialect().selectByKeys(table, table.keys(), 1, false)).doesNotContain("WITH");
    }

    /** SQL Server's datetime keeps steps of 1/300 s and smalldatetime whole minutes: their times are left to it. */
    @Test
    void sqlServerLeavesItsOldTimeTypesToTheDatabase() {
        SqlServerDialect dialect = new SqlServerDialect();
        assertThat(dialect.keepsReportedFractionalDigits("datetime")).isFalse();
        assertThat(dialect.keepsReportedFractionalDigits("smalldatetime")).isFalse();
        assertThat(dialect.keepsReportedFractionalDigits("datetime2")).isTrue();
        assertThat(new PostgresDialect().keepsReportedFractionalDigits("timestamp")).isTrue();
    }
}
