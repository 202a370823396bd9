package dev.upsert;

import dev.upsert.dialect.Dialect;

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
 * @param chunkSize          most rows sent in one statement (default 1000); lowered further when the
 *                           database's bind-parameter limit needs it
 * @param dialect            the SQL to generate, or {@code null} (default) to choose it from the
 *                           ORM's dialect and the server version; for example
 *                           {@link dev.upsert.dialect.PostgresMergeDialect} to use MERGE on PostgreSQL
 */
public record UpsertOptions(DuplicateKeyPolicy duplicateKeyPolicy, Set<String> updateOnly,
                            Set<String> updateExcept, boolean skipUnchanged, int chunkSize, Dialect dialect) {

    public static final int DEFAULT_CHUNK_SIZE = 1000;

    private static final UpsertOptions DEFAULTS = builder().build();

    public UpsertOptions {
        Objects.requireNonNull(duplicateKeyPolicy, "duplicateKeyPolicy");
        updateOnly = Set.copyOf(updateOnly);
        updateExcept = Set.copyOf(updateExcept);
        if (!updateOnly.isEmpty() && !updateExcept.isEmpty()) {
            throw new IllegalArgumentException("set updateOnly or updateExcept, not both");
        }
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunkSize must be at least 1, was " + chunkSize);
        }
    }

    public static UpsertOptions defaults() {
        return DEFAULTS;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder().duplicateKeyPolicy(duplicateKeyPolicy).updateOnly(updateOnly)
                .updateExcept(updateExcept).skipUnchanged(skipUnchanged).chunkSize(chunkSize).dialect(dialect);
    }

    /** Whether an existing row gets this attribute (by its name in the entity) updated. */
    public boolean updates(String attribute) {
        return updateOnly.isEmpty() ? !updateExcept.contains(attribute) : updateOnly.contains(attribute);
    }

    public static final class Builder {
        private DuplicateKeyPolicy duplicateKeyPolicy = DuplicateKeyPolicy.LAST_WINS;
        private Set<String> updateOnly = Set.of();
        private Set<String> updateExcept = Set.of();
        private boolean skipUnchanged = true;
        private int chunkSize = DEFAULT_CHUNK_SIZE;
        private Dialect dialect;

        private Builder() {
        }

        public Builder duplicateKeyPolicy(DuplicateKeyPolicy policy) {
            this.duplicateKeyPolicy = policy;
            return this;
        }

        /** Update only these attributes of existing rows; the others are written on insert only. */
        public Builder updateOnly(Set<String> attributes) {
            this.updateOnly = attributes;
            return this;
        }

        public Builder updateOnly(String... attributes) {
            return updateOnly(Set.of(attributes));
        }

        /** Update every attribute of existing rows except these, which are written on insert only. */
        public Builder updateExcept(Set<String> attributes) {
            this.updateExcept = attributes;
            return this;
        }

        public Builder updateExcept(String... attributes) {
            return updateExcept(Set.of(attributes));
        }

        public Builder skipUnchanged(boolean skipUnchanged) {
            this.skipUnchanged = skipUnchanged;
            return this;
        }

        public Builder chunkSize(int chunkSize) {
            this.chunkSize = chunkSize;
            return this;
        }

        /** Generate this dialect's SQL instead of the one chosen automatically; {@code null} for automatic. */
        public Builder dialect(Dialect dialect) {
            this.dialect = dialect;
            return this;
        }

        public UpsertOptions build() {
            return new UpsertOptions(duplicateKeyPolicy, updateOnly, updateExcept, skipUnchanged, chunkSize, dialect);
        }
    }
}
