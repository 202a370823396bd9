package dev.upsert;

/** What a call does with the rows of the table, chosen in {@link UpsertOptions}. */
public enum Strategy {
    /** Insert new keys, update changed rows, leave the rest. */
    UPSERT,
    /** Insert new keys only; existing rows are left untouched and counted as unchanged. */
    INSERT_MISSING,
    /**
     * Delete the rows in the {@link Scope} (by default: the rows with the batch's keys), then
     * insert the batch, in one transaction. Rewritten rows get new generated ids, and a foreign
     * key that references a deleted row blocks the call.
     */
    DELETE_THEN_INSERT,
    /**
     * Upsert the batch, then delete the rows in the {@link Scope} (by default: the whole table)
     * whose keys are absent from the batch; an entity with a {@link DeletedAt} or {@link Active}
     * attribute is soft-deleted instead. An empty batch is refused unless
     * {@link UpsertOptions#allowEmptyBatch()}.
     */
    SYNC;

    /** Whether it deletes rows of a {@link Scope}: {@link #DELETE_THEN_INSERT} and {@link #SYNC}. */
    public boolean deletes() {
        return this == DELETE_THEN_INSERT || this == SYNC;
    }
}
