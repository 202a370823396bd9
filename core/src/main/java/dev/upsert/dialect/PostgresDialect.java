package dev.upsert.dialect;

import java.util.List;
import java.util.StringJoiner;

/**
 * PostgreSQL: {@code INSERT ... SELECT ... ON CONFLICT (key) DO UPDATE ... WHERE ... IS DISTINCT
 * FROM ... RETURNING}.
 *
 * <p>Where the sequence is guarded, a generated id is proposed as {@code COALESCE((SELECT id ...
 * WHERE key = input key), nextval(...))}: the sequence is only advanced for keys that are absent,
 * instead of once per row as a column default would be. Lookups by key are correlated
 * subqueries, one index probe per row, so that the planner cannot choose to scan the whole table
 * for a join. An existing key keeps its id, as the conflict turns the insert into an update. Rows are inserted
 * in the order of the ordinal column, the caller's natural-key order, so concurrent writers lock
 * the same keys in the same order. {@code xmax = 0} is true only for a row version this statement
 * inserted: an updated row carries the lock the conflict took.
 */
public final class PostgresDialect implements Dialect {

    private final boolean arrays;

    public PostgresDialect() {
        this(true);
    }

    /**
     * @param arrays whether whole columns are bound as arrays where their values allow it (the
     *               default); without, every value is bound by itself (multi-row VALUES), in
     *               statements within the parameter limit
     */
    public PostgresDialect(boolean arrays) {
        this.arrays = arrays;
    }

    @Override
    public boolean matchesByArbiter() {
        return true;
    }

    @Override
    public String name() {
        return "PostgreSQL";
    }

    @Override
    public boolean supportsPartialIndexes() {
        return true;
    }

    @Override
    public String quote(String identifier) {
        return Sql.quoteWith(identifier, '"');
    }

    @Override
    public boolean acceptsNulInText() {
        return false;
    }

    @Override
    public String lockHashes() {
        return lockHashes("pg_advisory_xact_lock");
    }

    @Override
    public String lockHashesShared() {
        return lockHashes("pg_advisory_xact_lock_shared");
    }

    private String lockHashes(String function) {
        return "SELECT count(" + function + "(" + quote("h") + ")) FROM (SELECT " + quote("h") + " FROM unnest(CAST(? AS bigint[]))"
                + " AS " + quote("h") + " ORDER BY 1 OFFSET 0) AS " + quote("s");
    }

    @Override
    public Reporting reporting() {
        return Reporting.RETURNING;
    }

    @Override
    public int maxParameters() {
        return 32_767;
    }

    @Override
    public String upsert(Table table, boolean skipUnchanged, int rows) {
        return statement(table, skipUnchanged, Sql.values(this, table.bound(), rows, PostgresDialect::typed));
    }

    /**
     * The same upsert with one array parameter per bound column, unnested with their ordinal: its
     * text does not depend on the number of rows and it carries no parameter limit. Null when a
     * column's type is unknown or its value needs a write expression.
     */
    @Override
    public String upsertArrays(Table table, boolean skipUnchanged) {
        if (!arrays) {
            return null;
        }
        String source = arraySource(this, table.bound());
        return source == null ? null : statement(table, skipUnchanged, source);
    }

    /**
     * {@code unnest(CAST(? AS type[]), ...) WITH ORDINALITY AS "i"("c0", ..., "n")}: the input
     * rows from one array parameter per column, named as {@link Sql#values} names them; where a
     * column's values travel as numbers ({@link Encoding}), a subquery of the same name turns them
     * back into the column's type. Null when a column's type is unknown, its value needs a write
     * expression, or its values cannot travel in an array (see unnestable).
     */
    static String arraySource(Dialect dialect, List<Column> bound) {
        StringJoiner arrays = new StringJoiner(", ", "unnest(", ")");
        StringJoiner names = new StringJoiner(", ", "(", ", " + dialect.quote(Sql.ORDINAL) + ")");
        StringJoiner decoded = new StringJoiner(", ", "SELECT ", ", " + dialect.quote(Sql.ORDINAL));
        boolean decodes = false;
        for (int i = 0; i < bound.size(); i++) {
            Column column = bound.get(i);
            if (column.sqlType() == null || !"?".equals(column.writeExpression()) || !unnestable(column)) {
                return null;
            }
            Encoding encoding = Encoding.of(column);
            String name = dialect.quote("c" + i);
            arrays.add("CAST(? AS " + typeName(encoding.arrayType(column)) + "[])");
            names.add(name);
            decoded.add(encoding.decode(name) + " AS " + name);
            decodes |= encoding.decodes();
        }
        return decodes ? "(" + decoded + " FROM " + arrays + " WITH ORDINALITY AS " + dialect.quote("u") + names + ") AS "
                + dialect.quote(Sql.INPUT) : arrays + " WITH ORDINALITY AS " + dialect.quote(Sql.INPUT) + names;
    }

    /**
     * How a column's values travel in an array parameter. Parsing text costs the server more than
     * the rest of an upsert's input: a million timestamps with offsets take 0.53 s of its CPU, a
     * million dates 0.32 s. As numbers in the driver's binary array format, turned back by exact
     * integer arithmetic ({@code timestamptz + interval} of whole seconds and microseconds does not
     * depend on the session's time zone), they take about 0.1 s. Timestamps are rounded to the
     * microsecond half up, as PgJDBC rounds one bound by itself. Only years 1 to 9999 travel in an
     * array (of an instant, in UTC), the years whose plain ISO text the server reads as given: the
     * driver writes others ({@code LocalDate.MAX} as {@code infinity}, a year before 1 with BC) its
     * own way. An instant ({@code timestamptz}) travels only from 1583 on: before the Gregorian
     * reform, Hibernate binds and reads one through {@code java.sql.Timestamp}'s Julian calendar
     * (stores year 1 two days later, and reads it back as given), and an array would store it as
     * given, which Hibernate then reads two days early. A {@code bytea} travels as its bytes, in
     * the binary array format, not as hex text.
     */
    enum Encoding {
        /** Text, as {@link #arrayLiteral} writes it. */
        TEXT(null),
        /**
         * {@code timestamptz} from {@code OffsetDateTime}, {@code ZonedDateTime} or {@code Instant}:
         * microseconds since 1970-01-01T00:00Z.
         */
        MICROS("int8"),
        /** {@code timestamp} from {@code LocalDateTime}: microseconds since 1970-01-01T00:00. */
        LOCAL_MICROS("int8"),
        /** {@code date} from {@code LocalDate}: days since 1970-01-01. */
        DAYS("int4"),
        /** {@code bytea} from {@code byte[]}: the bytes as they are. */
        BYTES("bytea");

        /** 1583-01-01T00:00Z: after the Gregorian reform in every time zone. */
        private static final long FIRST_GREGORIAN_SECOND = -12_212_553_600L;
        private static final long LAST_SECOND = 253_402_300_799L;

        private final String arrayType;

        Encoding(String arrayType) {
            this.arrayType = arrayType;
        }

        static Encoding of(Column column) {
            return column.sqlType() == null ? TEXT : switch (column.sqlType().toLowerCase(java.util.Locale.ROOT)) {
                case "timestamptz" -> MICROS;
                case "timestamp" -> LOCAL_MICROS;
                case "date" -> DAYS;
                case "bytea" -> BYTES;
                default -> TEXT;
            };
        }

        String arrayType(Column column) {
            return this == TEXT ? column.sqlType() : arrayType;
        }

        /** Whether the array's elements need turning back into the column's type. */
        boolean decodes() {
            return this != TEXT && this != BYTES;
        }

        /** The column's value from an array element. */
        String decode(String element) {
            return switch (this) {
                case TEXT, BYTES -> element;
                case MICROS, LOCAL_MICROS -> (this == MICROS ? "timestamptz" : "timestamp") + " 'epoch' + " + element
                        + " / 1000000 * interval '1 second' + " + element + " % 1000000 * interval '1 microsecond'";
                case DAYS -> "date 'epoch' + " + element;
            };
        }

        boolean accepts(Object value) {
            return switch (this) {
                case TEXT -> value instanceof String || ARRAY_SAFE.contains(value.getClass()) && plainYear(
                        value instanceof java.time.LocalDate date ? date.getYear()
                        : value instanceof java.time.OffsetDateTime time ? time.getYear() : 1);
                case MICROS -> plainInstant(value instanceof java.time.OffsetDateTime time ? time.toEpochSecond()
                        : value instanceof java.time.ZonedDateTime time ? time.toEpochSecond()
                        : value instanceof java.time.Instant instant ? instant.getEpochSecond() : Long.MIN_VALUE);
                case LOCAL_MICROS -> value instanceof java.time.LocalDateTime time && plainYear(time.getYear());
                case DAYS -> value instanceof java.time.LocalDate date && plainYear(date.getYear());
                case BYTES -> value instanceof byte[];
            };
        }

        /** The array of the values' numbers, or bytes; null elements stay null. */
        Object binary(Object[] values) {
            if (this == BYTES) {
                byte[][] bytes = new byte[values.length][];
                for (int i = 0; i < values.length; i++) {
                    bytes[i] = (byte[]) values[i];
                }
                return bytes;
            }
            if (this == DAYS) {
                Integer[] days = new Integer[values.length];
                for (int i = 0; i < values.length; i++) {
                    days[i] = values[i] == null ? null : (int) ((java.time.LocalDate) values[i]).toEpochDay();
                }
                return days;
            }
            Long[] micros = new Long[values.length];
            for (int i = 0; i < values.length; i++) {
                Object value = values[i];
                if (value instanceof java.time.OffsetDateTime time) {
                    micros[i] = micros(time.toEpochSecond(), time.getNano());
                } else if (value instanceof java.time.ZonedDateTime time) {
                    micros[i] = micros(time.toEpochSecond(), time.getNano());
                } else if (value instanceof java.time.Instant instant) {
                    micros[i] = micros(instant.getEpochSecond(), instant.getNano());
                } else if (value instanceof java.time.LocalDateTime time) {
                    micros[i] = micros(time.toEpochSecond(java.time.ZoneOffset.UTC), time.getNano());
                }
            }
            return micros;
        }

        private static long micros(long second, int nano) {
            return second * 1_000_000 + (nano + 500) / 1000;
        }

        private static boolean plainYear(int year) {
            return year >= 1 && year <= 9999;
        }

        /** An instant of years 1583 to 9999 in UTC, in seconds since 1970-01-01T00:00Z. */
        private static boolean plainInstant(long second) {
            return second >= FIRST_GREGORIAN_SECOND && second <= LAST_SECOND;
        }
    }

    /** Value classes whose array text the server reads as it would read the value bound by itself. */
    private static final java.util.Set<Class<?>> ARRAY_SAFE = java.util.Set.of(String.class, Integer.class, Long.class,
            Short.class, Byte.class, java.math.BigDecimal.class, java.math.BigInteger.class, Boolean.class, Double.class,
            Float.class, Character.class, java.util.UUID.class, java.time.LocalDate.class, java.time.OffsetDateTime.class,
            java.time.LocalTime.class);

    @Override
    public java.util.function.Predicate<Object> arrayElements(Column column) {
        Encoding encoding = Encoding.of(column);
        // Into a timetz, Hibernate's time of day carries the JVM's offset, which an array's text would not.
        boolean time = "time".equalsIgnoreCase(column.sqlType());
        // A value whose text the column's type does not read (true into a smallint, 5.00 into a
        // bigint) is bound as Hibernate's binder converts it, value by value.
        String type = column.sqlType() == null ? "" : column.sqlType().toLowerCase(java.util.Locale.ROOT);
        boolean bool = type.equals("bool") || type.equals("boolean");
        boolean integral = INTEGRAL.contains(type);
        // A float travels as the text of the value the server's own conversion gives (see floatText), so into a number alone.
        boolean numeric = FLOAT_TARGETS.contains(type);
        return value -> (time || !(value instanceof java.time.LocalTime)) && encoding.accepts(value)
                && (value instanceof Boolean) == bool
                && (!integral || value instanceof Integer || value instanceof Long || value instanceof Short
                        || value instanceof Byte || value instanceof java.math.BigInteger)
                && (numeric || !(value instanceof Float) && !(value instanceof Double))
                // Out of a float4's range, the server refuses the value bound alone: not stored as infinity or zero.
                && !(value instanceof Double d && type.equals("float4") && Double.isFinite(d)
                        && (Float.isInfinite(d.floatValue()) || d.floatValue() == 0 && d != 0));
    }

    private static final java.util.Set<String> FLOAT_TARGETS = java.util.Set.of("numeric", "decimal", "float4", "float8");

    /**
     * A float's text as the column would store it bound by itself: Hibernate binds a float4 or a
     * float8, which the server converts to the column's type (to a numeric of 6 or 15 significant
     * digits, as its {@code float4_numeric} and {@code float8_numeric} print them; to the other
     * float exactly, or to the nearest), where the value's shortest text would be stored exact.
     */
    static Object floatText(Object value, String type) {
        if (!(value instanceof Float) && !(value instanceof Double) || !Double.isFinite(((Number) value).doubleValue())) {
            return value;
        }
        boolean single = value instanceof Float;
        return switch (type) {
            case "numeric", "decimal" -> new java.math.BigDecimal(((Number) value).doubleValue())
                    .round(new java.math.MathContext(single ? 6 : 15, java.math.RoundingMode.HALF_EVEN))
                    .stripTrailingZeros().toPlainString();
            case "float8" -> single ? Double.toString(((Float) value).doubleValue()) : value;
            case "float4" -> single ? value : Float.toString(((Double) value).floatValue());
            default -> value;
        };
    }

    private static final java.util.Set<String> INTEGRAL = java.util.Set.of("int2", "int4", "int8", "smallint", "integer",
            "bigint", "serial", "bigserial", "smallserial");

    /**
     * The most characters of an array's text, or bytes of a {@code bytea} array: PostgreSQL takes
     * no value above 1 GB, and a character may take 3 bytes.
     */
    private static final int MAX_ARRAY_CHARS = 1 << 28;

    @Override
    public Object arrayParameter(Column column, Object[] values) {
        Encoding encoding = Encoding.of(column);
        String type = column.sqlType() == null ? "" : column.sqlType().toLowerCase(java.util.Locale.ROOT);
        if (encoding == Encoding.TEXT && FLOAT_TARGETS.contains(type)) {
            Object[] texts = new Object[values.length];
            for (int i = 0; i < values.length; i++) {
                texts[i] = floatText(values[i], type);
            }
            return arrayLiteral(texts, MAX_ARRAY_CHARS);
        }
        if (encoding == Encoding.TEXT) {
            return arrayLiteral(values, MAX_ARRAY_CHARS);
        }
        if (encoding == Encoding.BYTES) {
            long bytes = 0;
            for (Object value : values) {
                bytes += value == null ? 0 : ((byte[]) value).length;
            }
            if (bytes > MAX_ARRAY_CHARS) {
                return null;
            }
        }
        return encoding.binary(values);
    }

    /**
     * {@code {"a","b\"c",NULL,1}}: text as PgJDBC's own {@code createArrayOf} writes an
     * {@code Object[]}, each element's text quoted with {@code "} and {@code \} escaped; integers,
     * booleans and UUIDs, whose text never needs quoting, bare. The text is {@code toString()},
     * but for integers, dates and offset date-times, written straight into the literal in ISO form
     * (as {@code DateTimeFormatter.ISO_OFFSET_DATE_TIME}, which Hibernate binds a text column
     * with): a million timestamps through {@code toString()} allocated 400 MB of intermediate text.
     */
    String arrayLiteral(Object[] values) {
        return arrayLiteral(values, Integer.MAX_VALUE - 2);
    }

    /** The literal, or null where it would pass {@code maxChars}. */
    String arrayLiteral(Object[] values, int maxChars) {
        StringBuilder text = new StringBuilder((int) Math.min(1 << 30, 16L * values.length + 2)).append('{');
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                text.append(',');
            }
            element(text, values[i]);
            if (text.length() > maxChars) {
                return null;
            }
        }
        return text.append('}').toString();
    }

    private static void element(StringBuilder text, Object value) {
        if (value == null) {
            text.append("NULL");
        } else if (value instanceof Integer || value instanceof Short || value instanceof Byte) {
            text.append(((Number) value).intValue());
        } else if (value instanceof Long number) {
            text.append(number.longValue());
        } else if (value instanceof Boolean || value instanceof java.util.UUID) {
            text.append(value);
        } else if (value instanceof java.time.LocalDate date && fourDigitYear(date.getYear())) {
            date(text.append('"'), date.getYear(), date.getMonthValue(), date.getDayOfMonth()).append('"');
        } else if (value instanceof java.time.LocalTime time) {
            // As Hibernate binds one, a java.sql.Time: milliseconds, a half up; past the last, midnight.
            long millis = (time.toNanoOfDay() + 500_000) / 1_000_000 % 86_400_000;
            digits(text, (int) (millis / 3_600_000), 2).append(':');
            digits(text, (int) (millis / 60_000 % 60), 2).append(':');
            digits(text, (int) (millis / 1000 % 60), 2);
            if (millis % 1000 > 0) {
                digits(text.append('.'), (int) (millis % 1000), 3);
            }
        } else if (value instanceof java.time.OffsetDateTime time && fourDigitYear(time.getYear())) {
            date(text.append('"'), time.getYear(), time.getMonthValue(), time.getDayOfMonth()).append('T');
            digits(text, time.getHour(), 2).append(':');
            digits(text, time.getMinute(), 2).append(':');
            digits(text, time.getSecond(), 2);
            if (time.getNano() > 0) {
                digits(text.append('.'), time.getNano(), 9);
                while (text.charAt(text.length() - 1) == '0') {
                    text.setLength(text.length() - 1);
                }
            }
            text.append(time.getOffset().getId()).append('"');
        } else {
            String element = value.toString();
            text.append('"');
            // The runs between quotes and backslashes are copied whole: JSON is full of quotes.
            int from = 0;
            for (int c = 0; c < element.length(); c++) {
                char ch = element.charAt(c);
                if (ch == '"' || ch == '\\') {
                    text.append(element, from, c).append('\\');
                    from = c;
                }
            }
            text.append(element, from, element.length()).append('"');
        }
    }

    /** Years that ISO text writes as four digits without a sign, as {@code toString()} does. */
    private static boolean fourDigitYear(int year) {
        return year >= 0 && year <= 9999;
    }

    private static StringBuilder date(StringBuilder text, int year, int month, int day) {
        digits(text, year, 4).append('-');
        digits(text, month, 2).append('-');
        return digits(text, day, 2);
    }

    /** A non-negative number in exactly {@code width} digits, zero-padded. */
    private static StringBuilder digits(StringBuilder text, int number, int width) {
        int unit = 1;
        for (int i = 1; i < width; i++) {
            unit *= 10;
        }
        for (; unit > 0; unit /= 10) {
            text.append((char) ('0' + number / unit % 10));
        }
        return text;
    }

    /**
     * Whether a column's values can travel as the elements of one array: not where they are arrays
     * themselves (PostgreSQL has no array of an array type, and unnest would flatten them), nor
     * where the type's elements are not separated by commas, as {@link #arrayLiteral} writes them
     * ({@code box}).
     */
    private static boolean unnestable(Column column) {
        String type = column.sqlType();
        return !"box".equalsIgnoreCase(type) && !type.startsWith("_") && !type.endsWith("]");
    }

    private String statement(Table table, boolean skipUnchanged, String source) {
        return insert(table, source, guardsSequence(table)) + conflict(table, skipUnchanged);
    }

    /**
     * The stored values of the rows with the keys of its arrays (one {@code key type[]} parameter
     * per key column), for the rows an upsert left alone: one statement text for any number of
     * keys, a fresh snapshot of each. Each key is looked up on its own, in a LATERAL subquery that
     * {@code OFFSET 0} keeps the planner from turning into a hash join over the whole table: the
     * read costs what the number of keys costs, whatever the table's size. Null when a key column's
     * type is unknown.
     */
    @Override
    public String selectByKeyArrays(Table table, List<Column> columns) {
        StringJoiner arrays = new StringJoiner(", ", "unnest(", ")");
        StringJoiner names = new StringJoiner(", ", "(", ")");
        StringJoiner on = new StringJoiner(" AND ");
        List<Column> keys = table.keys();
        for (int i = 0; i < keys.size(); i++) {
            if (keys.get(i).sqlType() == null || !unnestable(keys.get(i))) {
                return null;
            }
            Encoding encoding = Encoding.of(keys.get(i));
            String element = quote(Sql.INPUT) + "." + quote("k" + i);
            arrays.add("CAST(? AS " + typeName(encoding.arrayType(keys.get(i))) + "[])");
            names.add(quote("k" + i));
            on.add(Sql.qualified(this, "x", keys.get(i)) + " = " + encoding.decode(element));
        }
        String selected = Dialect.list(columns, c -> Sql.qualified(this, "x", c), "", "");
        return "SELECT " + selected + " FROM " + arrays + " AS " + quote(Sql.INPUT) + names + " CROSS JOIN LATERAL (SELECT "
                + selected + " FROM " + qualifiedName(table) + " AS " + quote("x") + " WHERE " + on + " OFFSET 0) AS " + quote("x");
    }

    /**
     * The {@code citext} columns (or of a domain over it), which compare as their lower case: of A
     * to Z alone where the database's character type is C, as the letters of its locale elsewhere;
     * and the {@code char(n)} ones (or of a domain over it), which return their values padded and
     * compare them without trailing spaces.
     */
    @Override
    public String collationsQuery() {
        return "SELECT a.attname, CASE WHEN 'bpchar' IN (t.typname, b.typname) THEN 'bpchar' WHEN (SELECT datctype FROM"
                + " pg_catalog.pg_database WHERE datname = current_database()) IN ('C', 'POSIX') THEN 'citext (C)'"
                + " ELSE 'citext' END"
                + " FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid"
                + " LEFT JOIN pg_catalog.pg_type b ON b.oid = t.typbasetype"
                + " WHERE a.attrelid = to_regclass(quote_ident(COALESCE(?, current_schema())) || '.' || quote_ident(?))"
                + " AND a.attnum > 0 AND NOT a.attisdropped AND (t.typname IN ('citext', 'bpchar') OR b.typname IN ('citext', 'bpchar'))";
    }

    /** Key columns only, not INCLUDE ones; an index ON CONFLICT cannot use named so (invalid, deferrable). */
    @Override
    public String uniqueIndexesQuery() {
        return "SELECT c.relname, COALESCE(a.attname, pg_catalog.pg_get_indexdef(i.indexrelid, k.n + 1, true)),"
                + " pg_catalog.pg_get_expr(i.indpred, i.indrelid), CASE WHEN NOT (i.indisvalid AND i.indisready) THEN 'invalid'"
                + " WHEN NOT i.indimmediate THEN 'deferrable' END"
                + " FROM pg_catalog.pg_index i JOIN pg_catalog.pg_class c ON c.oid = i.indexrelid"
                + " CROSS JOIN LATERAL generate_series(0, i.indnkeyatts - 1) AS k(n)"
                + " LEFT JOIN pg_catalog.pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = i.indkey[k.n]"
                + " WHERE i.indisunique"
                + " AND i.indrelid = to_regclass(quote_ident(COALESCE(?, current_schema())) || '.' || quote_ident(?))";
    }

    @Override
    public String tableSchemaQuery() {
        return "SELECT n.nspname FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE c.oid = to_regclass(quote_ident(?))";
    }

    @Override
    public String sequenceTypeQuery() {
        return "SELECT s.seqtypid::regtype::text FROM pg_catalog.pg_sequence s WHERE s.seqrelid = pg_get_serial_sequence(?, ?)::regclass";
    }

    /**
     * Whether a new id is drawn only for absent keys. ON CONFLICT evaluates a column default
     * before it finds the conflict, so a plain upsert advances the sequence once per row, present
     * or not. That can exhaust a 32-bit sequence, never a 64-bit one in practice, and the lookup
     * that prevents it costs an index probe per row; so by default only narrow ids are guarded.
     */
    static boolean guardsSequence(Table table) {
        Column id = table.generatedId();
        if (id == null) {
            return false;
        }
        if (table.sequenceGuard() != null) {
            return table.sequenceGuard();
        }
        String type = id.sqlType() == null ? "" : id.sqlType().toLowerCase(java.util.Locale.ROOT);
        return !(type.equals("int8") || type.equals("bigint") || type.equals("bigserial"));
    }

    /**
     * The INSERT ... SELECT from the input. With the guard, an id is proposed as {@code
     * COALESCE(existing id, new id)}; without, the new id expression (or the column's own
     * default), which a conflict discards.
     */
    private String insert(Table table, String from, boolean guard) {
        Column id = table.generatedId();
        StringJoiner columns = new StringJoiner(", ", " (", ")");
        StringJoiner select = new StringJoiner(", ", " SELECT ", "");
        boolean idWritten = false;
        for (Column column : table.columns()) {
            if (column != id && (column.bound() || column.writeExpression() != null)) {
                columns.add(quote(column.name()));
                select.add(column.bound() ? Sql.input(this, table.bound(), column) : column.writeExpression());
            } else if (column == id && (guard || id.writeExpression() != null)) {
                idWritten = true;
                columns.add(quote(column.name()));
                select.add(guard ? "COALESCE((SELECT " + Sql.qualified(this, "x", id) + " FROM " + qualifiedName(table)
                        + " AS " + quote("x") + " WHERE " + Sql.keyMatch(this, "x", table, table.bound()) + "), "
                        + newId(table, id) + ")" : id.writeExpression());
            }
        }
        // An identity column declared GENERATED ALWAYS takes an explicit value only so.
        return "INSERT INTO " + qualifiedName(table) + " AS " + quote(Sql.TARGET) + columns
                + (idWritten && id.writeExpression() == null ? " OVERRIDING SYSTEM VALUE" : "") + select + " FROM " + from;
    }

    private String conflict(Table table, boolean skipUnchanged) {
        StringBuilder sql = new StringBuilder(" ORDER BY ").append(quote(Sql.INPUT)).append('.').append(quote(Sql.ORDINAL))
                .append(" ON CONFLICT ").append(Dialect.list(table.keys(), c -> quote(c.name()), "(", ")"));
        List<Column> updated = table.updated();
        List<Column> compared = table.compared();
        if (updated.isEmpty() || skipUnchanged && compared.isEmpty()) {
            sql.append(" DO NOTHING");
        } else {
            sql.append(" DO UPDATE SET ").append(Dialect.list(updated, this::assignment, "", ""));
            if (skipUnchanged) {
                sql.append(" WHERE ").append(Dialect.list(compared, c -> comparable(c, Sql.qualified(this, Sql.TARGET, c)), "(", ")"))
                        .append(" IS DISTINCT FROM ")
                        .append(Dialect.list(compared, c -> comparable(c, Sql.merged(c, Sql.qualified(this, Sql.TARGET, c),
                                "EXCLUDED." + quote(c.name()))), "(", ")"));
            }
        }
        return sql.append(" RETURNING ").append(Dialect.list(table.results(), c -> Sql.qualified(this, Sql.TARGET, c), "", ""))
                .append(", (").append(quote(Sql.TARGET)).append(".xmax = 0)").toString();
    }

    private String assignment(Column column) {
        return quote(column.name()) + " = "
                + Sql.assigned(column, Sql.qualified(this, Sql.TARGET, column), () -> "EXCLUDED." + quote(column.name()));
    }

    /**
     * A value as it can be compared: {@code json} and {@code xml} have no equality operator, so
     * they compare as {@code jsonb} (ignoring key order and spacing) and as text; {@code citext}
     * as text, as Hibernate's own dirty check would see a change of case.
     */
    static String comparable(Column column, String expression) {
        String type = column.sqlType() == null ? "" : column.sqlType().toLowerCase(java.util.Locale.ROOT);
        return switch (type) {
            case "json" -> "(" + expression + ")::jsonb";
            case "xml", "citext" -> "(" + expression + ")::text";
            default -> expression;
        };
    }

    /** Types the first input row, so that every VALUES column takes the table column's type. */
    static String typed(Column column) {
        return column.sqlType() == null ? column.writeExpression() : cast(column.writeExpression(), column.sqlType());
    }

    /** Types whose parameters, as the driver binds them, compare as the column does. */
    private static final java.util.Set<String> PLAIN = java.util.Set.of("int2", "int4", "int8", "numeric", "float4",
            "float8", "bool", "varchar", "text", "date", "timestamp", "timestamptz", "time", "timetz", "uuid", "bytea");

    /**
     * A key of another type (citext, which a varchar parameter would compare case by case; an
     * enum or a domain; char(n)) is compared as its column's type, as ON CONFLICT compares it.
     */
    @Override
    public String keyParameter(Column key) {
        return key.sqlType() == null || PLAIN.contains(key.sqlType().toLowerCase(java.util.Locale.ROOT)) ? "?"
                : cast("?", key.sqlType());
    }

    /** {@code CAST(expression AS type)}, the type named as the server reads it back. */
    private static String cast(String expression, String type) {
        return "CAST(" + expression + " AS " + typeName(type) + ")";
    }

    /**
     * A type's name as the driver reports it, written so that the server reads it back: the
     * driver leaves the name of a type on the search path bare, also one created in quotes
     * ({@code "Mood"}), which unquoted would fold to lower case.
     */
    static String typeName(String type) {
        return type.matches("[a-z_][a-z0-9_$]*(\\.[a-z_][a-z0-9_$]*)?|.*\".*") ? type : Sql.quoteWith(type, '"');
    }

    private String newId(Table table, Column id) {
        if (id.writeExpression() != null) {
            return id.writeExpression();
        }
        // An identity or serial column: its own sequence, looked up by name once per statement
        // (an uncorrelated subquery), not once per inserted row.
        return "nextval((SELECT pg_get_serial_sequence(" + Sql.stringLiteral(qualifiedName(table)) + ", "
                + Sql.stringLiteral(id.name()) + ")))";
    }
}
