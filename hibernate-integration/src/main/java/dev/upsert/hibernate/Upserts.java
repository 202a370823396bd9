package dev.upsert.hibernate;

import dev.upsert.ParallelResult;
import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import jakarta.persistence.EntityManager;
import org.hibernate.SessionFactory;
import org.hibernate.StatelessSession;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

import java.util.Collection;
import java.util.Iterator;
import java.util.stream.Stream;

/**
 * {@code upsertAll} for code that holds a {@code Session}, {@code EntityManager} or
 * {@code StatelessSession} and does not wrap it. Same behaviour as
 * {@link UpsertSession#upsertAll(Collection, UpsertOptions)}.
 */
public final class Upserts {

    private Upserts() {
    }

    /** Upserts with the default options, on the entity manager's session and transaction. */
    public static UpsertResult upsertAll(EntityManager entityManager, Collection<?> entities) {
        return upsertAll(entityManager, entities, UpsertOptions.defaults());
    }

    /** Upserts with these options, on the entity manager's session and transaction. */
    public static UpsertResult upsertAll(EntityManager entityManager, Collection<?> entities, UpsertOptions options) {
        return Upserter.upsertAll(entityManager.unwrap(SharedSessionContractImplementor.class), null, entities, options);
    }

    /** With the entity type named, so that a SYNC of an empty batch knows its table. */
    public static <T> UpsertResult upsertAll(EntityManager entityManager, Class<T> type, Collection<? extends T> entities,
                                             UpsertOptions options) {
        return Upserter.upsertAll(entityManager.unwrap(SharedSessionContractImplementor.class), type, entities, options);
    }

    /**
     * Entities of any number, streamed: processed chunk by chunk in order, with memory for one
     * chunk at a time, in one transaction (the caller's, or one of its own). Not for SYNC, which
     * needs every key at once. The stream is not closed here.
     */
    public static <T> UpsertResult upsertAll(EntityManager entityManager, Class<T> type, Stream<? extends T> entities,
                                             UpsertOptions options) {
        return Upserter.upsertStream(entityManager.unwrap(SharedSessionContractImplementor.class), type,
                entities.iterator(), options);
    }

    /** As {@link #upsertAll(EntityManager, Class, Stream, UpsertOptions)}, from an iterator. */
    public static <T> UpsertResult upsertAll(EntityManager entityManager, Class<T> type, Iterator<? extends T> entities,
                                             UpsertOptions options) {
        return Upserter.upsertStream(entityManager.unwrap(SharedSessionContractImplementor.class), type, entities, options);
    }

    /** Streamed, on a stateless session. */
    public static <T> UpsertResult upsertAll(StatelessSession session, Class<T> type, Stream<? extends T> entities,
                                             UpsertOptions options) {
        return Upserter.upsertStream((SharedSessionContractImplementor) session, type, entities.iterator(), options);
    }

    /**
     * Splits a large batch by natural-key hash into {@code writers} partitions and upserts them at
     * once, each on its own session, transaction and connection from the factory. Partitions hold
     * disjoint keys and each writes in key order, so writers do not wait on one another's rows.
     * Each partition commits on its own: the result says which committed, and a failed one's
     * entities can be sent again alone. For UPSERT, INSERT_MISSING and DELETE_THEN_INSERT by the
     * batch's keys; a SYNC or a scoped delete needs the whole batch in one transaction. The
     * writers' sessions are opened for the calling thread's current tenant, where the factory
     * resolves one; on MySQL and MariaDB, where a table's writers take turns, the partitions are
     * written one after another.
     */
    public static ParallelResult upsertAllInParallel(SessionFactory factory, Collection<?> entities,
                                                     UpsertOptions options, int writers) {
        return Parallel.upsertAll(factory.unwrap(SessionFactoryImplementor.class), entities, options, writers);
    }

    /** Upserts with the default options, on a stateless session. */
    public static UpsertResult upsertAll(StatelessSession session, Collection<?> entities) {
        return upsertAll(session, entities, UpsertOptions.defaults());
    }

    /** On a stateless session there is no persistence context to flush or refresh. */
    public static UpsertResult upsertAll(StatelessSession session, Collection<?> entities, UpsertOptions options) {
        return Upserter.upsertAll((SharedSessionContractImplementor) session, null, entities, options);
    }

    /** With the entity type named, so that a SYNC of an empty batch knows its table. */
    public static <T> UpsertResult upsertAll(StatelessSession session, Class<T> type, Collection<? extends T> entities,
                                             UpsertOptions options) {
        return Upserter.upsertAll((SharedSessionContractImplementor) session, type, entities, options);
    }
}
