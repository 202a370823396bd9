package dev.upsert;

/** How an update of an existing row treats one attribute; declared with {@link Merge}, overridable per call. */
public enum MergePolicy {
    /** The new value replaces the stored one (default). */
    OVERWRITE(1),
    /** Written when the row is inserted, never updated. */
    INSERT_ONLY(0),
    /** A null new value keeps the stored one: {@code COALESCE(new, old)}. */
    KEEP_EXISTING_WHEN_NULL(1),
    /** The greater of the stored and the new value; a null on either side yields the other. */
    KEEP_GREATER(2),
    /**
     * The new value is added to the stored one, for counters: a null new value adds nothing, a null
     * stored one counts as zero; a key repeated in one call adds each of its entities' values.
     */
    ADD(2);

    private final int incomingUses;

    MergePolicy(int incomingUses) {
        this.incomingUses = incomingUses;
    }

    /** How many times the update expression reads the new value: each a bound parameter where it is one. */
    public int incomingUses() {
        return incomingUses;
    }
}
