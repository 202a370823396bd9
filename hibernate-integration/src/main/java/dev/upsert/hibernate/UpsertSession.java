package dev.upsert.hibernate;

import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import org.hibernate.Session;

import java.util.Collection;
import java.util.stream.Stream;

/**
 * A Hibernate {@link Session} that can also upsert. Every {@code Session} method goes straight to
 * the wrapped session.
 *
 * <pre>{@code
 * UpsertSession session = UpsertSession.wrap(sessionFactory.openSession());
 * UpsertResult result = session.upsertAll(customers);
 * }</pre>
 */
public interface UpsertSession extends Session {

    /** Upserts with {@link UpsertOptions#defaults()}. */
    default UpsertResult upsertAll(Collection<?> entities) {
        return upsertAll(entities, UpsertOptions.defaults());
    }

    /**
     * Inserts the entities whose natural key is new, updates those whose key exists and whose
     * values differ, and leaves the rest untouched, in as few statements as the chunk size allows.
     *
     * <p>What it does with the table's rows is the options' {@code Strategy}: by default an upsert;
     * also insert-missing-only, delete-then-insert and sync (upsert, then delete or soft-delete the
     * rows of a scope that the batch lacks).
     *
     * <p>Joins the current transaction, or runs in one of its own when there is none. Pending
     * changes are flushed first. The entities stay detached; each gets its database id (and
     * version and generated timestamps) written back. Managed instances of rewritten rows are
     * refreshed (after a delete-then-insert, managed instances of the rows it replaced are detached) and the
     * entity's second-level cache regions are evicted.
     *
     * @throws IllegalArgumentException for a null natural key, entities of several types,
     *                                  duplicate keys under {@code DuplicateKeyPolicy.FAIL}, or two keys the
     *                                  key column's collation takes as one; nothing is written
     * @throws dev.upsert.UpsertException for a mapping or table the upsert cannot work with, or a
     *                                  strategy that would bypass the mapping's own SQL ({@code @SQLInsert},
     *                                  {@code @SQLUpdate}, {@code @SQLDelete})
     */
    default UpsertResult upsertAll(Collection<?> entities, UpsertOptions options) {
        return Upserts.upsertAll(this, entities, options);
    }

    /** With the entity type named, so that a {@code SYNC} of an empty batch knows its table. */
    default <T> UpsertResult upsertAll(Class<T> type, Collection<? extends T> entities, UpsertOptions options) {
        return Upserts.upsertAll(this, type, entities, options);
    }

    /**
     * Entities of any number, streamed: processed chunk by chunk (the options' chunk size) in
     * order, with memory for one chunk at a time, in one transaction. Duplicate keys are resolved
     * within a chunk. Not for {@code SYNC}, which needs every key at once.
     */
    default <T> UpsertResult upsertAll(Class<T> type, Stream<? extends T> entities, UpsertOptions options) {
        return Upserts.upsertAll(this, type, entities, options);
    }

    /** The session with {@code upsertAll} added; the same object if it already has it. */
    static UpsertSession wrap(Session session) {
        return session instanceof UpsertSession upsertSession ? upsertSession : SessionWrapper.wrap(session);
    }
}
