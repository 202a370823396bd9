package dev.upsert;

import dev.upsert.dialect.Dialect;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How one {@code upsertAll} call behaves. Immutable; start from {@link #defaults()} or
 * {@link #builder()}.
 *
 * @param duplicateKeyPolicy what to do when the call repeats a natural key (default
 *                           {@link DuplicateKeyPolicy#LAST_WINS})
 * @param updateOnly         if not empty, existing rows get only these attributes updated
 * @param updateExcept       existing rows get every attribute but these updated
 * @param skipUnchanged      leave rows whose updated columns would not change untouched, so that
 *                           versions, update timestamps, triggers and WAL see no write (default true)
 * @param chunkSize          most rows sent in one statement (default 5000); lowered further when the
 *                           database's bind-parameter limit needs it
 * @param dialect            the SQL to generate, or {@code null} (default) to choose it from the
 *                           ORM's dialect and the server version; for example
 *                           {@link dev.upsert.dialect.PostgresMergeDialect} to use MERGE on PostgreSQL
 * @param strategy           what the call does with the table's rows (default {@link Strategy#UPSERT})
 * @param scope              the rows a SYNC may delete or a DELETE_THEN_INSERT deletes, or
 *                           {@code null} for the strategy's default
 * @param allowEmptyBatch    whether a SYNC or a scoped DELETE_THEN_INSERT may run with an empty
 *                           batch, deleting its whole scope
 * @param mergePolicies      per attribute, how updates treat it, over the {@link Merge} annotations
 * @param progress           told after each chunk of a streamed call, or {@code null}
 * @param retries            how many times a call that runs in a transaction of its own is rolled
 *                           back and run again after a deadlock, serialization failure or lock wait
 *                           timeout (PostgreSQL 40P01/40001, MySQL 1213/1205; default 0)
 * @param sequenceGuard      whether a database-generated id is drawn only for keys that are absent
 *                           ({@code true}) or for every row, as a plain upsert statement does
 *                           ({@code false}); {@code null} (default) guards ids narrower than 64
 *                           bits only. Applies where the statement would otherwise burn values
 *                           (PostgreSQL's ON CONFLICT); MERGE draws only for inserts anyway
 */
public record UpsertOptions(DuplicateKeyPolicy duplicateKeyPolicy, Set<String> updateOnly,
                            Set<String> updateExcept, boolean skipUnchanged, int chunkSize, Dialect dialect,
                            Strategy strategy, Scope scope, boolean allowEmptyBatch,
                            Map<String, MergePolicy> mergePolicies, Progress progress, int retries,
                            Boolean sequenceGuard) {

    public static final int DEFAULT_CHUNK_SIZE = 5000;

    private static final UpsertOptions DEFAULTS = builder().build();

    public UpsertOptions {
        Objects.requireNonNull(duplicateKeyPolicy, "duplicateKeyPolicy");
        Objects.requireNonNull(strategy, "strategy");
        mergePolicies = Map.copyOf(mergePolicies);
        if (retries < 0) {
            throw new IllegalArgumentException("retries cannot be negative, was " + retries);
        }
        if (scope != null && !strategy.deletes()) {
            throw new IllegalArgumentException("a scope applies to SYNC and DELETE_THEN_INSERT, not " + strategy);
        }
        if (scope != null && scope.byBatchKeys() && strategy == Strategy.SYNC) {
            throw new IllegalArgumentException("SYNC deletes the keys absent from the batch: its scope cannot be the batch's keys");
        }
        updateOnly = Set.copyOf(updateOnly);
        updateExcept = Set.copyOf(updateExcept);
        if (!updateOnly.isEmpty() && !updateExcept.isEmpty()) {
            throw new IllegalArgumentException("set updateOnly or updateExcept, not both");
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1, was " + chunkSize);
        }
    }

    /** Every option at its default: see {@link Builder}. */
    public static UpsertOptions defaults() {
        return DEFAULTS;
    }

    /** A builder starting from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from these options. */
    public Builder toBuilder() {
        Builder builder = new Builder().duplicateKeyPolicy(duplicateKeyPolicy).skipUnchanged(skipUnchanged).chunkSize(chunkSize)
                .dialect(dialect).strategy(strategy).scope(scope).allowEmptyBatch(allowEmptyBatch).mergePolicies(mergePolicies)
                .progress(progress).retries(retries).sequenceGuard(sequenceGuard);
        builder.updateOnly = updateOnly;
        builder.updateExcept = updateExcept;
        return builder;
    }

    /** The scope in effect: the one given, or the strategy's default. */
    public Scope effectiveScope() {
        return scope != null ? scope : strategy == Strategy.DELETE_THEN_INSERT ? Scope.batchKeys() : Scope.all();
    }

    /**
     * Whether the call reads and deletes (or marks) the rows of a scope beyond its batch's keys: a
     * SYNC, or a DELETE_THEN_INSERT by conditions.
     */
    public boolean deletesScope() {
        return strategy.deletes() && (strategy == Strategy.SYNC || !effectiveScope().byBatchKeys());
    }

    /** Whether an existing row gets this attribute (by its name in the entity) updated. */
    public boolean updates(String attribute) {
        return updateOnly.isEmpty() ? !updateExcept.contains(attribute) : updateOnly.contains(attribute);
    }

    /** Builds {@link UpsertOptions}; each method returns the builder. */
    public static final class Builder {
        private DuplicateKeyPolicy duplicateKeyPolicy = DuplicateKeyPolicy.LAST_WINS;
        private Set<String> updateOnly = Set.of();
        private Set<String> updateExcept = Set.of();
        private boolean skipUnchanged = true;
        private int chunkSize = DEFAULT_CHUNK_SIZE;
        private Dialect dialect;
        private Strategy strategy = Strategy.UPSERT;
        private Scope scope;
        private boolean allowEmptyBatch;
        private final Map<String, MergePolicy> mergePolicies = new HashMap<>();
        private Progress progress;
        private int retries;
        private Boolean sequenceGuard;

        private Builder() {
        }

        /** Which of several entities with one natural key in a call is written (default {@code LAST_WINS}). */
        public Builder duplicateKeyPolicy(DuplicateKeyPolicy policy) {
            this.duplicateKeyPolicy = policy;
            return this;
        }

        /**
         * Update only these attributes of existing rows; the others are written on insert only.
         * None at all is refused: it would read as "update everything" (to update nothing, use
         * {@link Strategy#INSERT_MISSING}).
         */
        public Builder updateOnly(Set<String> attributes) {
            if (attributes.isEmpty()) {
                throw new IllegalArgumentException("updateOnly() names no attribute, which would update every attribute:"
                        + " to update none, use Strategy.INSERT_MISSING; to update all, leave updateOnly out.");
            }
            this.updateOnly = attributes;
            return this;
        }

        /** As {@link #updateOnly(Set)}. */
        public Builder updateOnly(String... attributes) {
            return updateOnly(Set.copyOf(java.util.Arrays.asList(attributes)));
        }

        /** Update every attribute of existing rows except these, which are written on insert only. */
        public Builder updateExcept(Set<String> attributes) {
            this.updateExcept = attributes;
            return this;
        }

        /** As {@link #updateExcept(Set)}. */
        public Builder updateExcept(String... attributes) {
            return updateExcept(Set.copyOf(java.util.Arrays.asList(attributes)));
        }

        /**
         * Leave rows whose values would not change untouched, counted as unchanged (default
         * true); false rewrites every existing row and counts it as updated.
         */
        public Builder skipUnchanged(boolean skipUnchanged) {
            this.skipUnchanged = skipUnchanged;
            return this;
        }

        /** Most rows per chunk (default {@link UpsertOptions#DEFAULT_CHUNK_SIZE}); lowered to the database's parameter limit. */
        public Builder chunkSize(int chunkSize) {
            this.chunkSize = chunkSize;
            return this;
        }

        /** Generate this dialect's SQL instead of the one chosen automatically; {@code null} for automatic. */
        public Builder dialect(Dialect dialect) {
            this.dialect = dialect;
            return this;
        }

        /** What happens to existing rows and to rows absent from the batch (default {@code UPSERT}). */
        public Builder strategy(Strategy strategy) {
            this.strategy = strategy;
            return this;
        }

        /** The rows a SYNC may delete (default: all) or a DELETE_THEN_INSERT deletes (default: the batch's keys). */
        public Builder scope(Scope scope) {
            this.scope = scope;
            return this;
        }

        /**
         * Let a SYNC, or a DELETE_THEN_INSERT scoped by conditions, run with an empty batch and
         * delete its whole scope; refused otherwise, as an empty extract is more often a failure
         * upstream than an empty source.
         */
        public Builder allowEmptyBatch(boolean allow) {
            this.allowEmptyBatch = allow;
            return this;
        }

        /** How updates treat this attribute in this call, whatever its {@link Merge} annotation says. */
        public Builder mergePolicy(String attribute, MergePolicy policy) {
            mergePolicies.put(Objects.requireNonNull(attribute, "attribute"), Objects.requireNonNull(policy, "policy"));
            return this;
        }

        private Builder mergePolicies(Map<String, MergePolicy> policies) {
            mergePolicies.putAll(policies);
            return this;
        }

        /** Told after each chunk of a streamed call: rows done, rate, counts so far. */
        public Builder progress(Progress progress) {
            this.progress = progress;
            return this;
        }

        /**
         * Run a call that has a transaction of its own (none was open, or a parallel partition)
         * again, up to this many times, when the database rolled it back for a deadlock, a
         * serialization failure or a lock wait timeout (PostgreSQL 40P01/40001, MySQL 1213/1205). Not for a call inside the
         * caller's transaction, which the failure has already doomed, nor for a session with
         * pending changes, which a rollback would lose.
         */
        public Builder retries(int retries) {
            this.retries = retries;
            return this;
        }

        /**
         * Look each key up before drawing an id for it ({@code true}), so that a sequence advances
         * only for inserted rows, at the cost of one index probe per row (about a quarter of
         * PostgreSQL's upsert time); or let every row draw one ({@code false}), as
         * {@code INSERT ... ON CONFLICT} does, which leaves gaps. Unset, only ids narrower than 64
         * bits are guarded: gaps cannot exhaust a 64-bit sequence.
         */
        public Builder sequenceGuard(Boolean guard) {
            this.sequenceGuard = guard;
            return this;
        }

        /** The options; invalid combinations are refused here. */
        public UpsertOptions build() {
            return new UpsertOptions(duplicateKeyPolicy, updateOnly, updateExcept, skipUnchanged, chunkSize, dialect,
                    strategy, scope, allowEmptyBatch, mergePolicies, progress, retries, sequenceGuard);
        }
    }
}
