package dev.upsert.hibernate;

import dev.upsert.Active;
import dev.upsert.Current;
import dev.upsert.Tracked;
import dev.upsert.ValidFrom;
import dev.upsert.ValidTo;
import dev.upsert.jdbc.Deletions;
import dev.upsert.jdbc.HistoryExecutor;
import dev.upsert.jdbc.Key;
import dev.upsert.jdbc.Row;
import dev.upsert.jdbc.TableInspector;
import dev.upsert.DeletedAt;
import dev.upsert.Merge;
import dev.upsert.MergePolicy;
import dev.upsert.NaturalKey;
import dev.upsert.Scope;
import dev.upsert.Strategy;
import dev.upsert.UpsertException;
import dev.upsert.UpsertOptions;
import dev.upsert.dialect.Column;
import dev.upsert.dialect.Column.Role;
import dev.upsert.dialect.Filter;
import dev.upsert.dialect.Table;
import dev.upsert.jdbc.ValueHandler;
import org.hibernate.dialect.Dialect;
import org.hibernate.engine.jdbc.env.spi.IdentifierHelper;
import org.hibernate.engine.internal.Versioning;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.generator.BeforeExecutionGenerator;
import org.hibernate.generator.EventType;
import org.hibernate.generator.Generator;
import org.hibernate.generator.OnExecutionGenerator;
import org.hibernate.id.enhanced.NoopOptimizer;
import org.hibernate.id.enhanced.PooledLoOptimizer;
import org.hibernate.id.enhanced.PooledLoThreadLocalOptimizer;
import org.hibernate.id.enhanced.PooledOptimizer;
import org.hibernate.id.enhanced.SequenceStyleGenerator;
import org.hibernate.metamodel.mapping.AttributeMapping;
import org.hibernate.metamodel.mapping.BasicEntityIdentifierMapping;
import org.hibernate.metamodel.mapping.CompositeIdentifierMapping;
import org.hibernate.metamodel.mapping.EmbeddableMappingType;
import org.hibernate.metamodel.mapping.EntityIdentifierMapping;
import org.hibernate.metamodel.mapping.EntityVersionMapping;
import org.hibernate.metamodel.mapping.JdbcMapping;
import org.hibernate.metamodel.mapping.NonAggregatedIdentifierMapping;
import org.hibernate.metamodel.mapping.SelectableMapping;
import org.hibernate.metamodel.mapping.SingularAttributeMapping;
import org.hibernate.persister.entity.AbstractEntityPersister;
import org.hibernate.persister.entity.EntityPersister;
import org.hibernate.persister.entity.mutation.EntityTableMapping;
import org.hibernate.type.descriptor.java.VersionJavaType;

import java.beans.Introspector;
import java.lang.annotation.Annotation;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.time.ZoneId;
import java.util.function.BiConsumer;

/**
 * How one entity type maps to its table, read from Hibernate's mapping metamodel: which columns
 * an upsert writes, where each value comes from, and where values read back go. Every call into
 * Hibernate's SPIs for the mapping lives here, so that a Hibernate upgrade touches one class.
 */
final class EntityModel {

    /** Where one column's value comes from. */
    private sealed interface Source {
    }

    /** The generated id: the database supplies it. */
    private record DatabaseId() implements Source {
    }

    /** The identifier, as the entity carries it or as its generator makes it. */
    private record Identifier(BeforeExecutionGenerator generator) implements Source {
    }

    /**
     * Column {@code index} of an identifier of several columns, as the entity carries it: the
     * natural key, or an assigned composite identifier beside one (inserted, never updated, read back).
     */
    private record IdentifierKey(int index) implements Source {
    }

    /**
     * The key of one of the tables an entity spans beyond its root table (a JOINED subtype's
     * table, a secondary table): the id the write of the root table gives the row.
     *
     * @param ofType   whether the table is one of a JOINED type's own, where every row of the type has a row
     * @param optional whether a row exists only where some of its columns hold a value (a secondary
     *                 table, unless {@code @SecondaryRow(optional = false)})
     */
    private record FurtherId(boolean ofType, boolean optional) implements Source {
    }

    /** The entity type's value of its single-table hierarchy's discriminator column. */
    private record Discriminator(Object value) implements Source {
    }

    /** The initial version Hibernate would give a new row. */
    private record Version() implements Source {
    }

    /**
     * A soft-delete marker: whatever the entity holds, an upserted row is live.
     *
     * @param live   the flag a live row holds (true for an active flag, false for a deleted one),
     *               or null for a deletion time, which a live row leaves null
     * @param hidden whether Hibernate's queries no longer see a marked row (its own @SoftDelete)
     */
    private record Marker(Boolean live, boolean hidden) implements Source {
    }

    /** Selectable {@code index} of an attribute, generated on insert when {@code generator} is set. */
    private record Attribute(AttributeMapping mapping, int index, BeforeExecutionGenerator generator) implements Source {
    }

    /** The attribute name messages give the discriminator column of a hierarchy. */
    private static final String DISCRIMINATOR = "(type)";

    final EntityPersister persister;
    final Table table;
    private final List<Source> sources;
    private final List<JdbcMapping> jdbcMappings;
    /** Per column, what the live table's column holds at most, or null (not known yet, or no limit). */
    private final List<TableInspector.Limit> limits;
    /**
     * The entity's tables beyond its main one ({@link #table}, a JOINED hierarchy's root table):
     * one model each, keyed by the id; a JOINED type's own tables in the hierarchy's order, then
     * secondary tables. Empty for an entity in one table.
     */
    final List<EntityModel> further;
    /**
     * The tables of a JOINED type's subtypes, each with its id column alone: a row of the type has
     * no row there (one that has is a subtype's); empty for others.
     */
    final List<Table> subtypes;
    /** Per attribute, the column each of its JDBC values goes to (-1: not written), worked out once. */
    private final Map<AttributeMapping, int[]> targets = new java.util.IdentityHashMap<>();
    /** Per position of {@link Table#results()}, the column it reads back, or -1 for a key. */
    private final int[] returnedColumns;
    /** Where each JDBC value of an identifier of several columns goes (see {@link IdentifierKey}); empty otherwise. */
    private final int[] identifierTargets;
    /** The column of the entity's {@code @TenantId}, or -1. */
    private final int tenantIndex;
    /** Per natural-key column, its collation where that folds text; null where none folds. */
    private final TableInspector.Collation[] keyCollations;

    private EntityModel(EntityPersister persister, Table table, List<Source> sources, List<JdbcMapping> jdbcMappings,
                        List<TableInspector.Limit> limits, List<EntityModel> further, List<Table> subtypes) {
        this.persister = persister;
        this.further = further;
        this.subtypes = subtypes;
        this.table = table;
        this.sources = sources;
        this.jdbcMappings = jdbcMappings;
        this.limits = limits;
        this.returnedColumns = table.results().stream()
                .mapToInt(c -> c.returned() ? table.columns().indexOf(c) : -1).toArray();
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i) instanceof Attribute a) {
                int[] at = targets.computeIfAbsent(a.mapping(), m -> {
                    int[] none = new int[m.getJdbcTypeCount()];
                    java.util.Arrays.fill(none, -1);
                    return none;
                });
                at[a.index()] = i;
            }
        }
        this.identifierTargets = java.util.stream.IntStream.range(0, sources.size())
                .filter(i -> sources.get(i) instanceof IdentifierKey).toArray();
        this.tenantIndex = java.util.stream.IntStream.range(0, sources.size()).filter(i -> sources.get(i) instanceof Attribute a
                && annotated(persister.getMappedClass(), a.mapping().getAttributeName(), org.hibernate.annotations.TenantId.class))
                .findFirst().orElse(-1);
        this.keyCollations = keyCollations(table, limits);
    }

    EntityModel withTable(Table inspected) {
        return new EntityModel(persister, inspected, sources, jdbcMappings, limits, further, subtypes);
    }

    EntityModel withFurther(List<EntityModel> tables) {
        return new EntityModel(persister, table, sources, jdbcMappings, limits, List.copyOf(tables), subtypes);
    }

    /** Whether the entity's rows span tables beyond this one: further tables of its own, or its subtypes'. */
    boolean spansTables() {
        return !further.isEmpty() || !subtypes.isEmpty();
    }

    /** Whether this is one of an entity's tables beyond its main one, keyed by the id. */
    private boolean isFurtherTable() {
        return sources.get(0) instanceof FurtherId;
    }

    /** Whether this is one of a JOINED type's own tables, where every row of the type has a row. */
    boolean ofType() {
        return sources.get(0) instanceof FurtherId id && id.ofType();
    }

    /** Whether this is a secondary table whose row exists only where some of its columns hold a value. */
    boolean optional() {
        return sources.get(0) instanceof FurtherId id && id.optional();
    }

    /**
     * A JOINED type's rows: the root rows the last of its own tables has a row for, and none of
     * its subtypes' tables has; no conditions for an entity outside a JOINED hierarchy.
     */
    private List<Filter> typeFilters() {
        List<Filter> type = new ArrayList<>();
        further.stream().filter(EntityModel::ofType).reduce((first, second) -> second)
                .ifPresent(own -> type.add(Filter.in(idColumn(), own.table)));
        subtypes.forEach(subtype -> type.add(Filter.notIn(idColumn(), subtype)));
        return type;
    }

    /** What deletes of a multi-table entity's rows need: its further tables, deleted from first; null for one table. */
    Deletions.Further furtherDeletions() {
        return spansTables() ? new Deletions.Further(idColumn(), further.stream().map(other -> other.table).toList(),
                typeFilters()) : null;
    }

    /** The id column, where the database generates or the entity assigns one id. */
    private Column idColumn() {
        return table.columns().get(returnedColumns[idResult()]);
    }

    /**
     * The columns of an identifier the entity assigns itself (not generated), written on insert
     * only; empty where the database or a generator gives ids, or where the identifier is the key.
     */
    int[] assignedIdColumns() {
        return java.util.stream.IntStream.range(0, sources.size()).filter(i -> table.columns().get(i).role() != Role.KEY
                && (sources.get(i) instanceof IdentifierKey || sources.get(i) instanceof Identifier id
                && (id.generator() == null || id.generator() instanceof org.hibernate.id.Assigned))).toArray();
    }

    /** Binds and reads the id column's values. */
    ValueHandler idHandler(SharedSessionContractImplementor session) {
        return handlers(session).get(returnedColumns[idResult()]);
    }

    /** Where the id stands among the values a write reads back ({@link Table#results()}). */
    int idResult() {
        for (int r = 0; r < returnedColumns.length; r++) {
            if (returnedColumns[r] >= 0 && (sources.get(returnedColumns[r]) instanceof DatabaseId
                    || sources.get(returnedColumns[r]) instanceof Identifier)) {
                return r;
            }
        }
        throw new IllegalStateException(entityName() + " has no id of one column read back from " + table.displayName());
    }

    /**
     * With the limits of the live table's text, decimal and time columns, by column name. Where the
     * database reports no column types (SQLite), a timestamp keeps what its driver stores of it.
     */
    EntityModel withLimits(java.util.Map<String, TableInspector.Limit> live, dev.upsert.dialect.Dialect dialect) {
        List<TableInspector.Limit> byColumn = new ArrayList<>();
        for (int i = 0; i < table.columns().size(); i++) {
            TableInspector.Limit limit = TableInspector.limitOf(live, table.columns().get(i).name());
            int code = jdbcMappings.get(i).getJdbcType().getDefaultSqlTypeCode();
            boolean timestamp = code == java.sql.Types.TIMESTAMP || code == java.sql.Types.TIMESTAMP_WITH_TIMEZONE
                    || code == org.hibernate.type.SqlTypes.TIMESTAMP_UTC;
            if (limit == null && timestamp && !dialect.checksColumnTypes()) {
                limit = TableInspector.Limit.Time.asSent(dialect);
            }
            byColumn.add(limit);
        }
        return new EntityModel(persister, table, sources, jdbcMappings, java.util.Collections.unmodifiableList(byColumn), further,
                subtypes);
    }

    /**
     * Refuses a text value longer than its column holds, or a decimal with more digits before the
     * point than its column keeps, naming entity, attribute and position, rather than letting the
     * database fail the whole statement without saying which row (or, in MySQL's non-strict mode,
     * cut or clamp the value). A decimal with more digits after the point than its column keeps is
     * rounded here as the column would round it, and so is a time with more digits of a second,
     * so that a versioned history compares what the table will hold: 1.499 into a numeric(10,2)
     * is 1.50 there, and 1.50 the next time. A {@code LocalDateTime} in a daylight-saving gap is
     * moved past it, as Hibernate binds it ({@link #gapZone()}). Natural-key values are fitted too,
     * before rows are keyed: the database matches the key it stores.
     */
    void fitLimits(Object[] values, int position) {
        fitLimits(values, position, gapZone());
    }

    /**
     * The JVM's zone where it has daylight-saving gaps, else null: Hibernate binds a
     * {@code LocalDateTime} through {@code java.sql.Timestamp}, in that zone, so one in a gap is
     * written past it, later by the gap's length, and a key there is that later one to the table.
     */
    static ZoneId gapZone() {
        ZoneId zone = ZoneId.systemDefault();
        return zone.getRules().isFixedOffset() ? null : zone;
    }

    /**
     * Whether Hibernate binds a {@code LocalDateTime} as an instant in the JVM's zone (a
     * {@code java.sql.Timestamp}, or UTC), which moves one in a gap past it, by the gap's length;
     * not where it is sent as it is ({@code hibernate.type.java_time_use_direct_jdbc}).
     */
    private static boolean throughJvmZone(org.hibernate.type.descriptor.jdbc.JdbcType type) {
        return type instanceof org.hibernate.type.descriptor.jdbc.TimestampJdbcType
                || type.getDefaultSqlTypeCode() == org.hibernate.type.SqlTypes.TIMESTAMP_UTC;
    }

    /** As {@link #fitLimits(Object[], int)}, with the JVM's {@link #gapZone()}, read once for many rows. */
    void fitLimits(Object[] values, int position, ZoneId gapZone) {
        for (int i = 0; i < values.length; i++) {
            if (gapZone != null && values[i] instanceof java.time.LocalDateTime dateTime
                    && gapZone.getRules().getValidOffsets(dateTime).isEmpty() && throughJvmZone(jdbcMappings.get(i).getJdbcType())) {
                values[i] = dateTime.atZone(gapZone).toLocalDateTime();
            }
            TableInspector.Limit limit = limits.get(i);
            // A value the database generates is not sent, whatever the entity holds.
            if (limit == null || values[i] == null || !table.columns().get(i).bound()) {
                continue;
            }
            Column column = table.columns().get(i);
            if (limit instanceof TableInspector.Limit.Text text && values[i] instanceof String value) {
                // A string holds at least as many chars as code points, and a char takes at most 3 bytes of
                // UTF-8: only a long one needs counting.
                if (!text.bytes() && value.length() > text.size() && value.codePointCount(0, value.length()) > text.size()) {
                    throw new IllegalArgumentException(where(column, position) + " has " + value.codePointCount(0, value.length())
                            + " characters; its column " + column.name() + " holds " + text.size()
                            + ". Shorten the value or widen the column (@Column(length)). Nothing was written.");
                }
                if (text.bytes() && (long) value.length() * 3 > text.size() && utf8Length(value) > text.size()) {
                    throw new IllegalArgumentException(where(column, position) + " takes " + utf8Length(value) + " bytes of"
                            + " UTF-8; its column " + column.name() + " holds " + text.size() + " bytes. Shorten the value or"
                            + " give the column a larger text type (MEDIUMTEXT, LONGTEXT). Nothing was written.");
                }
                if (!text.nulAllowed() && value.indexOf('\u0000') >= 0) {
                    throw new IllegalArgumentException(where(column, position) + " contains the NUL character (\\u0000) at index "
                            + value.indexOf('\u0000') + ", which a text column of this database cannot hold. Remove it"
                            + " from the source data (or map the attribute to a binary column). Nothing was written.");
                }
            } else if (limit instanceof TableInspector.Limit.Decimal numeric && (values[i] instanceof java.math.BigDecimal
                    || values[i] instanceof java.math.BigInteger)) {
                java.math.BigDecimal decimal = values[i] instanceof java.math.BigDecimal d ? d
                        : new java.math.BigDecimal((java.math.BigInteger) values[i]);
                // As the column will hold it: 99.999 in a numeric(4,2) rounds to 100.00.
                java.math.BigDecimal stored = decimal.scale() > numeric.scale()
                        ? decimal.setScale(numeric.scale(), java.math.RoundingMode.HALF_UP) : decimal;
                int digits = stored.precision() - stored.scale();
                if (digits > numeric.integerDigits()) {
                    throw new IllegalArgumentException(where(column, position) + " is " + decimal.toPlainString() + ", " + digits
                            + " digits before the decimal point; its column " + column.name() + " (precision "
                            + numeric.precision() + ", scale " + numeric.scale() + ") holds " + numeric.integerDigits()
                            + ". Correct the value or widen the column (@Column(precision, scale)). Nothing was written.");
                }
                if (stored != decimal && values[i] instanceof java.math.BigDecimal) {
                    values[i] = stored;
                }
            } else if (limit instanceof TableInspector.Limit.Time time) {
                // As the column will keep it: 12:00:00.7 in a timestamp(0) is 12:00:01 (MariaDB: 12:00:00).
                values[i] = time.fit(values[i]);
            }
        }
    }

    /**
     * A natural key as the table compares it: text folded where its column's collation
     * ignores case, accents or trailing spaces (MariaDB's and MySQL's defaults); the key itself where
     * no key column folds.
     */
    Key compared(Key key) {
        if (keyCollations == null) {
            return key;
        }
        List<Object> folded = null;
        for (int k = 0; k < keyCollations.length; k++) {
            if (keyCollations[k] != null && key.values().get(k) instanceof String value) {
                String fold = keyCollations[k].fold(value);
                if (!fold.equals(value)) {
                    folded = folded != null ? folded : new ArrayList<>(key.values());
                    folded.set(k, fold);
                }
            }
        }
        return folded == null ? key : new Key(folded);
    }

    /** Whether some natural-key column's collation folds text: keys then compare as {@link #compared} says. */
    boolean foldsKeys() {
        return keyCollations != null;
    }

    private static TableInspector.Collation[] keyCollations(Table table, List<TableInspector.Limit> limits) {
        List<Column> keys = table.keys();
        TableInspector.Collation[] collations = new TableInspector.Collation[keys.size()];
        boolean any = false;
        for (int k = 0; k < collations.length; k++) {
            int column = table.columns().indexOf(keys.get(k));
            if (column < limits.size() && limits.get(column) instanceof TableInspector.Limit.Text text
                    && text.collation() != null && text.collation().folds()) {
                collations[k] = text.collation();
                any = true;
            }
        }
        return any ? collations : null;
    }

    /**
     * Refuses keys that differ in Java but are one key to the table's unique index, by its
     * collation ({@code sku-a} and {@code SKU-A} under a case-insensitive one, {@code a} and
     * {@code a } where it pads), whatever the duplicate-key policy: the statement would write the
     * second over the first. Equal keys pass.
     */
    void requireKeysApart(Iterable<Key> keys) {
        if (keyCollations == null) {
            return;
        }
        java.util.Map<Key, Key> seen = new java.util.HashMap<>();
        for (Key key : keys) {
            Key other = seen.putIfAbsent(compared(key), key);
            if (other != null && !other.equals(key)) {
                throw new IllegalArgumentException("Natural keys " + other.values() + " and " + key.values() + " of "
                        + entityName() + " differ, but are one key to table " + table.displayName() + ": " + ignored()
                        + ". Give each key one spelling (normalize the source data), or give the column "
                        + java.util.Arrays.stream(keyCollations).filter(java.util.Objects::nonNull).findFirst().orElseThrow().remedy()
                        + ". Nothing was written.");
            }
        }
    }

    /** What each folding key column's collation ignores. */
    private String ignored() {
        java.util.StringJoiner text = new java.util.StringJoiner("; ");
        for (int k = 0; k < keyCollations.length; k++) {
            if (keyCollations[k] != null) {
                Column column = table.keys().get(k);
                text.add("column " + column.name() + " (attribute " + column.attribute() + ") compares by collation "
                        + keyCollations[k].name() + ", which ignores " + keyCollations[k].ignored());
            }
        }
        return text.toString();
    }

    private String where(Column column, int position) {
        return entityName() + "." + column.attribute() + " of the entity at position " + position;
    }

    /** Whether the entity keeps versioned history (SCD type 2). */
    boolean isHistory() {
        return column(ValidFrom.class) >= 0 || column(ValidTo.class) >= 0 || column(Current.class) >= 0;
    }

    /** The history's columns in this model's table. */
    HistoryExecutor.Columns historyColumns() {
        int from = column(ValidFrom.class);
        int to = column(ValidTo.class);
        int current = column(Current.class);
        if (from < 0 || to < 0 || current < 0) {
            throw new UpsertException("Versioned entity " + entityName() + " needs all of @ValidFrom, @ValidTo and "
                    + "@Current on its attributes (a timestamp, a nullable timestamp and a boolean).");
        }
        List<Column> data = table.columns().stream().filter(c -> c.role() == Role.DATA).toList();
        // One never updated (updatable = false) is tracked too where marked: a new version is an insert.
        // (Not a creation timestamp, which is generated, and read back, anew for every version.)
        List<Column> tracked = table.columns().stream().filter(c -> c.role() == Role.DATA || c.role() == Role.INSERT_ONLY && !c.returned())
                .filter(c -> annotated(persister.getMappedClass(), c.attribute(), Tracked.class)).toList();
        if (tracked.isEmpty()) {
            tracked = data;
        }
        List<Column> trackedColumns = tracked;
        return new HistoryExecutor.Columns(table.columns().get(from), table.columns().get(to), table.columns().get(current),
                trackedColumns, data.stream().filter(c -> !trackedColumns.contains(c)).toList(),
                coarser(limits.get(from), limits.get(to)));
    }

    /** The validity columns' limit that keeps fewer digits: a version ends where the next starts, in both. */
    private static TableInspector.Limit.Time coarser(TableInspector.Limit from, TableInspector.Limit to) {
        TableInspector.Limit.Time a = from instanceof TableInspector.Limit.Time time ? time : null;
        TableInspector.Limit.Time b = to instanceof TableInspector.Limit.Time time ? time : null;
        return a == null ? b : b == null || a.digits() <= b.digits() ? a : b;
    }

    /** The current time as a JDBC value of the valid-from column. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Object now(SharedSessionContractImplementor session) {
        JdbcMapping mapping = jdbcMappings.get(column(ValidFrom.class));
        if (!(mapping.getJavaTypeDescriptor() instanceof VersionJavaType type)) {
            throw unsupported(entityName(), "its @ValidFrom attribute is not a timestamp");
        }
        return mapping.convertToRelationalValue(type.seed(null, null, null, session));
    }

    /** The current flag's JDBC value. */
    Object flag(boolean value) {
        return jdbcMappings.get(column(Current.class)).convertToRelationalValue(value);
    }

    /** Sets a row's validity to that of a version opening now. */
    void openVersion(Object[] values, Object now) {
        values[column(ValidFrom.class)] = now;
        values[column(ValidTo.class)] = null;
        values[column(Current.class)] = flag(true);
    }

    private int column(Class<? extends Annotation> marker) {
        for (int i = 0; i < table.columns().size(); i++) {
            if (sources.get(i) instanceof Attribute a && annotated(persister.getMappedClass(), a.mapping().getAttributeName(), marker)) {
                return i;
            }
        }
        return -1;
    }

    /** The JDBC type each column is bound with ({@code java.sql.Types} or Hibernate's {@code SqlTypes}). */
    List<Integer> jdbcTypeCodes() {
        return jdbcMappings.stream().map(m -> m.getJdbcType().getJdbcTypeCode()).toList();
    }

    /** The soft-delete marker column's index, or -1 when rows are deleted for real. */
    private int markerIndex() {
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i) instanceof Marker) {
                return i;
            }
        }
        return -1;
    }

    boolean softDeletes() {
        return markerIndex() >= 0;
    }

    /** Whether Hibernate no longer loads a soft-deleted row, as with its own @SoftDelete. */
    boolean hidesDeleted() {
        return softDeletes() && ((Marker) sources.get(markerIndex())).hidden();
    }

    /** Whether rows belong to tenants (@TenantId). */
    boolean hasTenant() {
        return tenantIndex >= 0;
    }

    /** What still holds for a live row: {@code deleted_at IS NULL}, or {@code active = ?} / {@code deleted = ?}. */
    Filter liveFilter() {
        int i = markerIndex();
        return new Filter(table.columns().get(i), ((Marker) sources.get(i)).live() != null ? Scope.Operator.EQ : Scope.Operator.IS_NULL);
    }

    /** The value {@link #liveFilter()} binds, and an upserted row gets: the live flag, or null. */
    Object liveValue() {
        return liveValue(markerIndex());
    }

    private Object liveValue(int i) {
        Boolean live = ((Marker) sources.get(i)).live();
        return live == null ? null : jdbcMappings.get(i).convertToRelationalValue(live);
    }

    /** The marker's value for a row deleted now: the flag's other value, or the current time. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    Object deletedValue(SharedSessionContractImplementor session) {
        int i = markerIndex();
        JdbcMapping mapping = jdbcMappings.get(i);
        Boolean live = ((Marker) sources.get(i)).live();
        if (live != null) {
            return mapping.convertToRelationalValue(!live);
        }
        Object now = ((VersionJavaType) mapping.getJavaTypeDescriptor()).seed(null, null, null, session);
        return mapping.convertToRelationalValue(now);
    }

    /** A scope's conditions on this model's table, with their JDBC values (null where one takes none). */
    record Scoped(List<Filter> filters, List<Object> values) {
    }

    /**
     * The scope's conditions, and the ones every scope of this entity holds: in a single-table
     * hierarchy, the rows of the entity's own type; with {@code @TenantId}, the session's
     * tenant's; with {@code @SQLRestriction}, the rows Hibernate's queries see.
     */
    Scoped scoped(UpsertOptions options, SharedSessionContractImplementor session) {
        Scope scope = options.effectiveScope();
        List<Filter> filters = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (Scope.Condition condition : scope.conditions()) {
            int column = scopeColumn(condition);
            filters.add(new Filter(table.columns().get(column), condition.operator()));
            values.add(condition.value() == null ? null : jdbcMappings.get(column).convertToRelationalValue(condition.value()));
        }
        int type = discriminatorIndex();
        if (type >= 0) {
            filters.add(new Filter(table.columns().get(type), Scope.Operator.EQ));
            values.add(((Discriminator) sources.get(type)).value());
        }
        for (Filter ofType : typeFilters()) {
            filters.add(ofType);
            values.add(null);
        }
        if (tenantIndex >= 0) {
            filters.add(new Filter(table.columns().get(tenantIndex), Scope.Operator.EQ));
            values.add(jdbcMappings.get(tenantIndex).convertToRelationalValue(session.getTenantIdentifierValue()));
        }
        List<String> restrictions = restrictions();
        if (restrictions == null && options.deletesScope()) {
            throw new UpsertException(entityName() + " has a restriction on its rows that this library cannot read (a"
                    + " dialect's @DialectOverride.SQLRestriction, or a mapping file's), so a " + options.strategy()
                    + " could not keep to the rows Hibernate sees. Declare it with @SQLRestriction alone, or use the"
                    + " UPSERT or INSERT_MISSING strategy.");
        }
        for (String restriction : restrictions == null ? List.<String>of() : restrictions) {
            filters.add(Filter.sql(restriction));
            values.add(null);
        }
        return new Scoped(List.copyOf(filters), java.util.Collections.unmodifiableList(values));
    }

    /**
     * The {@code @SQLRestriction} Hibernate applies to the entity's rows, as it chooses one: the
     * root entity's own, else that of the nearest {@code @MappedSuperclass} above it; none if
     * there is none. Null where it applies one this cannot read: a dialect's override, or one
     * from a mapping file.
     */
    private List<String> restrictions() {
        String found = null;
        boolean overridden = false;
        Class<?> root = persister.getRootEntityDescriptor().getJavaType().getJavaTypeClass();
        for (Class<?> type = root; type != null && found == null
                && (type == root || type.isAnnotationPresent(jakarta.persistence.MappedSuperclass.class)); type = type.getSuperclass()) {
            org.hibernate.annotations.SQLRestriction restriction = type.getDeclaredAnnotation(org.hibernate.annotations.SQLRestriction.class);
            found = restriction == null ? null : restriction.value();
            overridden |= type.isAnnotationPresent(org.hibernate.annotations.DialectOverride.SQLRestriction.class)
                    || type.isAnnotationPresent(org.hibernate.annotations.DialectOverride.SQLRestrictions.class);
        }
        boolean applied = persister instanceof org.hibernate.persister.entity.AbstractEntityPersister entity && entity.hasWhereRestrictions();
        return overridden || applied != (found != null) ? null : found == null ? List.of() : List.of(found);
    }

    /** The discriminator column's index where the entity is part of a single-table hierarchy, or -1. */
    private int discriminatorIndex() {
        for (int i = 0; i < sources.size(); i++) {
            if (sources.get(i) instanceof Discriminator) {
                return i;
            }
        }
        return -1;
    }

    private int scopeColumn(Scope.Condition condition) {
        int found = -1;
        for (int i = 0; i < table.columns().size(); i++) {
            if (table.columns().get(i).attribute().equals(condition.attribute())) {
                if (found >= 0) {
                    throw new IllegalArgumentException("Scope attribute '" + condition.attribute() + "' of " + entityName()
                            + " maps to several columns; scope by one of its parts' columns is not supported.");
                }
                found = i;
            }
        }
        if (found < 0) {
            throw new IllegalArgumentException("Scope names attribute '" + condition.attribute() + "', which "
                    + entityName() + " does not map to a column of " + table.displayName() + "; mapped: "
                    + table.columns().stream().map(Column::attribute).distinct().toList());
        }
        org.hibernate.annotations.ColumnTransformer transformer = annotation(persister.getMappedClass(), condition.attribute(),
                org.hibernate.annotations.ColumnTransformer.class);
        if (transformer != null && !transformer.read().isBlank()) {
            // The condition would compare the stored value, which Hibernate's queries never show.
            throw new IllegalArgumentException("Scope attribute '" + condition.attribute() + "' of " + entityName()
                    + " is read through SQL of its own (@ColumnTransformer(read = \"" + transformer.read() + "\")): a condition"
                    + " on its stored column would not compare what Hibernate reads. Scope by another attribute. Nothing was written.");
        }
        return found;
    }

    String entityName() {
        return persister.getEntityName();
    }

    /** The table as this call writes it: attributes the options exclude are written on insert only. */
    Table tableFor(UpsertOptions options) {
        Table written = writtenTable(options);
        if (!isFurtherTable()) {
            boolean updates = !written.updated().isEmpty()
                    || further.stream().anyMatch(other -> !other.writtenTable(options).updated().isEmpty());
            refuseBypassedSql(options, updates);
        }
        return written;
    }

    private Table writtenTable(UpsertOptions options) {
        // The main table's model checks the attributes the options name against all of the entity's tables.
        Set<String> known = new HashSet<>();
        table.columns().forEach(c -> known.add(c.attribute()));
        further.forEach(other -> other.table.columns().forEach(c -> known.add(c.attribute())));
        for (String attribute : isFurtherTable() ? Set.<String>of()
                : union(union(options.updateOnly(), options.updateExcept()), options.mergePolicies().keySet())) {
            // updateExcept may also name one the statement never writes, as a call must to leave it alone.
            boolean unwritten = options.updateExcept().contains(attribute) && persister.findAttributeMapping(attribute) != null;
            if (!known.contains(attribute) && !unwritten) {
                throw new IllegalArgumentException("UpsertOptions names attribute '" + attribute + "', which "
                        + entityName() + " does not map to a column of " + table.displayName() + "; mapped: " + known);
            }
        }
        // A version is one whatever its type (a timestamp one is touched, as an update timestamp is).
        String version = persister.getVersionMapping() == null ? null
                : persister.getVersionMapping().getVersionAttribute().getAttributeName();
        if (version != null && options.updateExcept().contains(version)) {
            throw new IllegalArgumentException("UpsertOptions.updateExcept names attribute '" + version + "' of " + entityName()
                    + ", its @Version, which goes up on every update: leave it out. Nothing was written.");
        }
        if (options.strategy() == Strategy.INSERT_MISSING) {
            return table.withSequenceGuard(options.sequenceGuard())
                    .withColumns(c -> c.role() == Role.KEY || c.role() == Role.GENERATED_ID ? c : c.insertOnly());
        }
        // An @Immutable entity's rows are never updated, as Hibernate never updates them, but for
        // a soft-delete marker: a key upserted again is live again.
        if (!persister.isMutable()) {
            if (!options.skipUnchanged()) {
                throw new IllegalArgumentException(entityName() + " is @Immutable: its rows are never rewritten, so"
                        + " skipUnchanged(false) does not apply to it.");
            }
            String marker = softDeletes() ? table.columns().get(markerIndex()).name() : null;
            return table.withSequenceGuard(options.sequenceGuard()).withColumns(c -> c.role() == Role.KEY
                    || c.role() == Role.GENERATED_ID || c.name().equals(marker) ? c : c.insertOnly());
        }
        if (isHistory() && (!options.updateOnly().isEmpty() || !options.updateExcept().isEmpty()
                || !options.mergePolicies().isEmpty() || !options.skipUnchanged())) {
            throw new IllegalArgumentException(entityName() + " keeps versioned history: updateOnly, updateExcept,"
                    + " merge policies and skipUnchanged(false) do not apply to it (@Tracked says what opens a version).");
        }
        // The soft-delete marker is always written: an upserted key is live again, whatever the options.
        String marker = softDeletes() ? table.columns().get(markerIndex()).name() : null;
        if (marker != null && options.mergePolicies().containsKey(table.columns().get(markerIndex()).attribute())) {
            throw new IllegalArgumentException("Attribute '" + table.columns().get(markerIndex()).attribute() + "' of "
                    + entityName() + " marks soft deletes and cannot take a merge policy.");
        }
        return table.withSequenceGuard(options.sequenceGuard()).withColumns(c -> withPolicy(c, options.mergePolicies().get(c.attribute())))
                .withColumns(c -> c.role() == Role.DATA && !c.name().equals(marker) && !options.updates(c.attribute())
                        ? c.withRole(Role.INSERT_ONLY)
                        // A value touched on a change marks the change: left as stored only where updateExcept names it.
                        : (c.role() == Role.GENERATED_ON_WRITE || c.role() == Role.TOUCH && !c.attribute().equals(version))
                        && options.updateExcept().contains(c.attribute()) ? c.insertOnly() : c);
    }

    /**
     * Refuses a call whose statements would bypass SQL the mapping declares for Hibernate's own
     * writes: an {@code @SQLInsert} (every strategy inserts), an {@code @SQLUpdate} where the call
     * updates rows (not INSERT_MISSING, not an {@code @Immutable} entity), an {@code @SQLDelete}
     * where rows would be deleted (DELETE_THEN_INSERT, and SYNC unless it marks them:
     * {@code @SoftDelete}, {@code @DeletedAt}, {@code @Active}, or closes a history's versions).
     * Such SQL often does what a plain statement would not: a soft delete, an audit, a procedure.
     */
    private void refuseBypassedSql(UpsertOptions options, boolean updates) {
        if (!(persister instanceof org.hibernate.persister.entity.AbstractEntityPersister entity)) {
            return;
        }
        boolean deletes = options.strategy() == Strategy.DELETE_THEN_INSERT
                || options.strategy() == Strategy.SYNC && !softDeletes() && !isHistory();
        List<String> owned = new ArrayList<>();
        List<String> updateOnly = new ArrayList<>();
        persister.getAttributeMappings().forEach(attribute -> {
            if (deletes && attribute instanceof org.hibernate.metamodel.mapping.PluralAttributeMapping plural
                    && !plural.getCollectionDescriptor().isInverse()) {
                owned.add(attribute.getAttributeName());
            }
            // Written by Hibernate's update only (insertable = false): left out of the statement, a change would be lost.
            if (options.strategy() != Strategy.INSERT_MISSING && attribute.getGenerator() == null
                    && !attribute.isPluralAttributeMapping() && options.updates(attribute.getAttributeName())) {
                attribute.forEachSelectable((index, selectable) -> {
                    if (!selectable.isFormula() && !selectable.isInsertable() && selectable.isUpdateable()
                            && !updateOnly.contains(attribute.getAttributeName())) {
                        updateOnly.add(attribute.getAttributeName());
                    }
                });
            }
        });
        if (!updateOnly.isEmpty()) {
            throw new UpsertException(entityName() + " has attribute(s) " + updateOnly + " that Hibernate writes on update"
                    + " only (insertable = false), which an upsert's statement cannot write: their changes would be lost."
                    + " Leave them out of this call (updateExcept), or use INSERT_MISSING. Nothing was written.");
        }
        if (!owned.isEmpty()) {
            // Hibernate's delete empties them first; a plain DELETE would fail on their foreign key, or leave them behind.
            throw new UpsertException(entityName() + " owns the collection(s) " + owned + " (an @ElementCollection, a"
                    + " @ManyToMany, a @OneToMany without mappedBy), whose rows Hibernate's delete removes first; a "
                    + options.strategy() + " deletes rows with a plain DELETE, which would fail on their foreign key or leave"
                    + " them behind. Delete such entities through Hibernate, map the collection from the other side"
                    + " (mappedBy), or use the UPSERT strategy. Nothing was written.");
        }
        for (EntityTableMapping mapping : entity.getTableMappings()) {
            String bypassed = mapping.getInsertCustomSql() != null ? "@SQLInsert: " + mapping.getInsertCustomSql()
                    : mapping.getUpdateCustomSql() != null && updates
                    ? "@SQLUpdate: " + mapping.getUpdateCustomSql() : null;
            if (bypassed != null) {
                throw new UpsertException(entityName() + " writes its rows with SQL of its own (" + bypassed + "), which"
                        + " an upsert's statement would bypass. Map a column's SQL with @ColumnTransformer(write = ...),"
                        + " which the upsert applies, or write this entity through Hibernate. Nothing was written.");
            }
            // An optional secondary table's row is deleted where the call updates its columns to null.
            if (mapping.getDeleteCustomSql() != null && mapping.isOptional() && !mapping.isIdentifierTable() && updates) {
                throw new UpsertException(entityName() + " deletes its rows of " + mapping.getTableName() + " with SQL of"
                        + " its own (@SQLDelete: " + mapping.getDeleteCustomSql() + "), which an upsert would bypass with a"
                        + " plain DELETE where it empties that optional secondary row. Write this entity through Hibernate,"
                        + " or use INSERT_MISSING. Nothing was written.");
            }
            if (mapping.getDeleteCustomSql() != null && deletes) {
                throw new UpsertException(entityName() + " deletes its rows with SQL of its own (@SQLDelete: "
                        + mapping.getDeleteCustomSql() + "), which a " + options.strategy() + " would bypass with a plain"
                        + " DELETE. Map the deleted flag with @SoftDelete (Hibernate), or @DeletedAt or @Active (this"
                        + " library), which a SYNC marks instead of deleting; or use the UPSERT strategy. Nothing was written.");
            }
        }
    }

    /** A column under a merge policy given for one call; only plain attributes take one. */
    private Column withPolicy(Column column, MergePolicy policy) {
        if (policy == null) {
            return column;
        }
        int index = table.columns().indexOf(column);
        if (policy == MergePolicy.ADD && index >= 0 && !numeric(jdbcMappings.get(index))) {
            throw new IllegalArgumentException("Attribute '" + column.attribute() + "' of " + entityName()
                    + " is not stored as a number and cannot take the merge policy ADD. Nothing was written.");
        }
        boolean plain = column.role() == Role.DATA || column.role() == Role.INSERT_ONLY && column.merge() == MergePolicy.INSERT_ONLY;
        if (!plain) {
            throw new IllegalArgumentException("Attribute '" + column.attribute() + "' of " + entityName() + " is "
                    + column.role().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + " and cannot take the merge policy " + policy);
        }
        return column.withRole(policy == MergePolicy.INSERT_ONLY ? Role.INSERT_ONLY : Role.DATA).withMerge(policy);
    }

    /** The annotations that give an attribute a role of its own, which a generated value cannot take. */
    private static final List<Class<? extends Annotation>> OWN_ROLES = List.of(ValidFrom.class, ValidTo.class, Current.class,
            DeletedAt.class, Active.class, Merge.class);

    private static final String CANNOT_HAVE_ROLE = " and so cannot be a natural key, a validity, a deletion mark or take a"
            + " merge policy";

    private static boolean hasOwnRole(EntityPersister persister, String attribute) {
        return OWN_ROLES.stream().anyMatch(a -> annotated(persister.getMappedClass(), attribute, a));
    }

    /** Whether a column's values are numbers, as {@link MergePolicy#ADD} needs them. */
    private static boolean numeric(JdbcMapping mapping) {
        return Number.class.isAssignableFrom(mapping.getJdbcJavaType().getJavaTypeClass());
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    /** The classes an enum's binder may send it as (VARCHAR, TINYINT, SMALLINT, INTEGER, BIGINT). */
    private static final Set<Class<?>> ENUM_SENT_AS = Set.of(String.class, Byte.class, Short.class, Integer.class, Long.class);

    List<ValueHandler> handlers(SharedSessionContractImplementor session) {
        List<ValueHandler> handlers = new ArrayList<>(jdbcMappings.size());
        // Hibernate binds a date-time or a time of day shifted into the session's JDBC time zone:
        // such values go through its binder, not as the numbers an array carries (one in a gap of
        // the JVM's zone was moved past it, as Hibernate binds it, by fitLimits).
        java.time.zone.ZoneRules zone = java.time.ZoneId.systemDefault().getRules();
        boolean shifted = session.getJdbcTimeZone() != null && !session.getJdbcTimeZone().toZoneId().getRules().equals(zone);
        for (int column = 0; column < jdbcMappings.size(); column++) {
            JdbcMapping mapping = jdbcMappings.get(column);
            // What an enum column's binder sends (its name or its ordinal), worked out once; null for other columns.
            Class<?> sent = mapping.getJavaTypeDescriptor().getJavaTypeClass().isEnum()
                    ? mapping.getJdbcType().getPreferredJavaTypeClass(session) : null;
            Class<?> enumSentAs = sent != null && ENUM_SENT_AS.contains(sent) ? sent : null;
            // Into jsonb only: a json column keeps the text it is given, and Hibernate's binder
            // sends jsonb, whose text the column then keeps normalized; an array of json would not.
            TextRecorder json = mapping.getJdbcType().isJson() && "jsonb".equalsIgnoreCase(table.columns().get(column).sqlType())
                    ? new TextRecorder(mapping, session) : null;
            handlers.add(new ValueHandler() {
                @Override
                @SuppressWarnings("unchecked")
                public void bind(PreparedStatement statement, int index, Object value) throws SQLException {
                    mapping.getJdbcValueBinder().bind(statement, value, index, session);
                }

                @Override
                public Object extract(ResultSet resultSet, int index) throws SQLException {
                    return mapping.getJdbcValueExtractor().extract(resultSet, index, session);
                }

                /** Made on first use: only the MySQL and MariaDB statements' sizes ask. */
                private TextRecorder binder;

                @Override
                public Object sent(Object value) {
                    if (binder == null) {
                        binder = new TextRecorder(mapping, session);
                    }
                    return binder.raw(value);
                }

                /**
                 * An enum as its binder sends it: its name, or its ordinal as a number; JSON as its
                 * text; a time Hibernate binds shifted, bound alone.
                 */
                @Override
                @SuppressWarnings({"unchecked", "rawtypes"})
                public Object arrayValue(Object value) {
                    if (json != null) {
                        return value == null ? null : json.sent(value);
                    }
                    if (shifted && (value instanceof java.time.LocalDateTime || value instanceof java.time.LocalTime)) {
                        return ValueHandler.BOUND_ALONE;
                    }
                    // An enum attribute with a converter holds its converted value here already.
                    return enumSentAs == null || !(value instanceof Enum<?>) ? value
                            : ((org.hibernate.type.descriptor.java.JavaType) mapping.getJavaTypeDescriptor()).unwrap(value, enumSentAs, session);
                }
            });
        }
        return handlers;
    }

    /**
     * The text a column's binder sends for a value, or the value itself where the binder sends
     * something else (then it does not travel in an array). The binder is asked, not imitated: JSON
     * is written by the session factory's format mapper, and PostgreSQL's binder wraps the text in
     * a driver object whose {@code toString()} is the text it sends. One recorder per column
     * handler, shared by the calling thread and the call's worker.
     */
    private static final class TextRecorder implements java.lang.reflect.InvocationHandler {
        private final JdbcMapping mapping;
        private final SharedSessionContractImplementor session;
        private final PreparedStatement statement;
        private Object sent;

        TextRecorder(JdbcMapping mapping, SharedSessionContractImplementor session) {
            this.mapping = mapping;
            this.session = session;
            this.statement = (PreparedStatement) java.lang.reflect.Proxy.newProxyInstance(EntityModel.class.getClassLoader(),
                    new Class<?>[] {PreparedStatement.class}, this);
        }

        @Override
        public Object invoke(Object proxy, java.lang.reflect.Method method, Object[] args) throws SQLException {
            if (method.getName().startsWith("set") && args != null && args.length >= 2 && sent == null) {
                sent = args[1];
                return null;
            }
            throw new java.sql.SQLFeatureNotSupportedException(method.getName());
        }

        /** What the binder sets for a value (text, bytes, a driver object), or the value where it sets nothing here. */
        @SuppressWarnings("unchecked")
        synchronized Object raw(Object value) {
            sent = null;
            try {
                mapping.getJdbcValueBinder().bind(statement, value, 1, session);
            } catch (SQLException | RuntimeException notSet) {
                return value;
            }
            return sent == null ? value : "org.postgresql.util.PGobject".equals(sent.getClass().getName()) ? sent.toString() : sent;
        }

        /** The text the binder sends for a value, or the value where it sends something else. */
        Object sent(Object value) {
            Object raw = raw(value);
            return raw instanceof String ? raw : value;
        }
    }

    /**
     * One JDBC value per table column, as the entity would be inserted now; with {@code keyOnly},
     * only the natural key's values, nothing generated.
     */
    Object[] values(Object entity, int position, Object version, boolean keyOnly, SharedSessionContractImplementor session) {
        Object[] values = new Object[sources.size()];
        Object[] state = persister.getValues(entity);
        AttributeMapping done = null;
        for (int i = 0; i < values.length; i++) {
            Source source = sources.get(i);
            if (keyOnly && table.columns().get(i).role() != Role.KEY) {
                continue;
            }
            if (source instanceof FurtherId) {
                continue;   // the id the root table's write gives the row
            } else if (source instanceof Discriminator type) {
                values[i] = type.value();
            } else if (source instanceof IdentifierKey key && key.index() == 0) {
                Object id = persister.getIdentifier(entity, session);
                if (id != null) {
                    persister.getIdentifierMapping().decompose(id, 0, values, identifierTargets,
                            (index, into, at, jdbcValue, selectable) -> into[at[index]] = jdbcValue, session);
                }
                // As the natural key, a null part is named by the null-key check; assigned beside one, here.
                for (int part : table.columns().get(i).role() == Role.KEY ? new int[0] : identifierTargets) {
                    if (values[part] == null) {
                        throw new IllegalArgumentException(entityName() + (position < 0 ? "" : " at position " + position)
                                + " has no value for " + table.columns().get(part).attribute() + ", part of its identifier,"
                                + " which is assigned, not generated: set it before the upsert (a row whose natural key is"
                                + " stored keeps its stored identifier). Nothing was written.");
                    }
                }
            } else if (source instanceof Identifier id) {
                Object current = persister.getIdentifier(entity, session);
                Object value = id.generator() == null || current != null && id.generator().allowAssignedIdentifiers()
                        ? current : id.generator().generate(session, entity, current, EventType.INSERT);
                if (value == null && table.columns().get(i).role() != Role.KEY) {
                    throw new IllegalArgumentException(entityName() + (position < 0 ? "" : " at position " + position)
                            + " has no value for its identifier " + table.columns().get(i).attribute() + ", which is"
                            + " assigned, not generated: set it before the upsert (a row whose natural key is stored keeps"
                            + " its stored identifier). Nothing was written.");
                }
                values[i] = persister.getIdentifierMapping().disassemble(value, session);
            } else if (source instanceof Version) {
                values[i] = jdbcMappings.get(i).convertToRelationalValue(version);
            } else if (source instanceof Marker marker) {
                values[i] = liveValue(i);
            } else if (source instanceof Attribute attribute && attribute.mapping() != done) {
                done = attribute.mapping();
                try {
                    decompose(entity, state, attribute, values, session);
                } catch (org.hibernate.TransientObjectException unsaved) {
                    throw new IllegalArgumentException(entityName() + "." + attribute.mapping().getAttributeName()
                            + (position < 0 ? "" : " of the entity at position " + position) + " references an entity"
                            + " that has no id yet (" + unsaved.getMessage() + "). Give the referenced entities their ids"
                            + " first (upsert or persist them), then upsert these. Nothing was written.", unsaved);
                }
            }
        }
        return values;
    }

    private void decompose(Object entity, Object[] state, Attribute first, Object[] values,
                           SharedSessionContractImplementor session) {
        AttributeMapping mapping = first.mapping();
        Object value = state[mapping.getStateArrayPosition()];
        if (first.generator() != null) {
            value = first.generator().generate(session, entity, value, EventType.INSERT);
        }
        mapping.decompose(value, 0, values, targets.get(mapping), (index, into, at, jdbcValue, selectable) -> {
            if (at[index] >= 0) {
                into[at[index]] = jdbcValue;
            }
        }, session);
    }

    /**
     * Writes the values read back (aligned with {@link Table#results()}) into the entity: the
     * database id, the version and generated timestamps.
     */
    void writeBack(Object entity, Object[] returned, SharedSessionContractImplementor session) {
        Map<String, Object> composite = null;
        Map<AttributeMapping, Object[]> embedded = null;
        for (int r = 0; r < returnedColumns.length; r++) {
            int i = returnedColumns[r];
            if (i < 0) {
                continue;
            }
            Object domain = jdbcMappings.get(i).convertToDomainValue(returned[r]);
            Source source = sources.get(i);
            if (source instanceof DatabaseId || source instanceof Identifier) {
                persister.setIdentifier(entity, domain, session);
            } else if (source instanceof Version) {
                persister.getVersionMapping().getVersionAttribute().getPropertyAccess().getSetter().set(entity, domain);
            } else if (source instanceof Attribute attribute && attribute.mapping().asEmbeddedAttributeMapping() != null) {
                // Generated attributes inside an embeddable: each into its place in it.
                EmbeddableMappingType type = attribute.mapping().asEmbeddedAttributeMapping().getEmbeddableTypeDescriptor();
                embedded = embedded == null ? new java.util.IdentityHashMap<>() : embedded;
                Object[] parts = embedded.computeIfAbsent(attribute.mapping(), m -> {
                    Object current = m.getPropertyAccess().getGetter().get(entity);
                    return current == null ? new Object[type.getNumberOfAttributeMappings()] : type.getValues(current);
                });
                int column = attribute.index();
                int a = 0;
                while (column >= type.getAttributeMapping(a).getJdbcTypeCount()) {
                    column -= type.getAttributeMapping(a++).getJdbcTypeCount();
                }
                parts[a] = domain;
            } else if (source instanceof Attribute attribute) {
                attribute.mapping().getPropertyAccess().getSetter().set(entity, domain);
            } else if (source instanceof IdentifierKey) {
                composite = composite == null ? new java.util.HashMap<>() : composite;
                String part = table.columns().get(i).attribute();
                composite.put(part.substring(part.lastIndexOf('.') + 1), domain);
            }
        }
        if (embedded != null) {
            embedded.forEach((mapping, parts) -> mapping.getPropertyAccess().getSetter().set(entity, mapping.asEmbeddedAttributeMapping()
                    .getEmbeddableTypeDescriptor().getRepresentationStrategy().getInstantiator().instantiate(() -> parts)));
        }
        if (composite != null) {
            // The stored identifier, as an instance of its class (the @EmbeddedId's, or the @IdClass).
            EmbeddableMappingType type = ((CompositeIdentifierMapping) persister.getIdentifierMapping())
                    .getMappedIdEmbeddableTypeDescriptor();
            Object[] parts = new Object[type.getNumberOfAttributeMappings()];
            for (int a = 0; a < parts.length; a++) {
                parts[a] = composite.get(type.getAttributeMapping(a).getAttributeName());
            }
            persister.setIdentifier(entity, type.getRepresentationStrategy().getInstantiator().instantiate(() -> parts), session);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // Reading the mapping

    static EntityModel of(EntityPersister persister) {
        String entity = persister.getEntityName();
        boolean inherits = persister.getSuperMappingType() != null || persister.hasSubclasses();
        // TABLE_PER_CLASS: the type's table has every column of it and holds its rows alone, as a
        // table outside a hierarchy does; only its ids are shared with the other types' tables.
        boolean ownTable = inherits && persister instanceof org.hibernate.persister.entity.UnionSubclassEntityPersister;
        // JOINED: the root table holds the id and the natural key, each subtype's table the
        // subtype's attributes, keyed by the id.
        boolean joinedTables = inherits && persister instanceof org.hibernate.persister.entity.JoinedSubclassEntityPersister;
        boolean hierarchy = inherits && !ownTable && !joinedTables;
        if (hierarchy && !(persister instanceof org.hibernate.persister.entity.SingleTableEntityPersister)) {
            throw unsupported(entity, "its persister, " + persister.getClass().getName() + ", is not one of Hibernate's for"
                    + " SINGLE_TABLE, JOINED or TABLE_PER_CLASS inheritance");
        }
        EntityTableMapping[] tableMappings = persister instanceof AbstractEntityPersister p
                ? p.getTableMappings() : new EntityTableMapping[0];
        if (ownTable && tableMappings.length > 1) {
            throw unsupported(entity, "it maps to a secondary table (@SecondaryTable) in a TABLE_PER_CLASS hierarchy");
        }
        for (EntityTableMapping mapping : tableMappings) {
            if (mapping.isInverse()) {
                throw unsupported(entity, "it maps to a secondary table Hibernate does not write, "
                        + mapping.getTableName() + " (@SecondaryRow(owned = false))");
            }
        }
        SessionFactoryImplementor factory = persister.getFactory();
        Dialect dialect = factory.getJdbcServices().getDialect();
        Names names = new Names(dialect, factory.getJdbcServices().getJdbcEnvironment().getIdentifierHelper());
        String tableExpression = joinedTables ? persister.getIdentifierTableDetails().getTableName()
                : persister.getMappedTableDetails().getTableName();
        // The entity's other tables, by table expression, each one's columns: a JOINED type's own
        // tables in the hierarchy's order, then its secondary tables (whose rows reference them).
        Set<String> typeTables = new HashSet<>();
        for (org.hibernate.metamodel.mapping.EntityMappingType type = persister; (joinedTables || ownTable) && type != null;
             type = type.getSuperMappingType()) {
            typeTables.add(type.getMappedTableDetails().getTableName());
        }
        Map<String, FurtherColumns> others = new java.util.LinkedHashMap<>();
        for (boolean ofType : new boolean[] {true, false}) {
            for (EntityTableMapping mapping : tableMappings) {
                if (!ownTable && !mapping.getTableName().equals(tableExpression) && typeTables.contains(mapping.getTableName()) == ofType) {
                    others.put(mapping.getTableName(), new FurtherColumns(mapping, ofType));
                }
            }
        }

        List<Column> columns = new ArrayList<>();
        List<Source> sources = new ArrayList<>();
        List<JdbcMapping> jdbcMappings = new ArrayList<>();
        List<TableInspector.Limit> limits = new ArrayList<>();
        BiConsumer<Column, Source> add = (column, source) -> {
            columns.add(column);
            sources.add(source);
        };

        EntityIdentifierMapping idMapping = persister.getIdentifierMapping();
        List<AttributeMapping> keys = naturalKey(persister);
        if ((keys.isEmpty() || !(idMapping instanceof BasicEntityIdentifierMapping)) && (!others.isEmpty() || joinedTables)) {
            throw unsupported(entity, (keys.isEmpty() ? "its identifier is its natural key" : "its identifier has several columns")
                    + ", while its rows span several tables (" + (joinedTables ? "a JOINED hierarchy" : "secondary tables")
                    + ") by one id: give it a generated @Id of one column and mark the key attributes with @NaturalKey");
        }
        if (keys.isEmpty()) {
            // The identifier is the natural key: its columns are matched on and never updated.
            List<String> parts = identifierColumnAttributes(idMapping);
            idMapping.forEachSelectable((index, selectable) -> {
                add.accept(new Column(names.column(selectable.getSelectionExpression()), parts.get(index),
                        Role.KEY, false, writeExpression(selectable, dialect), null), new IdentifierKey(index));
                jdbcMappings.add(selectable.getJdbcMapping());
                limits.add(null);
            });
        } else if (!(idMapping instanceof BasicEntityIdentifierMapping id)) {
            // An assigned identifier of several columns beside the natural key: inserted, never
            // updated (a stored key keeps its identifier), read back into the entity.
            if (!(idMapping instanceof CompositeIdentifierMapping composite)
                    || !basicAttributes(composite.getPartMappingType(), idMapping.getJdbcTypeCount())
                    || !basicAttributes(composite.getMappedIdEmbeddableTypeDescriptor(), idMapping.getJdbcTypeCount())
                    || attributes(persister).stream().anyMatch(a -> annotated(persister.getMappedClass(), a.getAttributeName(),
                            jakarta.persistence.MapsId.class))) {
                throw unsupported(entity, "its identifier has several columns (@EmbeddedId or @IdClass) that are not one"
                        + " basic attribute each (a nested embeddable, an association, @MapsId); to match rows by the"
                        + " identifier, put @NaturalKey on it and on no other attribute");
            }
            List<String> parts = identifierColumnAttributes(idMapping);
            idMapping.forEachSelectable((index, selectable) -> {
                add.accept(new Column(names.column(selectable.getSelectionExpression()), parts.get(index), Role.INSERT_ONLY, true,
                        writeExpression(selectable, dialect), null), new IdentifierKey(index));
                jdbcMappings.add(selectable.getJdbcMapping());
                limits.add(null);
            });
        } else {
            String idAttribute = id.getAttributeName();
            Generator generator = persister.getGenerator();
            String newId = databaseGeneratedId(generator, dialect, factory);
            if (newId != null) {
                add.accept(new Column(names.column(id.getSelectionExpression()), idAttribute, Role.GENERATED_ID, true,
                        newId.isEmpty() ? null : newId, null), new DatabaseId());
            } else {
                // Hibernate's generator for assigned ids hands back the entity's own id (and says so when it is null).
                BeforeExecutionGenerator before = generator instanceof BeforeExecutionGenerator b ? b : null;
                add.accept(new Column(names.column(id.getSelectionExpression()), idAttribute, Role.INSERT_ONLY, true, "?", null),
                        new Identifier(before));
            }
            jdbcMappings.add(id.getJdbcMapping());
            limits.add(null);
        }

        org.hibernate.metamodel.mapping.EntityDiscriminatorMapping discriminator = persister.getDiscriminatorMapping();
        boolean ownColumn = discriminator != null && discriminator.hasPhysicalColumn() && !discriminator.isFormula();
        if (hierarchy && !ownColumn) {
            throw unsupported(entity, "its type is not stored in a discriminator column of its own");
        }
        if (hierarchy || joinedTables && ownColumn) {
            // A single-table hierarchy's rows are keyed by their natural key and their type; a
            // JOINED hierarchy's optional discriminator column is written as Hibernate writes it, on insert.
            Object value = discriminator.getValueConverter().getDetailsForEntityName(entity).getValue();
            if (value == null || value == org.hibernate.persister.entity.DiscriminatorHelper.NULL_DISCRIMINATOR
                    || value == org.hibernate.persister.entity.DiscriminatorHelper.NOT_NULL_DISCRIMINATOR) {
                throw unsupported(entity, "its @DiscriminatorValue is \"null\" or \"not null\", which names no one value to "
                        + (hierarchy ? "key its rows by" : "write"));
            }
            add.accept(new Column(names.column(discriminator.getSelectionExpression()), DISCRIMINATOR,
                    hierarchy ? Role.KEY : Role.INSERT_ONLY, false, "?", null), new Discriminator(value));
            jdbcMappings.add(discriminator.getUnderlyingJdbcMapping());
            limits.add(null);
        }

        EntityVersionMapping version = persister.getVersionMapping();
        AttributeMapping versionAttribute = version == null ? null : version.getVersionAttribute();
        for (AttributeMapping attribute : attributes(persister)) {
            if (attribute.isPluralAttributeMapping()) {
                continue;
            }
            String name = attribute.getAttributeName();
            Role role;
            BeforeExecutionGenerator insertGenerator = null;
            BeforeExecutionGenerator[] parts = null;
            String[] generatedSql = null;
            boolean returned = false;
            if (annotated(persister.getMappedClass(), name, Merge.class) && (attribute == versionAttribute || keys.contains(attribute)
                    || annotated(persister.getMappedClass(), name, org.hibernate.annotations.TenantId.class))) {
                throw unsupported(entity, "attribute '" + name + "' is " + (attribute == versionAttribute ? "the @Version"
                        : keys.contains(attribute) ? "part of the natural key" : "the tenant") + ", which takes no @Merge policy");
            }
            if (attribute == versionAttribute) {
                boolean numeric = Number.class.isAssignableFrom(version.getJavaType().getJavaTypeClass());
                role = numeric ? Role.VERSION : Role.TOUCH;
                returned = true;
            } else if (annotated(persister.getMappedClass(), name, org.hibernate.annotations.TenantId.class)) {
                // The session's tenant, as Hibernate sets it: part of every key, so that tenants never
                // meet, and written back into the entities as Hibernate's persist does.
                role = Role.KEY;
                insertGenerator = (BeforeExecutionGenerator) attribute.getGenerator();
                returned = true;
            } else if (attribute.asEmbeddedAttributeMapping() != null && attribute.getGenerator() != null
                    && !attribute.getGenerator().getEventTypes().isEmpty()) {
                // Generated attributes inside an embeddable (an audit embeddable's timestamps): the
                // embeddable's generator makes it whole on insert, each column takes its part's role.
                if (keys.contains(attribute)) {
                    throw unsupported(entity, "natural-key attribute '" + name + "' has generated attributes inside it");
                }
                parts = partGenerators(entity, attribute);
                role = Role.DATA;
                insertGenerator = (BeforeExecutionGenerator) attribute.getGenerator();
            } else if (attribute.getGenerator() != null && attribute.getGenerator().generatedOnExecution()) {
                // Generated by the database as Hibernate has it generated: its SQL in the statement
                // (current_timestamp), or the column's default or a trigger; read back.
                if (!(attribute.getGenerator() instanceof OnExecutionGenerator generator) || generator.writePropertyValue()
                        || !generator.generatesOnInsert()) {
                    throw unsupported(entity, "attribute '" + name + "' is generated by the database after Hibernate"
                            + " writes a value of its own, or on update only");
                }
                if (keys.contains(attribute) || hasOwnRole(persister, name)) {
                    throw unsupported(entity, "attribute '" + name + "' is generated by the database," + CANNOT_HAVE_ROLE);
                }
                role = generator.generatesOnUpdate() ? Role.GENERATED_ON_WRITE : Role.GENERATED_ON_INSERT;
                generatedSql = generator.referenceColumnsInSql(dialect) ? generator.getReferencedColumnValues(dialect) : null;
                if (generatedSql != null && generatedSql.length < attribute.getJdbcTypeCount()) {
                    throw unsupported(entity, "attribute '" + name + "' has " + attribute.getJdbcTypeCount()
                            + " columns but its generator gives SQL for " + generatedSql.length);
                }
                returned = true;
            } else if (attribute.getGenerator() instanceof BeforeExecutionGenerator g && (!g.generatesOnInsert()
                    || keys.contains(attribute) || hasOwnRole(persister, name))) {
                // Its generator would be left out: the entity's value (often null) stored instead of Hibernate's.
                throw unsupported(entity, "attribute '" + name + "' is generated by Hibernate" + (!g.generatesOnInsert()
                        ? " on update only, which an upsert's single statement cannot imitate" : CANNOT_HAVE_ROLE));
            } else if (keys.contains(attribute)) {
                role = Role.KEY;
            } else if (annotated(persister.getMappedClass(), name, ValidFrom.class)
                    || annotated(persister.getMappedClass(), name, ValidTo.class)
                    || annotated(persister.getMappedClass(), name, Current.class)) {
                role = Role.INSERT_ONLY;
                returned = true;
            } else if (annotated(persister.getMappedClass(), name, DeletedAt.class)
                    || annotated(persister.getMappedClass(), name, Active.class)) {
                role = Role.DATA;
            } else if (annotation(persister.getMappedClass(), name, Merge.class) != null) {
                role = annotation(persister.getMappedClass(), name, Merge.class).value() == MergePolicy.INSERT_ONLY
                        ? Role.INSERT_ONLY : Role.DATA;
            } else if (attribute.getGenerator() instanceof BeforeExecutionGenerator g && g.generatesOnInsert()) {
                role = g.generatesOnUpdate() ? Role.TOUCH : Role.INSERT_ONLY;
                insertGenerator = g;
                returned = true;
            } else {
                role = Role.DATA;
            }
            Role attributeRole = role;
            boolean attributeReturned = returned;
            BeforeExecutionGenerator[] partGenerators = parts;
            BeforeExecutionGenerator attributeGenerator = insertGenerator;
            String[] attributeSql = generatedSql;
            boolean generated = role == Role.GENERATED_ON_INSERT || role == Role.GENERATED_ON_WRITE;
            attribute.forEachSelectable((index, selectable) -> {
                if (selectable.isFormula() || !selectable.isInsertable() && !generated) {
                    if (attributeRole == Role.KEY) {
                        throw unsupported(entity, "natural-key attribute '" + name + "' is a formula or not insertable");
                    }
                    return;   // a call that would update it is refused (refuseBypassedSql)
                }
                String custom = selectable.getCustomWriteExpression();
                if (attributeRole == Role.KEY && custom != null && !custom.isBlank() && !"?".equals(custom.strip())) {
                    // Keys are matched by bare parameters (reads, deletes, the key a statement returns).
                    throw unsupported(entity, "natural-key attribute '" + name + "' is written through SQL of its own"
                            + " (@ColumnTransformer(write = ...)), which rows are not matched by: transform the value in Java");
                }
                FurtherColumns other = others.get(selectable.getContainingTableExpression());
                // A TABLE_PER_CLASS type's inherited attributes name the supertype's table: its own has their columns.
                if (other == null && !tableExpression.equals(selectable.getContainingTableExpression())
                        && !(ownTable && typeTables.contains(selectable.getContainingTableExpression()))) {
                    throw unsupported(entity, "attribute '" + name + "' is stored in another table, "
                            + selectable.getContainingTableExpression());
                }
                boolean marks = marker(persister, attribute, selectable) != null
                        || List.of(ValidFrom.class, ValidTo.class, Current.class).stream()
                                .anyMatch(a -> annotated(persister.getMappedClass(), name, a));
                boolean plain = attributeRole == Role.DATA || attributeRole == Role.INSERT_ONLY || attributeRole == Role.TOUCH;
                if (other != null && (marks || !plain)) {
                    throw unsupported(entity, "attribute '" + name + "' is stored in " + selectable.getContainingTableExpression()
                            + ", " + (other.ofType ? "a subtype's table of its JOINED hierarchy" : "a secondary table")
                            + ", and is " + (attributeRole == Role.KEY
                            ? "part of the natural key, whose unique index must be on the root table, " + tableExpression
                            : marks ? "a deletion mark or a validity, which must be on the root table, " + tableExpression
                            : "generated by the database: only the root table's columns can be"));
                }
                BeforeExecutionGenerator part = partGenerators == null ? null : partGenerators[index];
                Role partRole = part == null ? attributeRole : part.generatesOnUpdate() ? Role.TOUCH : Role.INSERT_ONLY;
                Role columnRole = part != null ? (selectable.isUpdateable() ? partRole : Role.INSERT_ONLY)
                        : (attributeRole == Role.DATA || attributeRole == Role.TOUCH) && !selectable.isUpdateable() ? Role.INSERT_ONLY
                        : attributeRole == Role.GENERATED_ON_WRITE && !selectable.isUpdateable() ? Role.GENERATED_ON_INSERT
                        : attributeRole;
                if (generated && attributeSql != null && !selectable.isInsertable()) {
                    throw unsupported(entity, "attribute '" + name + "' is generated by SQL in the statement but its column"
                            + " is not insertable");
                }
                Merge merge = annotation(persister.getMappedClass(), name, Merge.class);
                String write = !generated ? writeExpression(selectable, dialect) : attributeSql != null ? attributeSql[index] : null;
                // A column Hibernate never updates is insert only whatever its @Merge says, and no call's policy changes that.
                MergePolicy policy = merge == null || merge.value() == MergePolicy.INSERT_ONLY && !selectable.isUpdateable()
                        ? null : merge.value();
                if (policy == MergePolicy.ADD && !numeric(selectable.getJdbcMapping())) {
                    throw unsupported(entity, "attribute '" + name + "' is not stored as a number and cannot take @Merge(ADD)");
                }
                Column column = new Column(names.column(selectable.getSelectionExpression()), name, columnRole,
                        attributeReturned || part != null, write, null, policy);
                Source source = attribute == versionAttribute ? new Version()
                        : marker(persister, attribute, selectable) != null ? marker(persister, attribute, selectable)
                        : new Attribute(attribute, index, attributeGenerator);
                if (other != null) {
                    other.add(column, source, selectable.getJdbcMapping());
                    return;
                }
                add.accept(column, source);
                jdbcMappings.add(selectable.getJdbcMapping());
                limits.add(null);
            });
        }
        org.hibernate.metamodel.mapping.SoftDeleteMapping softDelete = persister.getSoftDeleteMapping();
        if (softDelete != null) {
            if (sources.stream().anyMatch(Marker.class::isInstance)) {
                throw unsupported(entity, "it has both Hibernate's @SoftDelete and a @DeletedAt or @Active attribute");
            }
            // Hibernate's own soft delete: a column no attribute maps, which its queries filter on.
            // Its column's mapping takes "deleted?" as the value for both flags: an ACTIVE column
            // converts it reversed (false is stored as active, or 'Y').
            Boolean live = softDelete.getSoftDeleteStrategy() == org.hibernate.annotations.SoftDeleteType.TIMESTAMP
                    ? null : Boolean.FALSE;
            add.accept(new Column(names.column(softDelete.getColumnName()), "(soft delete)", Role.DATA, false, "?", null),
                    new Marker(live, true));
            jdbcMappings.add(softDelete.getJdbcMapping());
            limits.add(null);
        }
        String[] qualified = names.table(tableExpression);
        Table table = new Table(entity, qualified[0], qualified[1], columns);
        List<EntityModel> further = new ArrayList<>();
        for (FurtherColumns other : others.values()) {
            Column id = idColumn(names, other.mapping, idMapping);
            List<Column> keyed = new ArrayList<>(List.of(id));
            keyed.addAll(other.columns);
            List<Source> keyedSources = new ArrayList<>(List.of(new FurtherId(other.ofType, other.mapping.isOptional())));
            keyedSources.addAll(other.sources);
            List<JdbcMapping> keyedMappings = new ArrayList<>(List.of(((BasicEntityIdentifierMapping) idMapping).getJdbcMapping()));
            keyedMappings.addAll(other.jdbcMappings);
            String[] name = names.table(other.mapping.getTableName());
            further.add(new EntityModel(persister, new Table(entity, name[0], name[1], keyed), List.copyOf(keyedSources),
                    List.copyOf(keyedMappings), java.util.Collections.nCopies(keyed.size(), null), List.of(), List.of()));
        }
        List<Table> subtypes = joinedTables ? subtypeTables(persister, names) : List.of();
        EntityModel model = new EntityModel(persister, table, List.copyOf(sources), List.copyOf(jdbcMappings),
                java.util.Collections.unmodifiableList(limits), List.copyOf(further), List.copyOf(subtypes));
        if (model.isHistory() && columns.stream().anyMatch(Column::generated)) {
            throw unsupported(entity, "it keeps versioned history and has attributes the database generates");
        }
        if (model.isHistory() && attributes(persister).stream().map(a -> annotation(persister.getMappedClass(), a.getAttributeName(),
                Merge.class)).anyMatch(merge -> merge != null && merge.value() == MergePolicy.INSERT_ONLY)) {
            // The others are left aside, as a history's versions hold the values sent; this one would leave its attribute out.
            throw unsupported(entity, "it keeps versioned history, whose versions hold the values sent: @Merge(INSERT_ONLY)"
                    + " would leave an attribute out of them (@Tracked says what opens a version)");
        }
        if (inherits && model.isHistory()) {
            throw unsupported(entity, "it keeps versioned history and is part of an inheritance hierarchy");
        }
        if (!further.isEmpty() && model.isHistory()) {
            throw unsupported(entity, "it keeps versioned history and has secondary tables, whose rows a new version"
                    + " would not carry: keep its attributes in one table");
        }
        if (model.isHistory() && model.sources.stream().anyMatch(source -> source instanceof IdentifierKey
                || source instanceof Identifier id && (id.generator() == null
                        || id.generator() instanceof org.hibernate.id.Assigned))) {
            throw unsupported(entity, "it keeps versioned history, whose versions are rows of their own, with an identifier"
                    + " it assigns: give it a generated @Id");
        }
        if (!persister.isMutable() && model.isHistory()) {
            throw unsupported(entity, "it is @Immutable and keeps versioned history, whose versions are closed by an update");
        }
        if (keys.isEmpty() && ownTable) {
            // Matched within its own table, an id another type's table holds would be inserted again.
            throw unsupported(entity, "its identifier is its natural key, while its TABLE_PER_CLASS hierarchy's ids are"
                    + " unique across the tables of its types: give it a generated @Id and mark the key attributes with @NaturalKey");
        }
        if (keys.isEmpty() && (hierarchy || model.hasTenant() || model.isHistory())) {
            throw unsupported(entity, "its identifier is its natural key, while its rows are keyed by "
                    + (hierarchy ? "their type too" : model.hasTenant() ? "their tenant too" : "their validity too (versioned history)")
                    + ": give it a generated @Id and mark the key attributes with @NaturalKey");
        }
        return model;
    }

    /**
     * The entity's own attributes that make up its identifier: the {@code @Id}, the
     * {@code @EmbeddedId}, or each {@code @Id} of an {@code @IdClass}.
     */
    private static List<String> identifierAttributes(EntityIdentifierMapping id) {
        if (id instanceof NonAggregatedIdentifierMapping idClass) {
            EmbeddableMappingType parts = idClass.getVirtualIdEmbeddable();
            return java.util.stream.IntStream.range(0, parts.getNumberOfAttributeMappings())
                    .mapToObj(i -> parts.getAttributeMapping(i).getAttributeName()).toList();
        }
        return List.of(id.getAttributeName());
    }

    /** Per column of the identifier, the attribute it stores, for messages: {@code id.day} of an {@code @EmbeddedId}. */
    private static List<String> identifierColumnAttributes(EntityIdentifierMapping id) {
        List<String> names = new ArrayList<>();
        if (id instanceof CompositeIdentifierMapping composite) {
            EmbeddableMappingType parts = composite.getPartMappingType();
            String prefix = id instanceof NonAggregatedIdentifierMapping ? "" : id.getAttributeName() + ".";
            for (int i = 0; i < parts.getNumberOfAttributeMappings(); i++) {
                AttributeMapping part = parts.getAttributeMapping(i);
                for (int c = 0; c < part.getJdbcTypeCount(); c++) {
                    names.add(prefix + part.getAttributeName());
                }
            }
        }
        while (names.size() < id.getJdbcTypeCount()) {
            names.add(id.getAttributeName());
        }
        return names;
    }

    /** A further table's column of the id, as its one key column. */
    private static Column idColumn(Names names, EntityTableMapping mapping, EntityIdentifierMapping id) {
        return new Column(names.column(mapping.getKeyMapping().getSelectable(0).getSelectionExpression()), id.getAttributeName(),
                Role.KEY, false, "?", null);
    }

    /** The own tables of a JOINED type's subtypes, each with its column of the id alone. */
    private static List<Table> subtypeTables(EntityPersister persister, Names names) {
        List<Table> subtypes = new ArrayList<>();
        for (String subtype : persister.getSubclassEntityNames()) {
            EntityPersister descriptor = persister.getFactory().getMappingMetamodel().getEntityDescriptor(subtype);
            if (descriptor != persister && descriptor instanceof AbstractEntityPersister sub) {
                for (EntityTableMapping mapping : sub.getTableMappings()) {
                    if (mapping.getTableName().equals(descriptor.getMappedTableDetails().getTableName())) {
                        String[] name = names.table(mapping.getTableName());
                        subtypes.add(new Table(persister.getEntityName(), name[0], name[1],
                                List.of(idColumn(names, mapping, persister.getIdentifierMapping()))));
                    }
                }
            }
        }
        return subtypes;
    }

    /** Whether an embeddable is {@code columns} basic attributes, one column each. */
    private static boolean basicAttributes(EmbeddableMappingType type, int columns) {
        if (type.getNumberOfAttributeMappings() != columns) {
            return false;
        }
        for (int a = 0; a < columns; a++) {
            if (type.getAttributeMapping(a).asBasicValuedModelPart() == null) {
                return false;
            }
        }
        return true;
    }

    /** The soft-delete marker an attribute declares, checked against its type; null for none. */
    private static Marker marker(EntityPersister persister, AttributeMapping attribute, SelectableMapping selectable) {
        String name = attribute.getAttributeName();
        boolean deletedAt = annotated(persister.getMappedClass(), name, DeletedAt.class);
        boolean active = annotated(persister.getMappedClass(), name, Active.class);
        if (!deletedAt && !active) {
            return null;
        }
        if (annotated(persister.getMappedClass(), name, Merge.class)) {
            throw unsupported(persister.getEntityName(), "soft-delete attribute '" + name + "' has a @Merge policy;"
                    + " an upsert always marks its row live");
        }
        Class<?> type = selectable.getJdbcMapping().getJavaTypeDescriptor().getJavaTypeClass();
        if (deletedAt && !(selectable.getJdbcMapping().getJavaTypeDescriptor() instanceof VersionJavaType)) {
            throw unsupported(persister.getEntityName(), "@DeletedAt attribute '" + name + "' is a " + type.getSimpleName()
                    + ", not a timestamp (Instant, LocalDateTime, OffsetDateTime...)");
        }
        if (active && type != Boolean.class && type != boolean.class) {
            throw unsupported(persister.getEntityName(), "@Active attribute '" + name + "' is a " + type.getSimpleName()
                    + ", not a boolean");
        }
        return new Marker(active ? Boolean.TRUE : null, false);
    }

    /** The version a new row gets in this call, or {@code null} for an unversioned entity. */
    Object seedVersion(SharedSessionContractImplementor session) {
        EntityVersionMapping version = persister.getVersionMapping();
        return version == null ? null : Versioning.seed(version, session);
    }

    /**
     * The SQL expression for a new id that the database generates, {@code ""} for the column's
     * own identity default, or {@code null} if the library must supply the id.
     */
    private static String databaseGeneratedId(Generator generator, Dialect dialect, SessionFactoryImplementor factory) {
        if (generator instanceof OnExecutionGenerator && generator.generatedOnExecution()) {
            return "";
        }
        // Pooled optimizers treat each value the sequence hands out as theirs alone, so one taken
        // here by the database never collides with a block Hibernate holds in memory.
        if (generator instanceof SequenceStyleGenerator sequence && sequence.getDatabaseStructure().isPhysicalSequence()
                && (sequence.getOptimizer() instanceof NoopOptimizer || sequence.getOptimizer() instanceof PooledOptimizer
                || sequence.getOptimizer() instanceof PooledLoOptimizer
                || sequence.getOptimizer() instanceof PooledLoThreadLocalOptimizer)) {
            String name = factory.getSqlStringGenerationContext().format(sequence.getDatabaseStructure().getPhysicalName());
            return dialect.getSequenceSupport().getSelectSequenceNextValString(name);
        }
        return null;
    }

    private static String writeExpression(SelectableMapping selectable, Dialect dialect) {
        String custom = selectable.getCustomWriteExpression();
        String write = custom == null || custom.isBlank() ? "?" : custom;
        return selectable.getJdbcMapping().getJdbcType().wrapWriteExpression(write, selectable.toSize(), dialect);
    }

    private static List<AttributeMapping> attributes(EntityPersister persister) {
        List<AttributeMapping> attributes = new ArrayList<>(persister.getNumberOfAttributeMappings());
        persister.getAttributeMappings().forEach(attributes::add);
        return attributes;
    }

    /** The natural-key attributes; none where the identifier itself is the natural key. */
    private static List<AttributeMapping> naturalKey(EntityPersister persister) {
        List<AttributeMapping> keys = new ArrayList<>();
        for (AttributeMapping attribute : attributes(persister)) {
            if (annotated(persister.getMappedClass(), attribute.getAttributeName(), NaturalKey.class)) {
                keys.add(attribute);
            }
        }
        List<String> idAttributes = identifierAttributes(persister.getIdentifierMapping());
        List<String> idKeys = idAttributes.stream().filter(name -> annotated(persister.getMappedClass(), name, NaturalKey.class)).toList();
        boolean identifier = !idKeys.isEmpty();
        if (identifier && idKeys.size() < idAttributes.size()) {
            throw new UpsertException("Entity " + persister.getEntityName() + " has @NaturalKey on " + idKeys + " of its"
                    + " identifier's attributes " + idAttributes + ": the key is the whole identifier. Put @NaturalKey on"
                    + " each of them.");
        }
        if (identifier && persister.getIdentifierMapping() instanceof BasicEntityIdentifierMapping
                && !(persister.getGenerator() instanceof org.hibernate.generator.Assigned)) {
            throw new UpsertException("Entity " + persister.getEntityName() + " has @NaturalKey on its identifier '"
                    + idAttributes.get(0) + "', which is generated: a natural key comes from the source data. Remove"
                    + " @GeneratedValue (or the generator) from it, or mark the attributes that identify a row instead.");
        }
        if (identifier && !keys.isEmpty()) {
            throw new UpsertException("Entity " + persister.getEntityName() + " has @NaturalKey on its identifier and on "
                    + keys.stream().map(AttributeMapping::getAttributeName).toList() + ": the natural key is either the"
                    + " identifier or other attributes. Remove @NaturalKey from one of them.");
        }
        if (identifier) {
            return keys;
        }
        if (keys.isEmpty() && persister.getNaturalIdMapping() != null) {
            List<SingularAttributeMapping> naturalId = persister.getNaturalIdMapping().getNaturalIdAttributes();
            keys.addAll(naturalId);
        }
        if (keys.isEmpty()) {
            throw new UpsertException("Entity " + persister.getEntityName() + " has no natural key: annotate the "
                    + "attribute(s) that identify a row in the source data with @dev.upsert.NaturalKey "
                    + "(or Hibernate's @NaturalId), or the identifier itself where it is the key (an assigned @Id,"
                    + " an @EmbeddedId or the @Id attributes of an @IdClass).");
        }
        for (AttributeMapping key : keys) {
            if (key.isPluralAttributeMapping()) {
                throw unsupported(persister.getEntityName(), "natural-key attribute '" + key.getAttributeName()
                        + "' is a collection");
            }
        }
        return keys;
    }

    private static boolean annotated(Class<?> type, String attribute, Class<? extends Annotation> annotation) {
        return annotation(type, attribute, annotation) != null;
    }

    /** The annotation on the attribute's field or getter, in the class or a superclass; null if none. */
    private static <A extends Annotation> A annotation(Class<?> type, String attribute, Class<A> annotation) {
        String capitalized = Character.toUpperCase(attribute.charAt(0)) + attribute.substring(1);
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field field : c.getDeclaredFields()) {
                if (field.getName().equals(attribute) && field.isAnnotationPresent(annotation)) {
                    return field.getAnnotation(annotation);
                }
            }
            for (Method method : c.getDeclaredMethods()) {
                String name = method.getName();
                if (method.getParameterCount() == 0 && method.isAnnotationPresent(annotation)
                        && (name.equals("get" + capitalized) || name.equals("is" + capitalized)
                        || Introspector.decapitalize(name).equals(attribute))) {
                    return method.getAnnotation(annotation);
                }
            }
        }
        return null;
    }

    private static long utf8Length(String value) {
        long bytes = 0;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            bytes += c < 0x80 ? 1 : c < 0x800 || Character.isSurrogate(c) ? 2 : 3;   // a surrogate pair: 4
        }
        return bytes;
    }

    /**
     * Per column of an embedded attribute, the generator of the embeddable's attribute it belongs
     * to, or null where that one is not generated. Hibernate combines them into one generator of
     * the embeddable, which keeps them (a record's {@code generators}, by attribute position) but
     * does not publish them; where they cannot be read, the mapping is refused.
     */
    private static BeforeExecutionGenerator[] partGenerators(String entity, AttributeMapping attribute) {
        Generator combined = attribute.getGenerator();
        String name = attribute.getAttributeName();
        List<?> generators = null;
        if (combined instanceof BeforeExecutionGenerator && combined instanceof Record) {
            try {
                for (java.lang.reflect.RecordComponent component : combined.getClass().getRecordComponents()) {
                    if (component.getName().equals("generators")) {
                        Method accessor = component.getAccessor();
                        accessor.setAccessible(true);
                        generators = (List<?>) accessor.invoke(combined);
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException e) {
                generators = null;
            }
        }
        EmbeddableMappingType type = attribute.asEmbeddedAttributeMapping().getEmbeddableTypeDescriptor();
        if (generators == null || generators.size() != type.getNumberOfAttributeMappings()) {
            throw unsupported(entity, "embedded attribute '" + name + "' has generated attributes inside it, generated by"
                    + " the database or in a form this version of Hibernate does not show: map them on the entity itself");
        }
        BeforeExecutionGenerator[] byColumn = new BeforeExecutionGenerator[attribute.getJdbcTypeCount()];
        int column = 0;
        for (int a = 0; a < generators.size(); a++) {
            AttributeMapping part = type.getAttributeMapping(a);
            Object generator = generators.get(a);
            boolean generated = generator instanceof Generator g && !g.getEventTypes().isEmpty();
            if (generated && (!(generator instanceof BeforeExecutionGenerator before) || !before.generatesOnInsert()
                    || part.getJdbcTypeCount() != 1)) {
                throw unsupported(entity, "attribute '" + name + "." + part.getAttributeName() + "' is generated by the"
                        + " database, on update only, or over several columns, inside an embeddable: map it on the entity itself");
            }
            if (generated) {
                byColumn[column] = (BeforeExecutionGenerator) generator;
            }
            column += part.getJdbcTypeCount();
        }
        return byColumn;
    }

    private static UpsertException unsupported(String entity, String why) {
        return new UpsertException("Entity " + entity + " cannot be upserted: " + why + ".");
    }

    /** The columns of one of an entity's tables beyond its main one, gathered while reading the mapping. */
    private static final class FurtherColumns {
        final EntityTableMapping mapping;
        final List<Column> columns = new ArrayList<>();
        final List<Source> sources = new ArrayList<>();
        final List<JdbcMapping> jdbcMappings = new ArrayList<>();
        final boolean ofType;

        FurtherColumns(EntityTableMapping mapping, boolean ofType) {
            this.mapping = mapping;
            this.ofType = ofType;
        }

        void add(Column column, Source source, JdbcMapping jdbcMapping) {
            columns.add(column);
            sources.add(source);
            jdbcMappings.add(jdbcMapping);
        }
    }

    /** Turns Hibernate's rendered identifiers into names exactly as the database stores them. */
    private record Names(Dialect dialect, IdentifierHelper helper) {

        String column(String expression) {
            return helper.toMetaDataObjectName(helper.toIdentifier(expression.trim()));
        }

        /** {@code [schema or null, table]} from a possibly qualified, possibly quoted name. */
        String[] table(String expression) {
            List<String> parts = new ArrayList<>();
            StringBuilder part = new StringBuilder();
            boolean quoted = false;
            for (char ch : expression.toCharArray()) {
                if (ch == dialect.openQuote() && !quoted || ch == dialect.closeQuote() && quoted) {
                    quoted = !quoted;
                    part.append(ch);
                } else if (ch == '.' && !quoted) {
                    parts.add(part.toString());
                    part.setLength(0);
                } else {
                    part.append(ch);
                }
            }
            parts.add(part.toString());
            String name = column(parts.get(parts.size() - 1));
            String schema = null;
            if (parts.size() > 1) {
                // Where the database has catalogs but no schemas (MySQL, MariaDB), the qualifier is its catalog.
                var qualifier = helper.toIdentifier(parts.get(parts.size() - 2).trim());
                schema = helper.toMetaDataSchemaName(qualifier);
                if (schema == null) {
                    schema = helper.toMetaDataCatalogName(qualifier);
                }
            }
            return new String[] {schema, name};
        }
    }
}
