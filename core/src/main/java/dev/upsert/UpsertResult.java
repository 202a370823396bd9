package dev.upsert;

/**
 * What one {@code upsertAll} call did, counted in distinct natural keys: entities that repeat a
 * key within the call count once, as the one row they wrote.
 *
 * @param inserted rows that did not exist and were inserted
 * @param updated  existing rows whose values changed and were rewritten
 * @param unchanged existing rows left untouched because nothing in them would change
 * @param deleted  rows deleted (always 0 for a plain upsert)
 * @param retries  times the call was rolled back and run again after a deadlock or serialization
 *                 failure ({@code UpsertOptions.retries}); the counts are those of the run that committed
 */
public record UpsertResult(long inserted, long updated, long unchanged, long deleted, int retries) {

    public static final UpsertResult EMPTY = new UpsertResult(0, 0, 0, 0);

    public UpsertResult {
        if (inserted < 0 || updated < 0 || unchanged < 0 || deleted < 0 || retries < 0) {
            throw new IllegalArgumentException("counts cannot be negative");
        }
    }

    /** Counts of a call that was not retried. */
    public UpsertResult(long inserted, long updated, long unchanged, long deleted) {
        this(inserted, updated, unchanged, deleted, 0);
    }

    /** The same counts, after {@code count} rolled-back runs. */
    public UpsertResult withRetries(int count) {
        return new UpsertResult(inserted, updated, unchanged, deleted, count);
    }

    /** Rows the call wrote: inserted plus updated. */
    public long written() {
        return inserted + updated;
    }

    /** Distinct natural keys the call processed. */
    public long total() {
        return inserted + updated + unchanged;
    }

    /** Both results' counts added up, as for the chunks of one call. */
    public UpsertResult plus(UpsertResult other) {
        return new UpsertResult(inserted + other.inserted, updated + other.updated,
                unchanged + other.unchanged, deleted + other.deleted, retries + other.retries);
    }
}
