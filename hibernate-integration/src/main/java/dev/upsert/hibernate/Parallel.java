package dev.upsert.hibernate;

import dev.upsert.ParallelResult;
import dev.upsert.UpsertOptions;
import org.hibernate.Hibernate;
import org.hibernate.engine.spi.SessionFactoryImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.EntityPersister;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

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
        List<List<Object>> partitions = partition(factory, entities, writers);
        ExecutorService pool = Executors.newFixedThreadPool(writers, runnable -> {
            Thread thread = new Thread(runnable, "upsert-writer");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<ParallelResult.Partition>> running = new ArrayList<>();
            for (int i = 0; i < partitions.size(); i++) {
                int index = i;
                List<Object> part = partitions.get(i);
                running.add(pool.submit(() -> {
                    try {
                        // The call opens its own transaction, so that options.retries applies to it.
                        return new ParallelResult.Partition(index, part.size(), factory.fromSession(session ->
                                Upserter.upsertAll((SharedSessionContractImplementor) session, null, part, options)), null);
                    } catch (RuntimeException e) {
                        return new ParallelResult.Partition(index, part.size(), null, e);
                    }
                }));
            }
            List<ParallelResult.Partition> done = new ArrayList<>();
            for (Future<ParallelResult.Partition> partition : running) {
                done.add(partition.get());
            }
            return new ParallelResult(done);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while partitions were being written", e);
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } finally {
            pool.shutdown();
        }
    }

    /** Entities by the hash of their natural key: one key always lands in the same partition. */
    private static List<List<Object>> partition(SessionFactoryImplementor factory, Collection<?> entities, int writers) {
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
        if (Models.mapped(persister).hasTenant()) {
            throw new IllegalArgumentException(persister.getEntityName() + " belongs to tenants (@TenantId), and the"
                    + " parallel writers' sessions have none: call upsertAll in a session opened for the tenant.");
        }
        try (var session = factory.openStatelessSession()) {
            SharedSessionContractImplementor implementor = (SharedSessionContractImplementor) session;
            // Keys as their columns keep them, as each writer keys its rows: inputs that are one key stay together.
            EntityModel model = Models.inspected(Models.mapped(persister), implementor);
            List<dev.upsert.jdbc.Key> keys = new ArrayList<>(entities.size());
            int position = 0;
            java.time.ZoneId gapZone = EntityModel.gapZone();
            for (Object passed : entities) {
                // Checked before any writer starts: each writer would only see its own partition.
                if (passed == null || Hibernate.getClass(passed) != type) {
                    throw new IllegalArgumentException(passed == null ? "upsertAllInParallel got a null element at position "
                            + position : "upsertAllInParallel takes entities of one type per call, got " + type.getName()
                            + " and " + Hibernate.getClass(passed).getName() + " (at position " + position + "): call it once"
                            + " per entity type. Nothing was written.");
                }
                // A proxy's own fields are empty: it goes where the entity behind it goes.
                Object entity = Hibernate.unproxy(passed);
                Object[] values = model.values(entity, position, null, true, implementor);
                model.fitLimits(values, position++, gapZone);
                dev.upsert.jdbc.Key key = dev.upsert.jdbc.Key.of(model.table, values);
                keys.add(key);
                // As the table compares keys: inputs it takes as one key go to one writer.
                partitions.get(Math.floorMod(model.compared(key).hashCode(), writers)).add(entity);
            }
            // Before any writer commits its partition.
            model.requireKeysApart(keys);
        }
        return partitions;
    }

}
