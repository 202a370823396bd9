package dev.upsert;

/** What {@code upsertAll} does when several entities of one call share a natural key. */
public enum DuplicateKeyPolicy {
    /** The entity that comes last in the collection is written; the others are ignored. */
    LAST_WINS,
    /** The entity that comes first in the collection is written; the others are ignored. */
    FIRST_WINS,
    /** The call fails before any SQL runs, listing every repeated key and its positions. */
    FAIL
}
