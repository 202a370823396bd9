package dev.upsert.dialect;

import dev.upsert.MergePolicy;

import java.util.Objects;

/**
 * One column an upsert writes or reads.
 *
 * @param name            the column's name exactly as the database stores it (never quoted here:
 *                        each dialect quotes it by its own rules)
 * @param attribute       the entity attribute it comes from, for messages and per-call options
 * @param role            how the upsert treats it
 * @param returned        whether its value is read back after the write (ids, versions, generated
 *                        timestamps)
 * @param writeExpression how a bound value is written, {@code ?} or a wrapper such as
 *                        {@code ? format json}; for a {@link Role#GENERATED_ID} the SQL expression
 *                        that yields a new id, and for a column the database generates the one
 *                        that yields its value, or {@code null} for the column's own default
 * @param sqlType         the column's type in the live table, for casts, or {@code null} if unknown;
 *                        for a {@link Role#GENERATED_ID}, its sequence's type where that is narrower
 * @param merge           how an update combines the stored and the new value
 */
public record Column(String name, String attribute, Role role, boolean returned, String writeExpression,
                     String sqlType, MergePolicy merge) {

    public enum Role {
        /** Part of the natural key: inserted, matched on, never updated. */
        KEY,
        /** An id the database generates: not bound; a new value only for inserted rows. */
        GENERATED_ID,
        /** A numeric version: bound on insert, incremented by one on a real update. */
        VERSION,
        /** Written on insert, never updated (updatable = false, creation timestamps, excluded attributes). */
        INSERT_ONLY,
        /** Written on insert and on a real update, but not itself a reason to update (update timestamps). */
        TOUCH,
        /**
         * A value the database generates on insert, never bound: its SQL expression
         * ({@code writeExpression}, such as {@code current_timestamp}), or the column's default
         * where that is null; read back, never updated.
         */
        GENERATED_ON_INSERT,
        /**
         * As {@link #GENERATED_ON_INSERT}, and again on a real update: its expression, or where that
         * is null the database's own doing (a trigger, a computed column); read back.
         */
        GENERATED_ON_WRITE,
        /** Written on insert; on update compared and overwritten. */
        DATA
    }

    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        if (role != Role.GENERATED_ID && !generated(role) && writeExpression == null) {
            writeExpression = "?";
        }
        merge = merge == null ? MergePolicy.OVERWRITE : merge;
    }

    /** A column whose updates overwrite. */
    public Column(String name, String attribute, Role role, boolean returned, String writeExpression, String sqlType) {
        this(name, attribute, role, returned, writeExpression, sqlType, MergePolicy.OVERWRITE);
    }

    public static Column of(String name, Role role) {
        return new Column(name, name, role, role == Role.GENERATED_ID || role == Role.VERSION || generated(role), null, null);
    }

    /** Whether each row binds a value for this column. */
    public boolean bound() {
        return role != Role.GENERATED_ID && !generated();
    }

    /** Whether the database generates this column's values (not the id's). */
    public boolean generated() {
        return generated(role);
    }

    private static boolean generated(Role role) {
        return role == Role.GENERATED_ON_INSERT || role == Role.GENERATED_ON_WRITE;
    }

    /**
     * Whether a real update of an existing row writes this column (a column the database
     * generates on update by itself is not written, only read back).
     */
    public boolean updated() {
        return role == Role.VERSION || role == Role.TOUCH || role == Role.DATA
                || role == Role.GENERATED_ON_WRITE && writeExpression != null;
    }

    /** This column written on insert only: generated on insert, if the database generates it. */
    public Column insertOnly() {
        return withRole(generated() ? Role.GENERATED_ON_INSERT : Role.INSERT_ONLY);
    }

    /** Whether a difference in this column makes an existing row changed. */
    public boolean compared() {
        return role == Role.DATA;
    }

    public Column withRole(Role newRole) {
        return new Column(name, attribute, newRole, returned, writeExpression, sqlType, merge);
    }

    public Column withSqlType(String type) {
        return new Column(name, attribute, role, returned, writeExpression, type, merge);
    }

    public Column withMerge(MergePolicy policy) {
        return new Column(name, attribute, role, returned, writeExpression, sqlType, policy);
    }
}
