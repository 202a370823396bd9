package dev.upsert;

/**
 * What {@code upsertAll} does when several entities of one call share a natural key. A streamed
 * call applies it within each chunk, with memory for one chunk: a key repeated in a later chunk
 * is written again there, as the strategy writes a stored key (an upsert then leaves the later
 * entity's values, whatever the policy).
 */
public enum DuplicateKeyPolicy {
    /** The entity that comes last in the collection is written; the others are ignored. */
    LAST_WINS,
    /** The entity that comes first in the collection is written; the others are ignored. */
    FIRST_WINS,
    /** The call fails before any SQL runs, saying how many keys repeat and listing up to 20 with their positions. */
    FAIL
}
