package dev.upsert.dialect;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class PostgresDialectTest {

    private final PostgresDialect dialect = new PostgresDialect();

    @Test
    void guardedUpsertWithGeneratedIdVersionAndTimestamps() {
        assertThat(dialect.upsert(Tables.customer().withSequenceGuard(true), true, 2)).isEqualTo(
                "INSERT INTO \"dw\".\"customer\" AS \"t\" (\"id\", \"source_system\", \"external_id\", \"name\", \"version\", \"created_at\", \"updated_at\")"
                + " OVERRIDING SYSTEM VALUE SELECT COALESCE((SELECT \"x\".\"id\" FROM \"dw\".\"customer\" AS \"x\""
                + " WHERE \"x\".\"source_system\" = \"i\".\"c0\" AND \"x\".\"external_id\" = \"i\".\"c1\"),"
                + " nextval((SELECT pg_get_serial_sequence('\"dw\".\"customer\"', 'id')))),"
                + " \"i\".\"c0\", \"i\".\"c1\", \"i\".\"c2\", \"i\".\"c3\", \"i\".\"c4\", \"i\".\"c5\""
                + " FROM (VALUES (1, CAST(? AS varchar), CAST(? AS varchar), CAST(? AS varchar), CAST(? AS int4),"
                + " CAST(? AS timestamptz), CAST(? AS timestamptz)), (2, ?, ?, ?, ?, ?, ?))"
                + " AS \"i\"(\"n\", \"c0\", \"c1\", \"c2\", \"c3\", \"c4\", \"c5\")"
                + " ORDER BY \"i\".\"n\""
                + " ON CONFLICT (\"source_system\", \"external_id\") DO UPDATE SET \"name\" = EXCLUDED.\"name\","
                + " \"version\" = \"t\".\"version\" + 1, \"updated_at\" = EXCLUDED.\"updated_at\""
                + " WHERE (\"t\".\"name\") IS DISTINCT FROM (EXCLUDED.\"name\")"
                + " RETURNING \"t\".\"id\", \"t\".\"source_system\", \"t\".\"external_id\", \"t\".\"version\","
                + " \"t\".\"created_at\", \"t\".\"updated_at\", (\"t\".xmax = 0)");
    }

    @Test
    void only32BitIdsAreGuardedByDefault() {
        String wide = dialect.upsert(Tables.customer(), true, 1);
        assertThat(wide).doesNotContain("COALESCE").doesNotContain("nextval").doesNotContain("OVERRIDING")
                .startsWith("INSERT INTO \"dw\".\"customer\" AS \"t\" (\"source_system\", \"external_id\", \"name\",")
                .contains("RETURNING \"t\".\"id\", ");
        Table narrow = Tables.customer().withColumns(c -> c.role() == Column.Role.GENERATED_ID ? c.withSqlType("int4") : c);
        assertThat(dialect.upsert(narrow, true, 1)).contains("SELECT COALESCE((SELECT \"x\".\"id\"");
        assertThat(dialect.upsert(narrow.withSequenceGuard(false), true, 1)).doesNotContain("COALESCE");
    }

    @Test
    void sequenceExpressionComesFromTheModel() {
        Table table = Tables.customer().withColumns(c -> c.role() == Column.Role.GENERATED_ID
                ? new Column(c.name(), c.attribute(), c.role(), true, "nextval('customer_seq')", c.sqlType()) : c);
        assertThat(dialect.upsert(table.withSequenceGuard(true), true, 1))
                .contains("\"x\".\"external_id\" = \"i\".\"c1\"), nextval('customer_seq'))")
                .doesNotContain("OVERRIDING SYSTEM VALUE");
        assertThat(dialect.upsert(table, true, 1)).contains(" SELECT nextval('customer_seq'), \"i\".\"c0\"");
    }

    @Test
    void unchangedRowsAreReadBackByKeyArrays() {
        Table table = Tables.customer();
        assertThat(dialect.selectByKeyArrays(table, List.of(table.columns().get(0), table.columns().get(4)))).isEqualTo(
                "SELECT \"x\".\"id\", \"x\".\"version\" FROM unnest(CAST(? AS varchar[]), CAST(? AS varchar[]))"
                + " AS \"i\"(\"k0\", \"k1\") CROSS JOIN LATERAL (SELECT \"x\".\"id\", \"x\".\"version\" FROM \"dw\".\"customer\" AS \"x\""
                + " WHERE \"x\".\"source_system\" = \"i\".\"k0\" AND \"x\".\"external_id\" = \"i\".\"k1\" OFFSET 0) AS \"x\"");
        assertThat(dialect.selectByKeyArrays(Tables.reserved(), Tables.reserved().columns())).as("a key type unknown").isNull();
    }

    @Test
    void withoutSkipUnchangedEveryConflictUpdates() {
        assertThat(dialect.upsert(Tables.customer(), false, 1)).doesNotContain("IS DISTINCT FROM")
                .contains("DO UPDATE SET");
    }

    @Test
    void nothingToCompareMeansDoNothing() {
        Table keysOnly = Tables.customer().withColumns(c -> c.role() == Column.Role.DATA ? c.withRole(Column.Role.INSERT_ONLY) : c);
        assertThat(dialect.upsert(keysOnly, true, 1)).contains("ON CONFLICT (\"source_system\", \"external_id\") DO NOTHING RETURNING");
    }

    @Test
    void quotesEveryIdentifierAndKeepsWriteExpressions() {
        assertThat(dialect.upsert(Tables.reserved(), true, 2)).isEqualTo(
                "INSERT INTO \"Order \"\"Lines\"\"\" AS \"t\" (\"order\", \"select\")"
                + " SELECT \"i\".\"c0\", \"i\".\"c1\""
                + " FROM (VALUES (1, ?, ? format json), (2, ?, ? format json)) AS \"i\"(\"n\", \"c0\", \"c1\")"
                + " ORDER BY \"i\".\"n\" ON CONFLICT (\"order\") DO UPDATE SET \"select\" = EXCLUDED.\"select\""
                + " WHERE (\"t\".\"select\") IS DISTINCT FROM (EXCLUDED.\"select\")"
                + " RETURNING \"t\".\"order\", (\"t\".xmax = 0)");
    }

    @Test
    void selectsByCompositeAndSingleKeys() {
        assertThat(dialect.selectByKeys(Tables.customer(), Tables.customer().results(), 2, false)).isEqualTo(
                "SELECT \"id\", \"source_system\", \"external_id\", \"version\", \"created_at\", \"updated_at\""
                + " FROM \"dw\".\"customer\" WHERE (\"source_system\", \"external_id\") IN ((?, ?), (?, ?))");
        assertThat(dialect.selectByKeys(Tables.reserved(), Tables.reserved().results(), 3, true)).isEqualTo(
                "SELECT \"order\" FROM \"Order \"\"Lines\"\"\" WHERE \"order\" IN (?, ?, ?) FOR UPDATE");
    }

    @Test
    void mergePoliciesShapeTheAssignmentAndTheChangeTest() {
        Table table = Tables.scored(null).withColumns(c -> switch (c.name()) {
            case "name" -> c.withMerge(dev.upsert.MergePolicy.KEEP_EXISTING_WHEN_NULL);
            case "score" -> c.withMerge(dev.upsert.MergePolicy.ADD);
            default -> c;
        });
        assertThat(dialect.upsert(table, true, 1))
                .contains("\"name\" = COALESCE(EXCLUDED.\"name\", \"t\".\"name\")")
                .contains("\"score\" = CASE WHEN EXCLUDED.\"score\" IS NULL THEN \"t\".\"score\" ELSE COALESCE(\"t\".\"score\", 0)"
                        + " + EXCLUDED.\"score\" END")
                .contains("WHERE (\"t\".\"name\", \"t\".\"score\") IS DISTINCT FROM (COALESCE(EXCLUDED.\"name\", \"t\".\"name\"),"
                        + " CASE WHEN EXCLUDED.\"score\" IS NULL THEN \"t\".\"score\" ELSE COALESCE(\"t\".\"score\", 0) + EXCLUDED.\"score\" END)");
        Table greater = Tables.scored(null).withColumns(c -> c.name().equals("score") ? c.withMerge(dev.upsert.MergePolicy.KEEP_GREATER) : c);
        assertThat(new MariaDbDialect().upsert(greater, true, 1)).contains("`score` = IF(")
                .contains("CASE WHEN `dw`.`customer`.`score` IS NULL OR VALUES(`score`) > `dw`.`customer`.`score` THEN VALUES(`score`)"
                        + " ELSE `dw`.`customer`.`score` END");
    }

    @Test
    void arraysBindWholeColumnsWhateverTheNumberOfRows() {
        assertThat(dialect.upsertArrays(Tables.customer(), true))
                .contains(" FROM (SELECT \"c0\" AS \"c0\", \"c1\" AS \"c1\", \"c2\" AS \"c2\", \"c3\" AS \"c3\","
                        + " timestamptz 'epoch' + \"c4\" / 1000000 * interval '1 second' + \"c4\" % 1000000 * interval '1 microsecond' AS \"c4\","
                        + " timestamptz 'epoch' + \"c5\" / 1000000 * interval '1 second' + \"c5\" % 1000000 * interval '1 microsecond' AS \"c5\","
                        + " \"n\" FROM unnest(CAST(? AS varchar[]), CAST(? AS varchar[]), CAST(? AS varchar[]), CAST(? AS int4[]),"
                        + " CAST(? AS int8[]), CAST(? AS int8[])) WITH ORDINALITY AS \"u\"(\"c0\", \"c1\", \"c2\", \"c3\", \"c4\", \"c5\", \"n\"))"
                        + " AS \"i\" ORDER BY \"i\".\"n\" ON CONFLICT")
                .endsWith(dialect.upsert(Tables.customer(), true, 1).substring(dialect.upsert(Tables.customer(), true, 1)
                        .indexOf(" ORDER BY")));
        assertThat(dialect.upsertArrays(Tables.reserved(), true)).as("a write expression or an unknown type: no arrays").isNull();
        Table textOnly = Tables.customer().withColumns(c -> c.name().endsWith("_at") ? c.withSqlType("text") : c);
        assertThat(dialect.upsertArrays(textOnly, true)).as("nothing to decode: no subquery")
                .contains(" FROM unnest(CAST(? AS varchar[]), CAST(? AS varchar[]), CAST(? AS varchar[]), CAST(? AS int4[]),"
                        + " CAST(? AS text[]), CAST(? AS text[])) WITH ORDINALITY"
                        + " AS \"i\"(\"c0\", \"c1\", \"c2\", \"c3\", \"c4\", \"c5\", \"n\") ORDER BY \"i\".\"n\" ON CONFLICT");
    }

    /** Timestamps and dates travel as numbers, which the server reads for a fraction of what it takes to parse their text. */
    @Test
    void timestampsAndDatesTravelAsMicrosecondsAndDays() {
        Column stamp = new Column("at", "at", Column.Role.DATA, false, "?", "timestamptz");
        Column day = new Column("on", "on", Column.Role.DATA, false, "?", "date");
        java.time.ZoneOffset plus = java.time.ZoneOffset.ofHoursMinutes(5, 30);
        assertThat((Long[]) dialect.arrayParameter(stamp, new Object[] {
                java.time.OffsetDateTime.of(1970, 1, 1, 5, 30, 0, 0, plus),
                java.time.OffsetDateTime.of(2026, 11, 29, 3, 4, 5, 123_456_499, java.time.ZoneOffset.UTC),
                java.time.OffsetDateTime.of(2026, 11, 29, 3, 4, 5, 123_456_500, java.time.ZoneOffset.UTC),
                java.time.OffsetDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_500, java.time.ZoneOffset.UTC),
                null}))
                .as("microseconds since 1970-01-01T00:00Z, rounded half up as PgJDBC rounds")
                .containsExactly(0L, 1_795_921_445_123_456L, 1_795_921_445_123_457L, 0L, null);
        assertThat((Long[]) dialect.arrayParameter(stamp, new Object[] {java.time.Instant.ofEpochSecond(-1, 999_999_499),
                java.time.ZonedDateTime.of(1970, 1, 1, 1, 0, 0, 1_500, java.time.ZoneId.of("Europe/Paris"))}))
                .containsExactly(-1L, 2L);
        assertThat((Long[]) dialect.arrayParameter(stamp.withSqlType("timestamp"), new Object[] {
                java.time.LocalDateTime.of(1970, 1, 1, 0, 0, 1, 999_999_500)})).as("a local date-time in its own clock").containsExactly(2_000_000L);
        assertThat(dialect.upsertArrays(Tables.customer().withColumns(c -> c.name().equals("name") ? c.withSqlType("timestamp") : c), true))
                .contains("timestamp 'epoch' + \"c2\" / 1000000 * interval '1 second' + \"c2\" % 1000000 * interval '1 microsecond' AS \"c2\"");
        assertThat((Integer[]) dialect.arrayParameter(day, new Object[] {java.time.LocalDate.of(1969, 12, 31),
                java.time.LocalDate.of(9999, 12, 31), null})).containsExactly(-1, 2_932_896, null);
        assertThat(dialect.selectByKeyArrays(Tables.customer().withColumns(c -> c.name().equals("external_id") ? c.withSqlType("date") : c),
                List.of(Tables.customer().columns().get(0))))
                .contains("CAST(? AS varchar[]), CAST(? AS int4[])")
                .contains("\"x\".\"external_id\" = date 'epoch' + \"i\".\"k1\"");
    }

    /**
     * What may travel in an array: a batch with any other value is bound one value at a time,
     * as the driver would bind it. Dates and timestamps of years outside 1 to 9999 have no plain
     * ISO text (the driver writes {@code infinity}, or a year before 1 with BC).
     */
    @Test
    void valuesThatCannotTravelInAnArrayAreBoundOneByOne() {
        Column text = new Column("t", "t", Column.Role.DATA, false, "?", "varchar");
        Column stamp = text.withSqlType("timestamptz");
        Column day = text.withSqlType("date");
        java.time.OffsetDateTime now = java.time.OffsetDateTime.of(2026, 1, 2, 3, 4, 5, 0, java.time.ZoneOffset.UTC);
        assertThat(dialect.arrayElements(stamp).test(now)).isTrue();
        assertThat(dialect.arrayElements(stamp).test(now.toInstant())).isTrue();
        assertThat(dialect.arrayElements(stamp).test(now.toZonedDateTime())).isTrue();
        assertThat(dialect.arrayElements(stamp).test(java.time.Instant.MAX)).isFalse();
        assertThat(dialect.arrayElements(stamp).test(java.time.Instant.parse("1583-01-01T00:00:00Z"))).isTrue();
        assertThat(dialect.arrayElements(stamp).test(java.time.Instant.parse("1582-12-31T23:59:59Z")))
                .as("an instant before the Gregorian reform, which Hibernate binds through the Julian calendar").isFalse();
        assertThat(dialect.arrayElements(stamp.withSqlType("timestamp")).test(java.time.LocalDateTime.of(1, 1, 1, 0, 0)))
                .as("a local date-time, which Hibernate binds as given").isTrue();
        assertThat(dialect.arrayElements(stamp.withSqlType("timestamp")).test(now.toLocalDateTime())).isTrue();
        assertThat(dialect.arrayElements(stamp.withSqlType("timestamp")).test(now)).as("an offset into a local timestamp").isFalse();
        assertThat(dialect.arrayElements(text).test(now.toInstant())).as("no known text").isFalse();
        assertThat(dialect.arrayElements(day).test(java.time.LocalDate.of(1, 1, 1))).isTrue();
        assertThat(dialect.arrayElements(text.withSqlType("bool")).test(true)).isTrue();
        assertThat(dialect.arrayElements(text.withSqlType("int2")).test(true)).as("a boolean Hibernate binds as a number").isFalse();
        assertThat(dialect.arrayElements(text).test(true)).as("a boolean Hibernate binds as Y/N or T/F").isFalse();
        assertThat(dialect.arrayElements(text.withSqlType("int8")).test(7L)).isTrue();
        assertThat(dialect.arrayElements(text.withSqlType("int8")).test(new java.math.BigDecimal("5.00")))
                .as("a decimal, which the driver's binding casts, into an integer").isFalse();
        assertThat(dialect.arrayElements(text.withSqlType("numeric")).test(new java.math.BigDecimal("5.00"))).isTrue();
        assertThat(dialect.arrayElements(text).test(now)).as("ISO text into a text column").isTrue();
        assertThat(dialect.arrayElements(stamp).test(now.toLocalDate())).as("a date into a timestamp").isFalse();
        assertThat(dialect.arrayElements(stamp).test("2026-01-02T03:04:05Z")).isFalse();
        assertThat(dialect.arrayElements(day).test(java.time.LocalDate.MAX)).isFalse();
        assertThat(dialect.arrayElements(text).test(java.time.LocalDate.of(10_000, 1, 1))).isFalse();
        assertThat(dialect.arrayElements(stamp).test(java.time.OffsetDateTime.of(0, 1, 1, 0, 0, 0, 0, java.time.ZoneOffset.UTC))).isFalse();
        assertThat(dialect.arrayElements(text).test(new Object())).as("a class of no known text").isFalse();
    }

    /** Bytes travel as themselves in the driver's binary format; wide integers and characters as text. */
    @Test
    void bytesTravelAsBytesAndWideNumbersAndCharactersAsText() {
        Column bytes = new Column("b", "b", Column.Role.KEY, false, "?", "bytea");
        byte[][] values = (byte[][]) dialect.arrayParameter(bytes, new Object[] {new byte[] {0, (byte) 0xff}, null, new byte[0]});
        assertThat(values).isDeepEqualTo(new byte[][] {{0, (byte) 0xff}, null, {}});
        assertThat(dialect.arrayElements(bytes).test(new byte[1])).isTrue();
        assertThat(dialect.arrayElements(bytes).test("\\x00")).isFalse();
        Table table = new Table("t", null, "T", List.of(bytes, new Column("n", "n", Column.Role.DATA, false, "?", "numeric")));
        assertThat(dialect.upsertArrays(table, true)).contains("unnest(CAST(? AS bytea[]), CAST(? AS numeric[]))")
                .doesNotContain("epoch");
        assertThat(dialect.selectByKeyArrays(table, table.columns())).contains("\"x\".\"b\" = \"i\".\"k0\"");

        Column text = new Column("t", "t", Column.Role.DATA, false, "?", "varchar");
        assertThat(dialect.arrayElements(text).test('"')).isTrue();
        assertThat(dialect.arrayElements(text.withSqlType("numeric")).test(java.math.BigInteger.TWO.pow(100))).isTrue();
        assertThat(dialect.arrayLiteral(new Object[] {'"', '\\', java.math.BigInteger.TWO.pow(70).negate()}))
                .isEqualTo("{\"\\\"\",\"\\\\\",\"-1180591620717411303424\"}");
    }

    @Test
    void withoutArraysEveryValueIsBoundByItself() {
        assertThat(new PostgresDialect(false).upsertArrays(Tables.customer(), true)).isNull();
        assertThat(new PostgresDialect(false).upsert(Tables.customer(), true, 2)).isEqualTo(dialect.upsert(Tables.customer(), true, 2));
    }

    @Test
    void mergeTakesTheSameArraysAsTheUpsert() {
        PostgresMergeDialect merge = new PostgresMergeDialect();
        String values = merge.upsert(Tables.customer(), true, 1);
        assertThat(merge.upsertArrays(Tables.customer(), true))
                .startsWith("MERGE INTO \"dw\".\"customer\" AS \"t\" USING (SELECT \"c0\" AS \"c0\",")
                .contains(" FROM unnest(CAST(? AS varchar[]), CAST(? AS varchar[]),")
                .contains(") WITH ORDINALITY AS \"u\"(\"c0\", \"c1\", \"c2\", \"c3\", \"c4\", \"c5\", \"n\")) AS \"i\" ON ")
                .endsWith(values.substring(values.indexOf(" ON ")));
        assertThat(merge.upsertArrays(Tables.reserved(), true)).isNull();
        assertThat(merge.arrayParameter(Tables.customer().columns().get(1), new Object[] {"a", null})).isEqualTo("{\"a\",NULL}");
    }

    @Test
    void arrayLiteralsQuoteAndEscapeTextAndSpellNull() {
        assertThat(dialect.arrayLiteral(new Object[] {"a\"b", "back\\slash", "{,}", "NULL", null, "", " x "}))
                .isEqualTo("{\"a\\\"b\",\"back\\\\slash\",\"{,}\",\"NULL\",NULL,\"\",\" x \"}");
        java.util.UUID uuid = java.util.UUID.fromString("123e4567-e89b-12d3-a456-426614174000");
        assertThat(dialect.arrayLiteral(new Object[] {1, -2L, (short) 3, (byte) 4, true, uuid, new java.math.BigDecimal("1E+3"),
                java.time.LocalDate.of(2026, 1, 2)}))
                .isEqualTo("{1,-2,3,4,true," + uuid + ",\"1E+3\",\"2026-01-02\"}");
        assertThat(dialect.arrayLiteral(new Object[0])).isEqualTo("{}");
        assertThat(dialect.arrayLiteral(new Object[] {"abc", "def"}, 8)).as("past what one value carries").isNull();
        assertThat(dialect.arrayLiteral(new Object[] {"abc", "def"}, 13)).isEqualTo("{\"abc\",\"def\"}");
    }

    /** As Hibernate binds a time of day, a java.sql.Time: milliseconds, a half up; past the last, midnight. */
    @Test
    void arrayLiteralsWriteTimesOfDayToTheMillisecond() {
        assertThat(dialect.arrayLiteral(new Object[] {java.time.LocalTime.of(6, 0, 15, 123_456_789), java.time.LocalTime.MIDNIGHT,
                java.time.LocalTime.of(12, 0, 0, 500_000), java.time.LocalTime.of(12, 0, 0, 499_999),
                java.time.LocalTime.of(23, 59, 59, 999_499_999), java.time.LocalTime.of(23, 59, 59, 999_500_000)}))
                .isEqualTo("{06:00:15.123,00:00:00,12:00:00.001,12:00:00,23:59:59.999,00:00:00}");
        Column time = new Column("t", "t", Column.Role.DATA, false, "?", "time");
        assertThat(dialect.arrayElements(time).test(java.time.LocalTime.NOON)).isTrue();
        assertThat(dialect.arrayElements(time.withSqlType("timetz")).test(java.time.LocalTime.NOON))
                .as("Hibernate sends the JVM's offset with it").isFalse();
    }

    @Test
    void arrayLiteralsWriteDatesAndTimestampsAsTheirIsoText() {
        java.time.OffsetDateTime[] times = {
                java.time.OffsetDateTime.of(2026, 11, 29, 3, 4, 0, 0, java.time.ZoneOffset.UTC),
                java.time.OffsetDateTime.of(987, 1, 2, 23, 59, 58, 120_000_000, java.time.ZoneOffset.ofHoursMinutes(-5, -30)),
                java.time.OffsetDateTime.of(9999, 12, 31, 0, 0, 1, 1, java.time.ZoneOffset.ofHoursMinutesSeconds(1, 2, 3))};
        assertThat(dialect.arrayLiteral(times)).isEqualTo("{\"2026-11-29T03:04:00Z\",\"0987-01-02T23:59:58.12-05:30\","
                + "\"9999-12-31T00:00:01.000000001+01:02:03\"}");
        for (java.time.OffsetDateTime time : times) {
            String text = dialect.arrayLiteral(new Object[] {time});
            assertThat(text.substring(2, text.length() - 2))
                    .isEqualTo(java.time.format.DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(time));
        }
        assertThat(dialect.arrayLiteral(new Object[] {java.time.LocalDate.of(33, 4, 5), java.time.LocalDate.of(12026, 1, 1)}))
                .isEqualTo("{\"0033-04-05\",\"+12026-01-01\"}");
    }

    @Test
    void jsonAndXmlCompareThroughTypesThatHaveEquality() {
        Table table = Tables.customer().withColumns(c -> c.name().equals("name") ? c.withSqlType("json") : c);
        assertThat(dialect.upsert(table, true, 1))
                .contains("WHERE ((\"t\".\"name\")::jsonb) IS DISTINCT FROM ((EXCLUDED.\"name\")::jsonb)");
        assertThat(new PostgresMergeDialect().upsert(table.withColumns(c -> c.name().equals("name") ? c.withSqlType("xml") : c), true, 1))
                .contains("AND ((\"t\".\"name\")::text) IS DISTINCT FROM ((\"i\".\"c2\")::text)");
    }

    @Test
    void rowsPerStatementRespectTheParameterLimit() {
        assertThat(dialect.rowsPerStatement(Tables.customer(), 1_000_000)).isEqualTo(32_767 / 6);
        assertThat(dialect.rowsPerStatement(Tables.customer(), 500)).isEqualTo(500);
    }
}
