package dev.upsert.hibernate;

import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import dev.upsert.dialect.Dialect;
import dev.upsert.dialect.Table;
import dev.upsert.jdbc.InputRows;
import dev.upsert.jdbc.Key;
import dev.upsert.jdbc.Row;
import dev.upsert.jdbc.RowResult;
import dev.upsert.jdbc.UpsertExecutor;
import org.hibernate.Hibernate;
import org.hibernate.Transaction;
import org.hibernate.action.internal.BulkOperationCleanupAction;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.EntityPersister;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/** One {@code upsertAll} call against a Hibernate session. */
final class Upserter {

    private Upserter() {
    }

    static UpsertResult upsertAll(SharedSessionContractImplementor session, Collection<?> entities, UpsertOptions options) {
        Objects.requireNonNull(entities, "entities");
        Objects.requireNonNull(options, "options");
        if (entities.isEmpty()) {
            return UpsertResult.EMPTY;
        }
        List<Object> list = new ArrayList<>(entities);
        EntityPersister persister = persister(session, list);
        if (session.isTransactionInProgress()) {
            return run(session, persister, list, options);
        }
        // No transaction to join: the call is its own, all or nothing.
        Transaction transaction = session.beginTransaction();
        try {
            UpsertResult result = run(session, persister, list, options);
            transaction.commit();
            return result;
        } catch (RuntimeException e) {
            if (transaction.isActive()) {
                transaction.rollback();
            }
            throw e;
        }
    }

    private static UpsertResult run(SharedSessionContractImplementor session, EntityPersister persister,
                                    List<Object> entities, UpsertOptions options) {
        // The input is checked (null keys, duplicates, options) before the session sends any SQL.
        EntityModel mapped = Models.mapped(persister);
        mapped.tableFor(options);
        Object version = mapped.seedVersion(session);
        List<Object[]> values = new ArrayList<>(entities.size());
        for (Object entity : entities) {
            values.add(mapped.values(entity, version, false, session));
        }
        List<Row> rows = InputRows.prepare(mapped.table, entities, values, options.duplicateKeyPolicy());

        SessionImplementor stateful = session instanceof SessionImplementor s ? s : null;
        if (stateful != null) {
            stateful.flush();
        }
        EntityModel model = Models.inspected(mapped, session);
        Table table = model.tableFor(options);
        Dialect dialect = options.dialect() != null ? options.dialect() : Models.dialect(session.getFactory());
        UpsertExecutor executor = new UpsertExecutor(dialect, table, model.handlers(session));
        UpsertExecutor.Written written = session.doReturningWork(connection ->
                executor.execute(connection, rows, options.skipUnchanged(), options.chunkSize()));

        Set<Key> changed = new HashSet<>();
        for (RowResult result : written.rows()) {
            if (result.returned() != null) {
                for (Object entity : result.row().sources()) {
                    model.writeBack(entity, result.returned(), session);
                }
            }
            if (result.status() != RowResult.Status.UNCHANGED) {
                changed.add(result.row().key());
            }
        }
        if (stateful != null) {
            refreshManaged(stateful, model, table, entities, changed);
        }
        BulkOperationCleanupAction.schedule(session, persister);
        return written.result();
    }

    /** Managed instances of rewritten keys would show the old values: reload them. */
    private static void refreshManaged(SessionImplementor session, EntityModel model, Table table, List<Object> passed,
                                       Set<Key> changed) {
        if (changed.isEmpty()) {
            return;
        }
        Set<Object> passedIdentity = java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
        passedIdentity.addAll(passed);
        for (Map.Entry<Object, EntityEntry> entry : session.getPersistenceContextInternal().reentrantSafeEntityEntries()) {
            Object managed = entry.getKey();
            if (entry.getValue().getPersister() == model.persister && !passedIdentity.contains(managed)
                    && changed.contains(Key.of(table, model.values(managed, null, true, session)))) {
                session.refresh(managed);
            }
        }
    }

    private static EntityPersister persister(SharedSessionContractImplementor session, List<Object> entities) {
        Set<String> types = new TreeSet<>();
        Class<?> type = null;
        for (Object entity : entities) {
            if (entity == null) {
                throw new IllegalArgumentException("upsertAll got a null element at position " + entities.indexOf(null));
            }
            Class<?> c = Hibernate.getClass(entity);
            type = type == null ? c : type;
            types.add(c.getName());
        }
        if (types.size() > 1) {
            throw new IllegalArgumentException("upsertAll takes entities of one type per call, got " + types
                    + ": call it once per entity type.");
        }
        return session.getFactory().getMappingMetamodel().getEntityDescriptor(type);
    }
}
