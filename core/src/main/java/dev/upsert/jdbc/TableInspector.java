package dev.upsert.jdbc;

import dev.upsert.UpsertException;
import dev.upsert.dialect.Column;
import dev.upsert.dialect.Dialect;
import dev.upsert.dialect.Table;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalTime;
import java.time.OffsetTime;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;
import java.time.temporal.Temporal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks a table against its model before the first write: the table and every column exist, and
 * a unique constraint or index covers exactly the natural key. Fills in each column's type.
 */
public final class TableInspector {

    private TableInspector() {
    }

    public static Table inspect(Connection connection, Dialect dialect, Table table) throws SQLException {
        return inspect(connection, dialect, table, null);
    }

    /**
     * Also compares each column's type in the table with the JDBC type the mapping binds
     * ({@code java.sql.Types}, one per column, or null to skip the check): a number mapped onto
     * a text column, say, is schema drift, reported before anything is written.
     */
    public static Table inspect(Connection connection, Dialect dialect, Table table, List<Integer> mappedTypes)
            throws SQLException {
        return inspect(connection, dialect, table, mappedTypes, null);
    }

    /**
     * The columns of a versioned history: its natural key repeats, once per version, and exactly
     * one version per key is current.
     */
    public record History(Column validFrom, Column current) {
    }

    /** For a versioned history, checks the index that keeps one current version per key instead. */
    public static Table inspect(Connection connection, Dialect dialect, Table table, List<Integer> mappedTypes,
                                History history) throws SQLException {
        return inspect(connection, dialect, table, mappedTypes, history, true);
    }

    /**
     * @param arbiters whether the calls match rows through the unique index itself (ON CONFLICT),
     *                 which cannot use a deferrable one; a MERGE or the generic statements can
     */
    public static Table inspect(Connection connection, Dialect dialect, Table table, List<Integer> mappedTypes,
                                History history, boolean arbiters) throws SQLException {
        DatabaseMetaData metaData = connection.getMetaData();
        Location where = Location.of(connection, dialect, table);
        Table located = new Table(table.entity(), where.schema() != null ? where.schema() : where.catalog(), table.name(),
                table.columns(), table.sequenceGuard());

        Map<String, String> types = new LinkedHashMap<>();
        Map<String, Integer> codes = new HashMap<>();
        columnTypes(metaData, where, types, codes);
        if (types.isEmpty()) {
            throw new UpsertException("Table " + located.displayName() + " of entity " + table.entity()
                    + " does not exist: create it (or let Hibernate's schema tooling create it) before upserting.");
        }
        List<String> missing = new ArrayList<>();
        Table typed = table.withColumns(column -> {
            String type = lookup(types, column.name());
            if (type == null) {
                missing.add(column.name() + " (attribute " + column.attribute() + ")");
                return column;
            }
            return column.withSqlType(castableType(type));
        });
        if (!missing.isEmpty()) {
            throw new UpsertException("Table " + located.displayName() + " of entity " + table.entity()
                    + " lacks the mapped column(s) " + missing + "; it has " + types.keySet()
                    + ". Add the columns or fix the mapping (schema drift). Nothing was written.");
        }
        if (mappedTypes != null && dialect.checksColumnTypes()) {
            List<String> drifted = new ArrayList<>();
            for (int i = 0; i < table.columns().size(); i++) {
                Column column = table.columns().get(i);
                Integer live = lookup(codes, column.name());
                Kind expected = Kind.of(mappedTypes.get(i));
                Kind actual = live == null ? Kind.OTHER : Kind.of(live);
                if ("oid".equalsIgnoreCase(lookup(types, column.name())) && (mappedTypes.get(i) == Types.CLOB
                        || mappedTypes.get(i) == Types.NCLOB || mappedTypes.get(i) == Types.BLOB)) {
                    throw new UpsertException("Column " + column.name() + " (attribute " + table.entity() + "."
                            + column.attribute() + ") of " + located.displayName() + " is a PostgreSQL large object (oid), as"
                            + " Hibernate stores a @Lob there: an upsert cannot compare its content, and replacing it would"
                            + " leave the old large object behind. Map it as text or bytea instead (remove @Lob, or add"
                            + " @JdbcTypeCode(SqlTypes.LONG32VARCHAR) / LONG32VARBINARY) and migrate the column."
                            + " Nothing was written.");
                }
                if (!expected.accepts(actual)) {
                    drifted.add(column.name() + " (attribute " + column.attribute() + ") is " + lookup(types, column.name())
                            + " in the table but mapped as " + expected.name().toLowerCase(Locale.ROOT));
                }
            }
            if (!drifted.isEmpty()) {
                throw new UpsertException("Table " + located.displayName() + " of entity " + table.entity()
                        + " does not match the mapping (schema drift): " + String.join("; ", drifted)
                        + ". Migrate the table or fix the mapping. Nothing was written.");
            }
        }
        if (history == null) {
            requireUniqueKey(connection, dialect, where, located, typed.keys(), arbiters);
            requireWholeColumnIndexes(connection, dialect, where, located);
        } else {
            requireOneCurrentVersion(connection, dialect, where, located, history);
        }
        return withSequenceType(connection, dialect, located, typed);
    }

    /**
     * A generated id takes its sequence's type where that is narrower than the column's: a serial
     * column widened to bigint still draws from a 32-bit sequence, which the ids an upsert burns
     * for existing rows can exhaust (see the dialect's sequence guard).
     */
    private static Table withSequenceType(Connection connection, Dialect dialect, Table located, Table typed)
            throws SQLException {
        Column id = typed.generatedId();
        String query = dialect.sequenceTypeQuery();
        if (id == null || id.writeExpression() != null || id.sqlType() == null || query == null) {
            return typed;
        }
        try (PreparedStatement statement = connection.prepareStatement(query)) {
            statement.setString(1, dialect.qualifiedName(located));
            statement.setString(2, id.name());
            try (ResultSet rs = statement.executeQuery()) {
                // Integer types by width, as SQL and as PostgreSQL's catalog name them.
                List<String> sql = List.of("smallint", "integer", "bigint");
                List<String> catalog = List.of("int2", "int4", "int8");
                int sequence = rs.next() ? sql.indexOf(rs.getString(1)) : -1;
                int column = catalog.indexOf(id.sqlType().toLowerCase(Locale.ROOT));
                return sequence >= 0 && sequence < column ? typed.withColumns(c -> c.role() == Column.Role.GENERATED_ID
                        ? c.withSqlType(catalog.get(sequence)) : c) : typed;
            }
        }
    }

    private record Location(String catalog, String schema, String table) {

        /**
         * MySQL and SQLite call a database a catalog and have no schemas. An unqualified table is
         * where the database resolves its name, as the statements will; the connection's schema
         * where the dialect cannot say, or where the name resolves nowhere (reported as missing).
         */
        static Location of(Connection connection, Dialect dialect, Table table) throws SQLException {
            boolean schemas = connection.getMetaData().supportsSchemasInTableDefinitions();
            String catalog = schemas ? null : table.schema() != null ? table.schema() : connection.getCatalog();
            String schema = !schemas ? null : table.schema() != null ? table.schema() : resolvedSchema(connection, dialect, table);
            return new Location(catalog, schema, table.name());
        }

        private static String resolvedSchema(Connection connection, Dialect dialect, Table table) throws SQLException {
            if (dialect.tableSchemaQuery() != null) {
                try (PreparedStatement statement = connection.prepareStatement(dialect.tableSchemaQuery())) {
                    statement.setString(1, table.name());
                    try (ResultSet rs = statement.executeQuery()) {
                        if (rs.next()) {
                            return rs.getString(1);
                        }
                    }
                }
            }
            return connection.getSchema();
        }
    }

    /**
     * A key column of a unique index: index name, column name (lower case), filter, and null or why
     * the upsert cannot use the index ({@code invalid}, {@code deferrable}).
     */
    private record IndexColumn(String index, String column, String filter, String unusable) {
    }

    private static List<IndexColumn> uniqueIndexColumns(Connection connection, Dialect dialect, Location where)
            throws SQLException {
        List<IndexColumn> columns = new ArrayList<>();
        if (dialect.uniqueIndexesQuery() != null) {
            try (PreparedStatement statement = connection.prepareStatement(dialect.uniqueIndexesQuery())) {
                statement.setString(1, where.schema() != null ? where.schema() : where.catalog());
                statement.setString(2, where.table());
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        columns.add(new IndexColumn(rs.getString(1), rs.getString(2).toLowerCase(Locale.ROOT),
                                rs.getString(3), rs.getString(4)));
                    }
                }
            }
            return columns;
        }
        DatabaseMetaData metaData = connection.getMetaData();
        try (ResultSet rs = metaData.getIndexInfo(where.catalog(), where.schema(), where.table(), true, true)) {
            while (rs.next()) {
                String index = rs.getString("INDEX_NAME");
                String column = rs.getString("COLUMN_NAME");
                // SQLite's driver reports every index, whatever was asked.
                if (index != null && column != null && rs.getShort("TYPE") != DatabaseMetaData.tableIndexStatistic
                        && !rs.getBoolean("NON_UNIQUE")) {
                    String filter = rs.getString("FILTER_CONDITION");
                    columns.add(new IndexColumn(index, column.toLowerCase(Locale.ROOT),
                            filter == null || filter.isBlank() ? null : filter, null));
                }
            }
        }
        return columns;
    }

    /** What a column of the live table holds at most, where the library checks or fits values to it. */
    public sealed interface Limit {

        /**
         * {@code size} characters ({@link Integer#MAX_VALUE}: unbounded), or bytes of UTF-8 where
         * {@code bytes}; the NUL character only if allowed; compared by {@code collation}, or code
         * point by code point where that is null.
         */
        record Text(int size, boolean nulAllowed, Collation collation, boolean bytes) implements Limit {

            public Text(int size, boolean nulAllowed) {
                this(size, nulAllowed, null, false);
            }

            /** Under this collation; a size in bytes stays one only under UTF-8 (a single-byte set's bytes are characters). */
            Text withCollation(Collation compared) {
                return new Text(size, nulAllowed, compared, bytes && compared.name().toLowerCase(java.util.Locale.ROOT).startsWith("utf8"));
            }
        }

        /** A decimal column's precision and scale. */
        record Decimal(int precision, int scale) implements Limit {

            /** Digits the column holds before its decimal point. */
            public int integerDigits() {
                return precision - scale;
            }
        }

        /**
         * A time column that keeps {@code digits} of a second, where the driver sends {@code sent}
         * of a timestamp, rounding (a half up) or cutting the rest as {@code sentRounds} says: the
         * database then rounds or cuts to its column's digits, as {@code rounds} says.
         */
        record Time(int digits, int sent, boolean rounds, boolean sentRounds) implements Limit {

            /** Driver and database alike round, or cut. */
            public Time(int digits, int sent, boolean rounds) {
                this(digits, sent, rounds, rounds);
            }

            /** A timestamp as the dialect's driver sends it and the database keeps it, where the column says no more. */
            public static Time asSent(Dialect dialect) {
                return new Time(dialect.fractionalSecondDigits(), dialect.fractionalSecondDigits(), dialect.roundsFractionalSeconds());
            }

            /** The last time of day that Hibernate's milliseconds, a half up, keep before midnight. */
            private static final long LAST_MILLISECOND_OF_DAY = 86_400_000_000_000L - 500_000;

            /**
             * The value as the column will keep it, of the same class; the value itself where it
             * has no more digits, or is not a time this knows. A {@code LocalTime} is taken as
             * Hibernate binds it, a {@code java.sql.Time} of milliseconds rounded half up: past the
             * last millisecond of the day, that is midnight.
             */
            public Object fit(Object value) {
                if (value instanceof LocalTime time) {
                    return time.toNanoOfDay() >= LAST_MILLISECOND_OF_DAY ? LocalTime.MIDNIGHT
                            : kept(kept(time, 3, true), digits, rounds);
                }
                if (value instanceof OffsetTime) {
                    return value;
                }
                Object sentAs = kept(value, sent, sentRounds);
                return digits < sent ? kept(sentAs, digits, rounds) : sentAs;
            }

            /** Nanoseconds in one step of a second kept to {@code i} digits. */
            private static final long[] UNIT = {1_000_000_000L, 100_000_000L, 10_000_000L, 1_000_000L, 100_000L,
                    10_000L, 1_000L, 100L, 10L, 1L};

            /**
             * A date and time or a time of day kept to {@code keptDigits} of a second, of the same
             * class: the nearest, a half up, with {@code round}; else cut.
             */
            static Object kept(Object value, int keptDigits, boolean round) {
                long unit = UNIT[keptDigits];
                if (value instanceof java.util.Date date && !(value instanceof java.sql.Timestamp)
                        && !(value instanceof java.sql.Date) && !(value instanceof java.sql.Time)) {
                    // A plain java.util.Date is bound as the timestamp it is.
                    java.sql.Timestamp timestamp = new java.sql.Timestamp(date.getTime());
                    Object fitted = kept(timestamp, keptDigits, round);
                    return fitted == timestamp ? value : fitted;
                }
                if (value instanceof java.sql.Timestamp timestamp) {
                    return timestamp.getNanos() % unit == 0 ? timestamp
                            : java.sql.Timestamp.from((java.time.Instant) kept(timestamp.toInstant(), keptDigits, round));
                }
                if (!(value instanceof Temporal time) || !time.isSupported(ChronoField.NANO_OF_SECOND)
                        || time.get(ChronoField.NANO_OF_SECOND) % unit == 0) {
                    return value;
                }
                Temporal moved = time.plus(round ? unit / 2 : 0, ChronoUnit.NANOS);
                // 23:59:59.9 of a time of day rounds to a 24:00:00 that it cannot hold: left to the database.
                if (time instanceof LocalTime && moved.getLong(ChronoField.NANO_OF_DAY) < time.getLong(ChronoField.NANO_OF_DAY)) {
                    return value;
                }
                int nanos = moved.get(ChronoField.NANO_OF_SECOND);
                return moved.with(ChronoField.NANO_OF_SECOND, nanos - nanos % unit);
            }
        }
    }

    /**
     * How a text column compares its values, as far as its MySQL or MariaDB collation's name tells
     * (or PostgreSQL's {@code citext} and {@code char(n)} types, named so here):
     * whether trailing spaces count, and case and accents. Only the general-purpose families
     * (general, unicode, unicode_520, uca1400, 0900) are taken to ignore case, and in a Unicode
     * character set accents, as their name says; a language's collation ({@code latin1_swedish_ci}: å is not a; {@code _turkish_ci}:
     * I is not i) is taken to ignore neither, so that no two keys it tells apart are refused.
     *
     * @param pads           trailing spaces are ignored: {@code "a"} and {@code "a "} are equal
     *                       (every MariaDB collation but the {@code nopad} ones, MySQL's but the
     *                       {@code 0900} ones)
     * @param ignoresCase    {@code _ci}
     * @param ignoresAccents {@code _ai}, or a {@code _ci} that does not say {@code _as}
     */
    public record Collation(String name, boolean pads, boolean ignoresCase, boolean ignoresAccents) {

        /** Combining diacritical marks, which an accented Latin, Greek or Cyrillic letter decomposes into after its base. */
        private static final java.util.regex.Pattern ACCENTS = java.util.regex.Pattern.compile("[\\u0300-\\u036f]+");
        private static final Set<String> GENERAL = Set.of("general", "unicode", "520", "uca1400", "0900", "bin", "nopad",
                "ai", "as", "ci", "cs");

        public static Collation of(String name) {
            if (name.startsWith("citext")) {
                // PostgreSQL's citext: equal where lower() is, by the database's character type.
                return new Collation(name, false, true, false);
            }
            if (name.equals("bpchar")) {
                // PostgreSQL's char(n): equal without trailing spaces, which it pads values with.
                return new Collation(name, true, false, false);
            }
            List<String> parts = List.of(name.toLowerCase(Locale.ROOT).split("_"));
            // The first part names the character set: accents are taken as ignored in Unicode ones only.
            boolean general = parts.subList(1, parts.size()).stream().allMatch(GENERAL::contains);
            boolean unicode = parts.get(0).startsWith("utf") || parts.get(0).equals("ucs2");
            boolean ignoresCase = general && parts.contains("ci");
            return new Collation(name, !parts.contains("nopad") && !parts.contains("0900"), ignoresCase,
                    general && unicode && (parts.contains("ai") || ignoresCase && !parts.contains("as")));
        }

        /** Whether two different strings can be equal to it. */
        public boolean folds() {
            return pads || ignoresCase || ignoresAccents;
        }

        /**
         * The value as this collation compares it, near enough to tell two keys that a unique index
         * takes as one: trailing spaces dropped, accents dropped, lower case, as far as it ignores
         * them. Never more than the collation: where it folds more (ß and s under
         * {@code utf8mb4_general_ci}), the database reports such keys when the statement runs.
         */
        public String fold(String value) {
            String folded = value;
            if (pads) {
                folded = withoutTrailingSpaces(folded);
            }
            if (ignoresAccents && !folded.chars().allMatch(c -> c < 0x80)) {
                folded = withoutAccents(folded);
            }
            return !ignoresCase ? folded : name.equals("citext (C)") ? asciiLowerCase(folded) : folded.toLowerCase(Locale.ROOT);
        }

        /** A to Z as a to z, all that {@code lower()} folds under the C character type. */
        private static String asciiLowerCase(String text) {
            char[] chars = text.toCharArray();
            for (int i = 0; i < chars.length; i++) {
                if (chars[i] >= 'A' && chars[i] <= 'Z') {
                    chars[i] += 'a' - 'A';
                }
            }
            return new String(chars);
        }

        /**
         * Each accented letter as its base letter (é as e); a combining mark the text holds apart
         * stays, as {@code utf8mb4_general_ci} counts it.
         */
        private static String withoutAccents(String text) {
            StringBuilder plain = new StringBuilder(text.length());
            text.codePoints().forEach(c -> {
                String decomposed = c < 0x80 ? null : java.text.Normalizer.normalize(Character.toString(c), java.text.Normalizer.Form.NFD);
                if (decomposed != null && decomposed.codePointCount(0, decomposed.length()) > 1) {
                    plain.append(ACCENTS.matcher(decomposed).replaceAll(""));
                } else {
                    plain.appendCodePoint(c);
                }
            });
            return plain.toString();
        }

        /** What tells keys apart that this collation takes as one, for messages. */
        public String remedy() {
            return name.startsWith("citext") ? "a type that tells them apart (text rather than citext)"
                    : name.equals("bpchar") ? "a type that tells them apart (varchar rather than char(n))"
                    : "a collation that tells them apart (utf8mb4_bin, which ignores trailing spaces only; MariaDB's"
                    + " utf8mb4_nopad_bin or MySQL's utf8mb4_0900_bin, which ignore nothing)";
        }

        /** What it ignores, for messages: "case, accents, trailing spaces". */
        public String ignored() {
            java.util.StringJoiner ignored = new java.util.StringJoiner(", ");
            if (ignoresCase) {
                ignored.add("case");
            }
            if (ignoresAccents) {
                ignored.add("accents");
            }
            if (pads) {
                ignored.add("trailing spaces");
            }
            return ignored.toString();
        }
    }

    /** The text without the spaces a padding column ignores at its end (a tab or another space it keeps). */
    static String withoutTrailingSpaces(String text) {
        int end = text.length();
        while (end > 0 && text.charAt(end - 1) == ' ') {
            end--;
        }
        return end == text.length() ? text : text.substring(0, end);
    }

    /**
     * The limits of the live table's text, decimal and time columns, by column name: the
     * timestamp columns that keep fewer digits of a second than the dialect's driver sends, and
     * every time-of-day column.
     */
    public static Map<String, Limit> columnLimits(Connection connection, Dialect dialect, Table table)
            throws SQLException {
        Map<String, Limit> limits = new HashMap<>();
        if (!dialect.checksColumnTypes()) {
            return limits;
        }
        DatabaseMetaData metaData = connection.getMetaData();
        Location where = Location.of(connection, dialect, table);
        String schema = where.schema();
        boolean rounds = roundsTimes(connection, dialect);
        try (ResultSet rs = metaData.getColumns(where.catalog(), pattern(metaData, schema), pattern(metaData, table.name()), "%")) {
            while (rs.next()) {
                if (!table.name().equals(rs.getString("TABLE_NAME")) || schema != null && !schema.equals(rs.getString("TABLE_SCHEM"))) {
                    continue;
                }
                // Every column has an entry, null where it has no limit: a name the table has is not
                // matched to another column by case (see lookup).
                limits.put(rs.getString("COLUMN_NAME"), null);
                int type = rs.getInt("DATA_TYPE");
                int size = rs.getInt("COLUMN_SIZE");
                boolean text = type == Types.CHAR || type == Types.VARCHAR || type == Types.NCHAR || type == Types.NVARCHAR
                        || type == Types.LONGVARCHAR || type == Types.LONGNVARCHAR || type == Types.CLOB || type == Types.NCLOB;
                // An unconstrained numeric reports a size of 0 or the type's own maximum: no limit worth checking.
                boolean decimal = (type == Types.NUMERIC || type == Types.DECIMAL) && size > 0 && size <= 1000;
                boolean time = type == Types.TIMESTAMP || type == Types.TIMESTAMP_WITH_TIMEZONE || type == Types.TIME
                        || type == Types.TIME_WITH_TIMEZONE;
                if (text) {
                    boolean bounded = size > 0 && size < Integer.MAX_VALUE && type != Types.CLOB && type != Types.NCLOB;
                    limits.put(rs.getString("COLUMN_NAME"), new Limit.Text(bounded ? size : Integer.MAX_VALUE,
                            dialect.acceptsNulInText(), null, dialect.sizesTextInBytes(rs.getString("TYPE_NAME"))));
                } else if (decimal) {
                    limits.put(rs.getString("COLUMN_NAME"), new Limit.Decimal(size, rs.getInt("DECIMAL_DIGITS")));
                } else if (time) {
                    int digits = Math.min(9, fractionalDigits(rs.getObject("DECIMAL_DIGITS"), type, size));
                    // A time of day travels as Hibernate's milliseconds, whatever its column keeps.
                    boolean timeOfDay = type == Types.TIME || type == Types.TIME_WITH_TIMEZONE;
                    if (!dialect.keepsReportedFractionalDigits(rs.getString("TYPE_NAME"))) {
                        continue;
                    }
                    // Also a column that keeps all its driver sends: a value with more digits is
                    // fitted as the driver and column will keep it (a key must match what is stored).
                    if (timeOfDay || digits >= 0 && digits <= dialect.fractionalSecondDigits()) {
                        // The driver keeps the dialect's own rule whatever the session's mode.
                        limits.put(rs.getString("COLUMN_NAME"), new Limit.Time(digits < 0 ? 9 : digits,
                                dialect.fractionalSecondDigits(), rounds, dialect.roundsFractionalSeconds()));
                    }
                }
            }
        }
        if (dialect.collationsQuery() != null) {
            try (PreparedStatement statement = connection.prepareStatement(dialect.collationsQuery())) {
                statement.setString(1, schema != null ? schema : where.catalog());
                statement.setString(2, table.name());
                try (ResultSet rs = statement.executeQuery()) {
                    while (rs.next()) {
                        // A type the driver does not report as text (citext) has no length to keep.
                        Limit known = limits.get(rs.getString(1));
                        if (rs.getString(2) != null && (known == null || known instanceof Limit.Text)) {
                            Limit.Text text = known != null ? (Limit.Text) known : new Limit.Text(Integer.MAX_VALUE, dialect.acceptsNulInText());
                            limits.put(rs.getString(1), text.withCollation(Collation.of(rs.getString(2))));
                        }
                    }
                }
            }
        }
        return limits;
    }

    /** Whether the database rounds a time's extra digits, as this session is set (MariaDB's sql_mode). */
    private static boolean roundsTimes(Connection connection, Dialect dialect) throws SQLException {
        if (dialect.roundsFractionalSecondsQuery() == null) {
            return dialect.roundsFractionalSeconds();
        }
        try (java.sql.Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery(dialect.roundsFractionalSecondsQuery())) {
            return rs.next() ? rs.getBoolean(1) : dialect.roundsFractionalSeconds();
        }
    }

    /**
     * The digits of a second a time column keeps, or -1 if unknown. MariaDB's driver reports no
     * DECIMAL_DIGITS for times, but a size of 19 (a TIME: 10) plus one and the digits, if any.
     */
    private static int fractionalDigits(Object reported, int type, int size) {
        if (reported instanceof Number digits) {
            return digits.intValue();
        }
        int whole = type == Types.TIME || type == Types.TIME_WITH_TIMEZONE ? 10 : 19;
        return size == whole ? 0 : size > whole + 1 && size <= whole + 10 ? size - whole - 1 : -1;
    }

    private static void columnTypes(DatabaseMetaData metaData, Location where, Map<String, String> types,
                                    Map<String, Integer> codes) throws SQLException {
        try (ResultSet rs = metaData.getColumns(where.catalog(), pattern(metaData, where.schema()),
                pattern(metaData, where.table()), "%")) {
            while (rs.next()) {
                if (where.table().equals(rs.getString("TABLE_NAME"))
                        && (where.schema() == null || where.schema().equals(rs.getString("TABLE_SCHEM")))) {
                    types.put(rs.getString("COLUMN_NAME"), rs.getString("TYPE_NAME"));
                    codes.put(rs.getString("COLUMN_NAME"), rs.getInt("DATA_TYPE"));
                }
            }
        }
    }

    /** Broad families of JDBC types: a value of one fits a column of the same family. */
    private enum Kind {
        NUMBER, TEXT, TEMPORAL, BOOLEAN, BINARY, OTHER;

        static Kind of(int jdbcType) {
            return switch (jdbcType) {
                case Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT, Types.FLOAT, Types.REAL,
                     Types.DOUBLE, Types.NUMERIC, Types.DECIMAL -> NUMBER;
                case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.NCHAR, Types.NVARCHAR, Types.LONGNVARCHAR,
                     Types.CLOB, Types.NCLOB -> TEXT;
                case Types.DATE, Types.TIME, Types.TIMESTAMP, Types.TIME_WITH_TIMEZONE,
                     Types.TIMESTAMP_WITH_TIMEZONE -> TEMPORAL;
                case Types.BIT, Types.BOOLEAN -> BOOLEAN;
                case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> BINARY;
                default -> OTHER;
            };
        }

        /** Unknown families (JSON, UUID, arrays, vendor types) are not judged; booleans may live in numbers. */
        boolean accepts(Kind live) {
            return this == live || this == OTHER || live == OTHER
                    || this == BOOLEAN && live == NUMBER || this == NUMBER && live == BOOLEAN;
        }
    }

    private static void requireUniqueKey(Connection connection, Dialect dialect, Location where, Table table,
                                         List<Column> keyColumns, boolean arbiters) throws SQLException {
        Map<String, Set<String>> unique = new HashMap<>();
        Set<String> partial = new TreeSet<>();
        Set<String> invalid = new TreeSet<>();
        Map<String, Set<String>> deferrable = new HashMap<>();
        for (IndexColumn column : uniqueIndexColumns(connection, dialect, where)) {
            if (column.filter() != null) {
                partial.add(column.index());
            } else if ("invalid".equals(column.unusable())) {
                invalid.add(column.index());
            } else {
                ("deferrable".equals(column.unusable()) && arbiters ? deferrable : unique)
                        .computeIfAbsent(column.index(), i -> new TreeSet<>()).add(column.column());
            }
        }
        Set<String> key = keyColumns.stream().map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
        List<String> deferred = deferrable.entrySet().stream().filter(e -> e.getValue().equals(key)).map(Map.Entry::getKey).toList();
        if (!deferred.isEmpty()) {
            // ON CONFLICT takes every unique index on its columns as an arbiter, and refuses a deferrable one.
            throw new UpsertException("Table " + table.displayName() + " of entity " + table.entity() + " has the deferrable"
                    + " unique constraint(s) " + deferred + " on its natural key " + key + ", which " + dialect.name()
                    + "'s upsert cannot match rows by, even beside one that is not deferrable: re-create it NOT DEFERRABLE."
                    + " Nothing was written.");
        }
        Set<String> primaryKey = primaryKey(connection.getMetaData(), where);
        // The primary key counts even where no index reports it (SQLite's INTEGER PRIMARY KEY is the rowid);
        // where the catalog is read, it is one of the indexes, deferrable or not.
        if (unique.values().stream().anyMatch(key::equals) || key.equals(primaryKey) && dialect.uniqueIndexesQuery() == null) {
            if (dialect.matchesAnyUniqueKey()) {
                requireNoOtherUniqueKey(dialect, table, key, primaryKey, unique);
            }
            return;
        }
        String columns = Dialect.list(table.keys(), c -> dialect.quote(c.name()), "(", ")");
        throw new UpsertException("Table " + table.displayName() + " of entity " + table.entity()
                + " has no unique constraint or unique index on exactly its natural-key columns "
                + table.keys().stream().map(Column::name).toList()
                + "; the upsert needs one to match rows. Unique indexes found: " + unique
                + (partial.isEmpty() ? "" : "; partial unique indexes, which cannot be used: " + partial)
                + (deferrable.isEmpty() ? "" : "; deferrable ones, which cannot be used: " + deferrable.keySet())
                + (invalid.isEmpty() ? "" : "; invalid ones (a failed CREATE INDEX CONCURRENTLY: rebuild them): " + invalid)
                + ". Create one with: CREATE UNIQUE INDEX " + dialect.quote(table.name() + (table.name().equals(table.name().toUpperCase(Locale.ROOT)) ? "_NATURAL_KEY" : "_natural_key"))
                + " ON " + dialect.qualifiedName(table) + " " + columns);
    }

    /**
     * One current version per key: a partial unique index on the key where the database has them
     * ({@code WHERE current}); elsewhere a unique index on the key and valid-from, which at least
     * keeps two versions from starting at once, the library's locking read doing the rest.
     */
    private static void requireOneCurrentVersion(Connection connection, Dialect dialect, Location where, Table table,
                                                 History history) throws SQLException {
        Set<String> key = table.keys().stream().map(c -> c.name().toLowerCase(Locale.ROOT))
                .collect(Collectors.toCollection(TreeSet::new));
        Set<String> keyAndStart = new TreeSet<>(key);
        keyAndStart.add(history.validFrom().name().toLowerCase(Locale.ROOT));
        DatabaseMetaData metaData = connection.getMetaData();
        Map<String, Set<String>> partial = new HashMap<>();
        Map<String, Set<String>> full = new HashMap<>();
        for (IndexColumn column : uniqueIndexColumns(connection, dialect, where)) {
            boolean onCurrent = column.filter() != null && column.filter().toLowerCase(Locale.ROOT)
                    .contains(history.current().name().toLowerCase(Locale.ROOT));
            (onCurrent ? partial : full).computeIfAbsent(column.index(), i -> new TreeSet<>()).add(column.column());
        }
        // SQLite reports no filter: a unique index on the key alone can only be the partial one,
        // as a full one would refuse the second version of any key.
        boolean ok = partial.containsValue(key) || full.containsValue(keyAndStart)
                || dialect.supportsPartialIndexes() && full.containsValue(key) && metaData.getURL() != null
                && metaData.getURL().startsWith("jdbc:sqlite:");
        if (ok) {
            return;
        }
        String columns = Dialect.list(table.keys(), c -> dialect.quote(c.name()), "(", ")");
        String fix = dialect.supportsPartialIndexes()
                ? "CREATE UNIQUE INDEX " + dialect.quote(table.name() + "_current") + " ON " + dialect.qualifiedName(table)
                + " " + columns + " WHERE " + dialect.quote(history.current().name())
                + (dialect instanceof dev.upsert.dialect.SqlServerDialect ? " = 1" : "")
                : "CREATE UNIQUE INDEX " + dialect.quote(table.name() + "_version") + " ON " + dialect.qualifiedName(table)
                + " " + columns.substring(0, columns.length() - 1) + ", " + dialect.quote(history.validFrom().name()) + ")";
        throw new UpsertException("Table " + table.displayName() + " of versioned entity " + table.entity()
                + " has no index that keeps one current version per natural key " + key + "; unique indexes found: "
                + full + (partial.isEmpty() ? "" : ", partial: " + partial) + ". Create it with: " + fix);
    }

    /**
     * A unique index on a column's prefix ({@code url(191)}) takes two keys that share the prefix
     * as one: ON DUPLICATE KEY UPDATE would update the row of the one stored.
     */
    private static void requireWholeColumnIndexes(Connection connection, Dialect dialect, Location where, Table table)
            throws SQLException {
        if (dialect.prefixIndexesQuery() == null) {
            return;
        }
        Set<String> prefixed = new TreeSet<>();
        try (PreparedStatement statement = connection.prepareStatement(dialect.prefixIndexesQuery())) {
            statement.setString(1, where.schema() != null ? where.schema() : where.catalog());
            statement.setString(2, table.name());
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    prefixed.add(rs.getString(1));
                }
            }
        }
        if (!prefixed.isEmpty()) {
            throw new UpsertException("Table " + table.displayName() + " of entity " + table.entity() + " has unique"
                    + " index(es) " + prefixed + " on a prefix of a column: two keys that share the prefix are one to"
                    + " it, and " + dialect.name() + "'s ON DUPLICATE KEY UPDATE would update the other key's row. Index"
                    + " whole columns (a shorter column, or a stored hash of a long one as the key). Nothing was written.");
        }
    }

    /** ON DUPLICATE KEY matches a row by any unique key: one other than these could update the wrong row. */
    private static Set<String> primaryKey(DatabaseMetaData metaData, Location where) throws SQLException {
        Set<String> primaryKey = new TreeSet<>();
        try (ResultSet rs = metaData.getPrimaryKeys(where.catalog(), where.schema(), where.table())) {
            while (rs.next()) {
                primaryKey.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
            }
        }
        return primaryKey;
    }

    private static void requireNoOtherUniqueKey(Dialect dialect, Table table, Set<String> key, Set<String> primaryKey,
                                                Map<String, Set<String>> unique) {
        Map<String, Set<String>> others = new java.util.TreeMap<>(unique);
        others.values().removeIf(columns -> columns.equals(key) || columns.equals(primaryKey));
        if (!others.isEmpty()) {
            throw new UpsertException("Table " + table.displayName() + " of entity " + table.entity()
                    + " has unique index(es) " + others + " besides its primary key and its natural key " + key
                    + ". " + dialect.name() + "'s ON DUPLICATE KEY UPDATE matches a row by any unique key, so an"
                    + " upsert could update the wrong row. Drop those indexes or make one of them the natural key."
                    + " Nothing was written.");
        }
    }

    /** A column's limit in {@link #columnLimits}' map, found by its name as the columns' check finds it. */
    public static Limit limitOf(Map<String, Limit> limits, String column) {
        return lookup(limits, column);
    }

    /** A column's entry by its exact name; where the table has no column of that name, by its name in any case. */
    private static <V> V lookup(Map<String, V> byColumn, String column) {
        if (byColumn.containsKey(column)) {
            return byColumn.get(column);
        }
        return byColumn.entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(column))
                .map(Map.Entry::getValue).findFirst().orElse(null);
    }

    /** Drivers report serial columns by their pseudo-type, which is no type to cast to. */
    private static String castableType(String type) {
        return switch (type.toLowerCase(Locale.ROOT)) {
            case "serial" -> "int4";
            case "bigserial" -> "int8";
            case "smallserial" -> "int2";
            default -> type;
        };
    }

    private static String pattern(DatabaseMetaData metaData, String name) throws SQLException {
        if (name == null) {
            return null;
        }
        String escape = metaData.getSearchStringEscape();
        return escape == null || escape.isEmpty() ? name
                : name.replace(escape, escape + escape).replace("_", escape + "_").replace("%", escape + "%");
    }
}
