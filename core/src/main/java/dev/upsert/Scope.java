package dev.upsert;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The rows a {@link Strategy#SYNC} may delete, or a {@link Strategy#DELETE_THEN_INSERT} deletes:
 * conditions on mapped attributes, all of which must hold. Values are always bound parameters.
 *
 * <pre>{@code
 * Scope.all().eq("region", "EU").ge("lastSynchronized", yesterday)
 * }</pre>
 *
 * @param conditions every condition, by attribute name
 * @param byBatchKeys whether the scope is the rows whose natural keys the batch carries
 */
public record Scope(List<Condition> conditions, boolean byBatchKeys) {

    /** How a condition compares an attribute with its value. */
    public enum Operator {
        EQ("="), NE("<>"), LT("<"), LE("<="), GT(">"), GE(">="), IS_NULL("IS NULL"), IS_NOT_NULL("IS NOT NULL");

        private final String sql;

        Operator(String sql) {
            this.sql = sql;
        }

        /** The SQL operator. */
        public String sql() {
            return sql;
        }

        /** Whether the condition binds a value (all but the null tests). */
        public boolean takesValue() {
            return this != IS_NULL && this != IS_NOT_NULL;
        }
    }

    /** {@code attribute operator value}; the value is null for IS_NULL and IS_NOT_NULL. */
    public record Condition(String attribute, Operator operator, Object value) {
        public Condition {
            Objects.requireNonNull(attribute, "attribute");
            Objects.requireNonNull(operator, "operator");
            if (operator.takesValue() && value == null) {
                throw new IllegalArgumentException("Condition on '" + attribute + "' " + operator
                        + " needs a value; use isNull(\"" + attribute + "\") to match nulls");
            }
        }
    }

    public Scope {
        conditions = List.copyOf(conditions);
        if (byBatchKeys && !conditions.isEmpty()) {
            throw new IllegalArgumentException("a scope is either the batch's keys or conditions, not both");
        }
    }

    /** Every row of the table. */
    public static Scope all() {
        return new Scope(List.of(), false);
    }

    /** The rows whose natural keys appear in the batch. */
    public static Scope batchKeys() {
        return new Scope(List.of(), true);
    }

    /** And the attribute equals the value. */
    public Scope eq(String attribute, Object value) {
        return and(attribute, Operator.EQ, value);
    }

    /**
     * And the attribute differs from the value, as SQL compares: a row whose attribute is null
     * differs from nothing (nor is it less or greater); add it with a scope of its own, or keep
     * such rows out of the table.
     */
    public Scope ne(String attribute, Object value) {
        return and(attribute, Operator.NE, value);
    }

    /** And the attribute is less than the value. */
    public Scope lt(String attribute, Object value) {
        return and(attribute, Operator.LT, value);
    }

    /** And the attribute is at most the value. */
    public Scope le(String attribute, Object value) {
        return and(attribute, Operator.LE, value);
    }

    /** And the attribute is greater than the value. */
    public Scope gt(String attribute, Object value) {
        return and(attribute, Operator.GT, value);
    }

    /** And the attribute is at least the value. */
    public Scope ge(String attribute, Object value) {
        return and(attribute, Operator.GE, value);
    }

    /** And the attribute is null. */
    public Scope isNull(String attribute) {
        return and(attribute, Operator.IS_NULL, null);
    }

    /** And the attribute is not null. */
    public Scope isNotNull(String attribute) {
        return and(attribute, Operator.IS_NOT_NULL, null);
    }

    /** And this condition; {@code value} is null for the null tests. Refused on {@link #batchKeys()}. */
    public Scope and(String attribute, Operator operator, Object value) {
        List<Condition> more = new ArrayList<>(conditions);
        more.add(new Condition(attribute, operator, value));
        return new Scope(more, byBatchKeys);
    }
}
