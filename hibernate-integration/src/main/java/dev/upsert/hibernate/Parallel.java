package dev.upsert.hibernate;

import dev.upsert.ParallelResult;
import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import dev.upsert.jdbc.InputRows;
import dev.upsert.jdbc.Key;
import org.hibernate.Hibernate;
import org.hibernate.Session;
import org.hibernate.StatelessSession;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.EntityPersister;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/** A batch split by key hash across writers, each partition in a transaction of its own. */
final class Parallel {

    private Parallel() {
    }

    static ParallelResult upsertAll(SessionFactoryImplementor factory, Collection<?> entities, UpsertOptions options,
                                    int writers) {
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be at least 1, was " + writers);
        }
        if (options.deletesScope()) {
            throw new IllegalArgumentException("A " + options.strategy() + " over a scope needs the whole batch in one"
                    + " transaction: call upsertAll, not upsertAllInParallel.");
        }
        // The caller's tenant, resolved on its thread: a resolver on the writers' threads could find another.
        Object tenant = factory.getSessionFactoryOptions().getCurrentTenantIdentifierResolver() == null ? null
                : factory.resolveTenantIdentifier();
        List<List<Object>> partitions = partition(factory, tenant, entities, writers, options);
        // Where every writer of a table takes turns anyway (MySQL's and MariaDB's named lock per
        // table), the partitions are written one after another rather than racing for that lock,
        // whose wait gives up after a minute.
        boolean turns = (options.dialect() != null ? options.dialect() : Models.dialect(factory)).lockName() != null;
        ExecutorService pool = Executors.newFixedThreadPool(turns ? 1 : writers, runnable -> {
            Thread thread = new Thread(runnable, "upsert-writer");
            thread.setDaemon(true);
            return thread;
        });
        AtomicBoolean stopped = new AtomicBoolean();
        try {
            List<Future<ParallelResult.Partition>> running = new ArrayList<>();
            for (int i = 0; i < partitions.size(); i++) {
                List<Object> part = partitions.get(i);
                running.add(pool.submit(writer(i, part, stopped, () -> {
                    try (Session session = tenant == null ? factory.openSession()
                            : factory.withOptions().tenantIdentifier(tenant).openSession()) {
                        // The call opens its own transaction, so that options.retries applies to it.
                        return Upserter.upsertAll((SharedSessionContractImplementor) session, null, part, options);
                    }
                })));
            }
            return new ParallelResult(results(running, stopped));
        } finally {
            pool.shutdown();
        }
    }

    /** A partition's writer, which writes nothing once the caller has stopped. */
    static Callable<ParallelResult.Partition> writer(int index, List<Object> part, AtomicBoolean stopped,
                                                     Supplier<UpsertResult> write) {
        return () -> {
            if (stopped.get()) {
                return new ParallelResult.Partition(index, part, null, new IllegalStateException("Partition " + index
                        + " was not written: the caller was interrupted before it started. Nothing of it was written."));
            }
            try {
                return new ParallelResult.Partition(index, part, write.get(), null);
            } catch (Throwable e) {
                // Any throwable: the others go on, and the result must say which committed.
                return new ParallelResult.Partition(index, part, null, e instanceof RuntimeException failure ? failure
                        : new IllegalStateException("Partition " + index + " failed: " + e, e));
            }
        };
    }

    /**
     * Each partition's result, once every writer has ended: an interrupt of the caller stops the
     * partitions not yet started, waits for the running ones to commit or roll back (a statement
     * in flight cannot be taken back), and stays set on the thread.
     */
    static List<ParallelResult.Partition> results(List<Future<ParallelResult.Partition>> running, AtomicBoolean stopped) {
        List<ParallelResult.Partition> done = new ArrayList<>();
        boolean interrupted = false;
        for (Future<ParallelResult.Partition> partition : running) {
            while (true) {
                try {
                    done.add(partition.get());
                    break;
                } catch (InterruptedException e) {
                    interrupted = true;
                    stopped.set(true);
                } catch (ExecutionException e) {
                    throw new IllegalStateException(e.getCause());   // a writer returns its failure instead
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        return done;
    }

    /**
     * Entities by the hash of their natural key: one key always lands in the same partition.
     * Checked before any writer starts (each would only see its own partition): one type, no null
     * element, keys present and, under FAIL, not repeated, and apart as the table compares them.
     */
    private static List<List<Object>> partition(SessionFactoryImplementor factory, Object tenant, Collection<?> entities,
                                                int writers, UpsertOptions options) {
        List<List<Object>> partitions = new ArrayList<>(writers);
        for (int i = 0; i < writers; i++) {
            partitions.add(new ArrayList<>(entities.size() / writers + 1));
        }
        if (entities.isEmpty()) {
            return partitions;
        }
        Object first = entities.iterator().next();
        if (first == null) {
            throw new IllegalArgumentException("upsertAllInParallel got a null element at position 0");
        }
        Class<?> type = Hibernate.getClass(first);
        EntityPersister persister = factory.getMappingMetamodel().getEntityDescriptor(type);
        if (tenant == null && Models.mapped(persister).hasTenant()) {
            throw new IllegalArgumentException(persister.getEntityName() + " belongs to tenants (@TenantId), and the"
                    + " factory resolves no current tenant (CurrentTenantIdentifierResolver) for the writers' sessions:"
                    + " call upsertAll in a session opened for the tenant.");
        }
        try (StatelessSession session = tenant == null ? factory.openStatelessSession()
                : factory.withStatelessOptions().tenantIdentifier(tenant).openStatelessSession()) {
            SharedSessionContractImplementor implementor = (SharedSessionContractImplementor) session;
            // Keys as their columns keep them, as each writer keys its rows: inputs that are one key stay together.
            EntityModel model = Models.inspected(Models.mapped(persister), implementor,
                    options.dialect() != null ? options.dialect() : Models.dialect(factory));
            List<Object[]> values = new ArrayList<>(entities.size());
            List<Object> unproxied = new ArrayList<>(entities.size());
            int position = 0;
            java.time.ZoneId gapZone = EntityModel.gapZone();
            for (Object passed : entities) {
                if (passed == null || Hibernate.getClass(passed) != type) {
                    throw new IllegalArgumentException(passed == null ? "upsertAllInParallel got a null element at position "
                            + position : "upsertAllInParallel takes entities of one type per call, got " + type.getName()
                            + " and " + Hibernate.getClass(passed).getName() + " (at position " + position + "): call it once"
                            + " per entity type. Nothing was written.");
                }
                // A proxy's own fields are empty: it goes where the entity behind it goes.
                Object entity = Hibernate.unproxy(passed);
                Object[] row = model.values(entity, position, null, true, implementor);
                model.fitLimits(row, position++, gapZone);
                values.add(row);
                unproxied.add(entity);
            }
            List<Key> keys = InputRows.check(model.table, values, options.duplicateKeyPolicy());
            for (int i = 0; i < keys.size(); i++) {
                // As the table compares keys: inputs it takes as one key go to one writer.
                partitions.get(Math.floorMod(model.compared(keys.get(i)).hashCode(), writers)).add(unproxied.get(i));
            }
            model.requireKeysApart(keys);
        }
        return partitions;
    }
}
