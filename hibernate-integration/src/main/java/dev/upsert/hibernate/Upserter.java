package dev.upsert.hibernate;

import dev.upsert.Scope;
import dev.upsert.Strategy;
import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import dev.upsert.dialect.Dialect;
import dev.upsert.dialect.Column;
import dev.upsert.dialect.Filter;
import dev.upsert.dialect.Table;
import dev.upsert.jdbc.Deletions;
import dev.upsert.jdbc.HistoryExecutor;
import dev.upsert.jdbc.InputRows;
import dev.upsert.jdbc.Key;
import dev.upsert.jdbc.Row;
import dev.upsert.jdbc.RowResult;
import dev.upsert.jdbc.Locks;
import dev.upsert.jdbc.UpsertExecutor;
import dev.upsert.jdbc.ValueHandler;
import org.hibernate.Hibernate;
import org.hibernate.Transaction;
import org.hibernate.action.internal.BulkOperationCleanupAction;
import org.hibernate.engine.spi.EntityEntry;
import org.hibernate.engine.spi.SessionImplementor;
import org.hibernate.engine.spi.SharedSessionContractImplementor;
import org.hibernate.persister.entity.EntityPersister;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.StringJoiner;
import java.util.TreeSet;
import java.util.function.Supplier;

/** One {@code upsertAll} call against a Hibernate session. */
final class Upserter {

    private static final Logger LOG = LoggerFactory.getLogger(Upserter.class);

    private Upserter() {
    }

    /** @param type the entity class, or null to take it from the entities */
    static UpsertResult upsertAll(SharedSessionContractImplementor session, Class<?> type, Collection<?> entities,
                                  UpsertOptions options) {
        Objects.requireNonNull(entities, "entities");
        Objects.requireNonNull(options, "options");
        List<Object> list = new ArrayList<>(entities);
        // An empty batch deletes a whole scope under SYNC, and under DELETE_THEN_INSERT by conditions.
        if (list.isEmpty() && !options.deletesScope()) {
            return UpsertResult.EMPTY;
        }
        if (list.isEmpty() && type == null) {
            throw new IllegalArgumentException("A " + options.strategy() + " with an empty batch cannot tell which table"
                    + " it is for: call upsertAll(EntityClass.class, entities, options).");
        }
        if (list.isEmpty() && !options.allowEmptyBatch()) {
            throw new IllegalArgumentException("Refusing a " + options.strategy() + " of " + type.getName() + " with an"
                    + " empty batch: it would delete every row in its scope, and an empty extract is more often a failure"
                    + " upstream than an empty source. If the source really is empty, set"
                    + " UpsertOptions.allowEmptyBatch(true). Nothing was written.");
        }
        EntityPersister persister = persister(session, type, list);
        refuseNarrowedScope(type, persister, options);
        return inTransaction(session, options, () -> run(session, persister, list, options, true));
    }

    /**
     * Joins the session's transaction, or runs in one of its own when there is none: all or
     * nothing, and run again after a deadlock or serialization failure if the options allow it.
     */
    private static UpsertResult inTransaction(SharedSessionContractImplementor session, UpsertOptions options,
                                              Supplier<UpsertResult> work) {
        if (session.isTransactionInProgress()) {
            return work.get();
        }
        // A rollback would take pending changes of the session with it, and a retry would not flush them again.
        boolean retryable = !(session instanceof SessionImplementor s && s.isDirty());
        for (int attempt = 0; ; attempt++) {
            Transaction transaction = session.beginTransaction();
            try {
                UpsertResult result = work.get();
                transaction.commit();
                return result.withRetries(attempt);
            } catch (Throwable e) {
                // Any throwable: an Error, or a checked exception a caller's iterator threw undeclared.
                try {
                    if (transaction.isActive()) {
                        transaction.rollback();
                    }
                } catch (RuntimeException rollback) {
                    // A lost connection fails the rollback too: the call's own failure is the one to report.
                    e.addSuppressed(rollback);
                    throw e;
                }
                if (!retryable || attempt >= options.retries() || !retryableFailure(e)) {
                    throw e;
                }
                LOG.warn("upsertAll rolled back for a deadlock or serialization failure, running it again ({} of {}): {}",
                        attempt + 1, options.retries(), e.getMessage());
            }
        }
    }

    /**
     * A deadlock, a serialization failure or (MySQL 1205) a lock wait timeout: running the call
     * again in a new transaction may succeed. The transaction it ran in is rolled back whole first.
     */
    private static boolean retryableFailure(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLException sql && ("40P01".equals(sql.getSQLState())
                    || "40001".equals(sql.getSQLState()) || sql.getErrorCode() == 1213 || sql.getErrorCode() == 1205)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Entities of any number, from an iterator: processed chunk by chunk (each up to the chunk
     * size), in order, so that memory holds one chunk at a time. Duplicate keys are resolved within
     * a chunk; across chunks the later row is written last. One transaction for the whole call.
     */
    static UpsertResult upsertStream(SharedSessionContractImplementor session, Class<?> type, Iterator<?> entities,
                                     UpsertOptions options) {
        Objects.requireNonNull(entities, "entities");
        Objects.requireNonNull(options, "options");
        if (options.strategy() == Strategy.SYNC) {
            throw new IllegalArgumentException("A SYNC needs every key of the batch at once to find the vanished ones:"
                    + " pass a Collection, not a Stream or Iterator.");
        }
        if (options.retries() > 0 && !session.isTransactionInProgress()) {
            // A run again would start from where the failed one stopped reading, and commit only the rest.
            throw new IllegalArgumentException("retries(" + options.retries() + ") runs a call again from the start of"
                    + " its input, and a Stream or Iterator can be read only once: pass a Collection, or set retries(0)"
                    + " and retry with a new stream. Nothing was written.");
        }
        if (!entities.hasNext()) {
            // An empty stream is an empty batch: a scope given by conditions is deleted, or refused, as for a Collection.
            return upsertAll(session, type, List.of(), options);
        }
        return inTransaction(session, options, () -> stream(session, type, entities, options));
    }

    private static UpsertResult stream(SharedSessionContractImplementor session, Class<?> type, Iterator<?> entities,
                                       UpsertOptions options) {
        long started = System.nanoTime();
        long lastLog = started;
        long done = 0;
        UpsertResult total = UpsertResult.EMPTY;
        UpsertOptions chunkOptions = options;
        Class<?> declared = type;
        // Held across the chunks, so that two streams do not interleave their calls (see holdTable).
        Locks.Held tableLock = null;
        try {
            while (entities.hasNext()) {
                List<Object> chunk = new ArrayList<>(Math.min(options.chunkSize(), 10_000));
                while (chunk.size() < options.chunkSize() && entities.hasNext()) {
                    chunk.add(entities.next());
                }
                EntityPersister persister = persister(session, declared, chunk);
                if (done > 0 && persister.getMappedClass() != declared) {
                    throw new IllegalArgumentException("A stream of " + declared.getName() + " went on with entities of "
                            + persister.getMappedClass().getName() + " from entity " + done + ": one type per call.");
                }
                declared = persister.getMappedClass();
                if (done == 0) {
                    refuseNarrowedScope(type, persister, options);
                    Dialect dialect = dialect(session, options);
                    EntityModel model = Models.inspected(Models.mapped(persister), session, dialect);
                    // In the order every call takes them, the key locks last.
                    lockScope(session, dialect, model, options);
                    // As run does it, before MySQL's named lock: a wait there no deadlock detection sees.
                    if (session instanceof SessionImplementor stateful) {
                        stateful.flush();
                    }
                    tableLock = holdTable(session, dialect, model);
                    if (model.isHistory() || dialect.reporting() == Dialect.Reporting.MERGED_COUNT) {
                        // Chunk after chunk would take key locks in no order another stream shares.
                        session.doWork(connection -> Locks.lock(connection, dialect, Locks.allKeyNames(model.table.displayName())));
                    }
                }
                try {
                    // The second-level cache's cleanup, scheduled once for the whole stream.
                    total = total.plus(run(session, persister, chunk, chunkOptions, done == 0));
                } catch (IllegalArgumentException e) {
                    // Positions in the message count from the chunk's first entity.
                    throw new IllegalArgumentException("In the chunk of streamed entities " + done + " to "
                            + (done + chunk.size() - 1) + (done == 0 ? "" : " (the " + done + " before it were written in"
                            + " this transaction, which should now roll back)") + ": " + e.getMessage(), e);
                }
                // A scope given by conditions is deleted once, before the first chunk is inserted.
                if (options.strategy() == Strategy.DELETE_THEN_INSERT && options.deletesScope()) {
                    chunkOptions = options.toBuilder().strategy(Strategy.UPSERT).scope(null).build();
                }
                done += chunk.size();
                long now = System.nanoTime();
                double rate = done / Math.max(1e-9, (now - started) / 1e9);
                if (options.progress() != null) {
                    options.progress().onChunk(done, rate, total);
                }
                if (now - lastLog > PROGRESS_LOG_NANOS) {
                    LOG.info("upsertAll of {}: {} rows done, {} rows/s, {}", persister.getEntityName(), done, Math.round(rate), total);
                    lastLog = now;
                }
            }
        } catch (Throwable failure) {
            release(session, tableLock, failure);
            throw failure;
        }
        release(session, tableLock, null);
        return total;
    }

    private static final long PROGRESS_LOG_NANOS = 10_000_000_000L;

    /** @param cleanup whether to schedule the cleanup of cached entities and queries after the transaction */
    private static UpsertResult run(SharedSessionContractImplementor session, EntityPersister persister,
                                    List<Object> passed, UpsertOptions options, boolean cleanup) {
        // A proxy's own fields are empty: its values, and the ids written back, are its target's.
        List<Object> entities = passed.stream().anyMatch(e -> e instanceof org.hibernate.proxy.HibernateProxy)
                ? passed.stream().map(Hibernate::unproxy).toList() : passed;
        // The input is checked (null keys, duplicates, options, scope, the live table's limits) before
        // the session writes anything.
        EntityModel mapped = Models.mapped(persister);
        Table callTable = mapped.tableFor(options);
        Scope scope = options.effectiveScope();
        mapped.scoped(options, session);
        Object version = mapped.seedVersion(session);
        List<Object[]> values = new ArrayList<>(entities.size());
        for (int position = 0; position < entities.size(); position++) {
            values.add(mapped.values(entities.get(position), position, version, false, session));
        }
        Object now = null;
        if (mapped.isHistory()) {
            if (options.strategy() != Strategy.UPSERT && options.strategy() != Strategy.SYNC) {
                throw new IllegalArgumentException(persister.getEntityName() + " keeps versioned history: it takes the"
                        + " UPSERT and SYNC strategies, not " + options.strategy());
            }
            mapped.historyColumns();
            now = mapped.now(session);
            for (Object[] row : values) {
                mapped.openVersion(row, now);
            }
        }
        EntityModel model = Models.inspected(mapped, session, dialect(session, options));
        // Checked against the live table's lengths and digits, and fitted to them as the columns will
        // keep them: natural keys too, before the rows are keyed, so that two values a column keeps
        // alike are one key, as they are to the database.
        java.time.ZoneId gapZone = EntityModel.gapZone();
        for (int position = 0; position < values.size(); position++) {
            model.fitLimits(values.get(position), position, gapZone);
        }
        // The values of the entity's further tables, checked too before anything is written.
        List<List<Object[]>> furtherValues = new ArrayList<>(model.further.size());
        for (EntityModel other : model.further) {
            List<Object[]> byPosition = new ArrayList<>(entities.size());
            for (int position = 0; position < entities.size(); position++) {
                Object[] row = other.values(entities.get(position), position, version, false, session);
                other.fitLimits(row, position, gapZone);
                byPosition.add(row);
            }
            furtherValues.add(byPosition);
        }
        // With the call's merge policies: a repeated key's increments (ADD) add up.
        List<Row> rows = InputRows.prepare(callTable, entities, values, options.duplicateKeyPolicy());
        model.requireKeysApart(() -> rows.stream().map(Row::key).iterator());
        if (model.foldsKeys()) {
            // In the order the table keeps its keys, as writers of one row in two spellings lock it.
            Map<Row, Key> folded = new IdentityHashMap<>(rows.size() * 2);
            rows.forEach(row -> folded.put(row, model.compared(row.key())));
            rows.sort((a, b) -> InputRows.compareKeys(folded.get(a), folded.get(b)));
        }

        SessionImplementor stateful = session instanceof SessionImplementor s ? s : null;
        Table table = model.tableFor(options);
        if (stateful != null && table.columns().stream().anyMatch(c -> c.merge() == dev.upsert.MergePolicy.ADD)) {
            for (int position = 0; position < entities.size(); position++) {
                if (stateful.contains(entities.get(position))) {
                    // The session's flush writes its value, which the call would then add again.
                    throw new IllegalArgumentException("The entity at position " + position + " is managed by the session,"
                            + " and " + model.entityName() + " has attributes that add up (ADD): its flush would write its"
                            + " values, which the upsert would then add again. Pass new instances carrying the increments."
                            + " Nothing was written.");
                }
            }
        }
        Dialect dialect = dialect(session, options);
        Deletions deletions = new Deletions(dialect, model.table, model.handlers(session), model.furtherDeletions());
        EntityModel.Scoped scoped = model.scoped(options, session);
        List<Filter> filters = scoped.filters();
        List<Object> filterValues = scoped.values();

        Locks.Held tableLock = null;
        try {
            lockScope(session, dialect, model, options);
            // After the scope lock, so that the flush's writes wait for a scoped call of the table, as
            // the upsert's do; before MySQL's named lock, a wait no deadlock detection sees.
            if (stateful != null) {
                stateful.flush();
            }
            tableLock = holdTable(session, dialect, model);
            if (options.strategy() == Strategy.SYNC && dialect.lockHashes() == null) {
                // Waits for the previous sync's transaction to commit, and reads what it wrote.
                session.doWork(connection -> deletions.keys(connection, filters, filterValues, true));
            }
            long deleted = 0;
            List<Key> removed = List.of();
            if (options.strategy() == Strategy.DELETE_THEN_INSERT) {
                List<Key> batchKeys = rows.stream().map(Row::key).toList();
                // Their rows come back with new ids: the session's managed instances of them leave it,
                // passed ones too (before their new ids are written into them), the others untouched.
                if (stateful != null && managesAny(stateful, model)) {
                    Set<Key> replaced = new HashSet<>();
                    batchKeys.forEach(key -> replaced.add(model.compared(key)));
                    if (!scope.byBatchKeys()) {
                        session.doReturningWork(connection -> deletions.keys(connection, filters, filterValues))
                                .forEach(key -> replaced.add(model.compared(key)));
                    }
                    detachManaged(stateful, model, table, replaced);
                }
                if (model.softDeletes() && !scope.byBatchKeys()) {
                    // A soft-deleted entity's scope is marked, as Hibernate deletes it; only the batch's
                    // own keys' rows go for good, to be written again.
                    Set<Key> batch = new HashSet<>();
                    batchKeys.forEach(key -> batch.add(model.compared(key)));
                    long marked = sync(session, model, dialect, deletions, filters, filterValues, batch).count();
                    // Those of the scope, and live: a marked one is revived by the write, as an upsert revives it.
                    List<Filter> live = new ArrayList<>(filters);
                    List<Object> liveValues = new ArrayList<>(filterValues);
                    live.add(model.liveFilter());
                    liveValues.add(model.liveValue());
                    deleted = marked + session.doReturningWork(connection -> deletions.delete(connection, batchKeys, live, liveValues));
                } else {
                    deleted = session.doReturningWork(connection -> scope.byBatchKeys()
                            ? deletions.delete(connection, batchKeys) : deletions.delete(connection, filters, filterValues));
                }
            }
            if (dialect.matchesAnyUniqueKey() && model.assignedIdColumns().length > 0) {
                boolean deletedFirst = options.strategy() == Strategy.DELETE_THEN_INSERT;
                session.doWork(connection -> refuseHeldIds(connection, dialect, model, table, rows, session, deletedFirst));
            }
            UpsertExecutor.Written written;
            List<Runnable> writeBacks = new ArrayList<>();
            if (model.isHistory()) {
                HistoryExecutor history = new HistoryExecutor(dialect, model.table, model.handlers(session), model.historyColumns(),
                        model::compared);
                Object opened = now;
                written = session.doReturningWork(connection ->
                        history.write(connection, rows, opened, model.flag(true), model.flag(false), options.chunkSize()));
            } else {
                if (model.spansTables() && dialect.lockHashes() == null && dialect.lockName() == null) {
                    // A change in a further table rewrites its main row in a second pass (its version):
                    // the main rows are locked first, all of them in key order, so that two writers of
                    // overlapping keys never each hold one that the other's second pass needs.
                    session.doWork(connection -> deletions.lockPresent(connection, rows.stream().map(Row::key).toList()));
                }
                UpsertExecutor executor = new UpsertExecutor(dialect, table, model.handlers(session),
                        model.foldsKeys() ? model::compared : null, model.spansTables());
                written = session.doReturningWork(connection ->
                        executor.execute(connection, rows, options.skipUnchanged(), options.chunkSize()));
                if (model.spansTables()) {
                    written = FurtherTables.write(session, model, dialect, options, executor, rows, values, furtherValues, written,
                            writeBacks);
                }
            }
            if (options.strategy() == Strategy.SYNC) {
                Set<Key> batch = new HashSet<>();
                rows.forEach(row -> batch.add(model.compared(row.key())));
                Vanished vanished = model.isHistory() ? closeVanished(session, model, dialect, filters, filterValues, batch, now)
                        : sync(session, model, dialect, deletions, filters, filterValues, batch);
                removed = vanished.keys();
                deleted = vanished.count();
            }

            for (RowResult result : written.rows()) {
                if (result.returned() != null) {
                    for (Object entity : result.row().sources()) {
                        model.writeBack(entity, result.returned(), session);
                    }
                }
            }
            writeBacks.forEach(Runnable::run);
            if (stateful != null && options.strategy() != Strategy.DELETE_THEN_INSERT
                    && stateful.getPersistenceContextInternal().getNumberOfManagedEntities() > 0) {
                Set<Key> gone = new HashSet<>();
                removed.forEach(key -> gone.add(model.compared(key)));
                refreshManaged(stateful, model, table, entities, written.rows(), gone);
            }
            if (cleanup) {
                BulkOperationCleanupAction.schedule(session, persister);
            }
            UpsertResult result = written.result().plus(new UpsertResult(0, 0, 0, deleted));
            LOG.debug("{} of {} {}: {}", options.strategy(), entities.size(), persister.getEntityName(), result);
            release(session, tableLock, null);
            return result;
        } catch (Throwable failure) {
            release(session, tableLock, failure);
            throw failure;
        }
    }

    /**
     * Where the statement matches a row by any unique key (MySQL's ON DUPLICATE KEY UPDATE), a key
     * whose assigned identifier is another key's row's would update that row: refused before
     * anything is written (but a DELETE_THEN_INSERT's deletes, which can free an identifier). A
     * locking read, so that no other transaction gives that identifier to a row meanwhile.
     */
    private static void refuseHeldIds(Connection connection, Dialect dialect, EntityModel model, Table table,
                                      List<Row> rows, SharedSessionContractImplementor session, boolean deletedFirst)
            throws SQLException {
        int[] ids = model.assignedIdColumns();
        List<ValueHandler> handlers = model.handlers(session);
        List<Column> byId = new ArrayList<>();
        java.util.stream.IntStream.of(ids).forEach(i -> byId.add(table.columns().get(i).withRole(Column.Role.KEY)));
        Table idKeyed = new Table(table.entity(), table.schema(), table.name(), byId);
        List<Column> read = new ArrayList<>(byId);
        List<Column> keys = table.keys();
        read.addAll(keys);
        int[] keyColumns = keys.stream().mapToInt(table.columns()::indexOf).toArray();
        int perStatement = Math.max(1, Math.min(1_000, dialect.maxParameters() / ids.length - 2));
        for (int from = 0; from < rows.size(); from += perStatement) {
            List<Row> chunk = rows.subList(from, Math.min(rows.size(), from + perStatement));
            Map<Key, Key> keyById = new HashMap<>();
            try (PreparedStatement select = connection.prepareStatement(
                    dialect.selectByKeys(idKeyed, read, List.of(), chunk.size(), true))) {
                int index = 1;
                for (Row row : chunk) {
                    List<Object> id = new ArrayList<>();
                    for (int i : ids) {
                        handlers.get(i).bind(select, index++, row.values()[i]);
                        id.add(row.values()[i]);
                    }
                    keyById.put(new Key(id), model.compared(row.key()));
                }
                try (ResultSet stored = select.executeQuery()) {
                    while (stored.next()) {
                        List<Object> id = new ArrayList<>();
                        for (int c = 0; c < ids.length; c++) {
                            id.add(handlers.get(ids[c]).extract(stored, c + 1));
                        }
                        List<Object> key = new ArrayList<>();
                        for (int k = 0; k < keyColumns.length; k++) {
                            key.add(handlers.get(keyColumns[k]).extract(stored, ids.length + k + 1));
                        }
                        Key sent = keyById.get(new Key(id));
                        if (sent != null && !model.compared(new Key(key)).equals(sent)) {
                            StringJoiner named = new StringJoiner(", ", "(", ")");
                            for (int c = 0; c < ids.length; c++) {
                                named.add(table.columns().get(ids[c]).attribute() + " " + id.get(c));
                            }
                            throw new IllegalArgumentException("The identifier " + named + " that " + model.entityName()
                                    + " with key " + sent.values() + " carries is that of the stored row with key " + key
                                    + " in " + table.displayName() + ": ON DUPLICATE KEY UPDATE would update that row. Give each"
                                    + " key its own identifier. " + (deletedFirst ? "The call's deletes ran before this was"
                                    + " found: roll back its transaction (the call rolls back one it began)." : "Nothing was written."));
                        }
                    }
                }
            }
        }
    }

    /** The dialect the options name, or the one chosen from the session factory's. */
    private static Dialect dialect(SharedSessionContractImplementor session, UpsertOptions options) {
        return options.dialect() != null ? options.dialect() : Models.dialect(session.getFactory());
    }

    /** Releases a lock held for the call; a failure to release joins the call's own failure, if any. */
    private static void release(SharedSessionContractImplementor session, Locks.Held lock, Throwable failure) {
        if (lock == null) {
            return;
        }
        try {
            session.doWork(lock::release);
        } catch (RuntimeException e) {
            if (failure == null) {
                throw e;
            }
            failure.addSuppressed(e);
        }
    }

    /**
     * MySQL and MariaDB: writers of one table take turns, each holding a named lock for the length
     * of its call. InnoDB's gap locks would otherwise deadlock writers inserting new keys near
     * each other: both lock a gap with their locking read, then each waits for the other to
     * insert into it. A writer let in reads, with its locking reads, what the previous one wrote:
     * its row locks last until it commits. Null elsewhere.
     */
    private static Locks.Held holdTable(SharedSessionContractImplementor session, Dialect dialect, EntityModel model) {
        return session.doReturningWork(connection -> Locks.hold(connection, dialect, model.table.displayName() + "\u0000writers"));
    }

    /**
     * A SYNC or DELETE_THEN_INSERT writes its batch and deletes in two passes, each in key order,
     * so that a writer of overlapping keys between them could hold a row one pass needs while it
     * waits for a row the other took. On PostgreSQL such a call takes an advisory lock on the table
     * until its transaction ends, which every other call takes shared, also to the end of its
     * transaction (a lock held past the call could not be released where a failed statement has
     * aborted the transaction): a scoped call and another writer of the table take turns.
     * Elsewhere MySQL and MariaDB writers take turns anyway (see holdTable).
     */
    private static void lockScope(SharedSessionContractImplementor session, Dialect dialect, EntityModel model,
                                  UpsertOptions options) {
        List<String> name = List.of(model.table.displayName() + "\u0000sync");
        session.doWork(connection -> {
            if (options.strategy().deletes()) {
                Locks.lock(connection, dialect, name);
            } else {
                Locks.lockShared(connection, dialect, name);
            }
        });
    }

    /** The keys a sync found vanished, and how many rows its statements deleted, marked or closed. */
    private record Vanished(List<Key> keys, long count) {
    }

    /** Closes the current versions in scope whose keys the batch lacks. */
    private static Vanished closeVanished(SharedSessionContractImplementor session, EntityModel model, Dialect dialect,
                                           List<Filter> filters, List<Object> filterValues, Set<Key> batch, Object now) {
        HistoryExecutor.Columns columns = model.historyColumns();
        List<Filter> current = new ArrayList<>(filters);
        List<Object> currentValues = new ArrayList<>(filterValues);
        current.add(new Filter(columns.current(), Scope.Operator.EQ));
        currentValues.add(model.flag(true));
        Deletions deletions = new Deletions(dialect, model.table, model.handlers(session));
        HistoryExecutor history = new HistoryExecutor(dialect, model.table, model.handlers(session), columns, model::compared);
        return session.doReturningWork(connection -> {
            List<Key> absent = Deletions.absent(deletions.keys(connection, current, currentValues, dialect.locksFreshReads()),
                    batch, model::compared);
            return new Vanished(absent, history.close(connection, absent, now, model.flag(true), model.flag(false)));
        });
    }

    /** Deletes, or marks deleted, the rows in scope whose keys the batch lacks. */
    private static Vanished sync(SharedSessionContractImplementor session, EntityModel model, Dialect dialect, Deletions deletions,
                                  List<Filter> filters, List<Object> filterValues, Set<Key> batch) {
        List<Filter> live = new ArrayList<>(filters);
        List<Object> liveValues = new ArrayList<>(filterValues);
        if (model.softDeletes()) {
            live.add(model.liveFilter());
            liveValues.add(model.liveValue());
        }
        return session.doReturningWork(connection -> {
            List<Key> absent = Deletions.absent(deletions.keys(connection, live, liveValues, dialect.locksFreshReads()),
                    batch, model::compared);
            return new Vanished(absent, model.softDeletes()
                    ? deletions.softDelete(connection, absent, model.liveFilter(), model.liveValue(), model.deletedValue(session))
                    : deletions.delete(connection, absent));
        });
    }

    /**
     * Managed instances of rewritten keys would show the old values: reload them; those of
     * deleted rows leave the session. Keys as the table compares them, in {@code removed} too.
     */
    private static void refreshManaged(SessionImplementor session, EntityModel model, Table table, List<Object> passed,
                                       List<RowResult> written, Set<Key> removed) {
        Set<Key> changed = new HashSet<>();
        for (RowResult result : written) {
            if (result.status() != RowResult.Status.UNCHANGED) {
                changed.add(model.compared(result.row().key()));
            }
        }
        if (changed.isEmpty() && removed.isEmpty()) {
            return;
        }
        Set<Object> passedIdentity = Collections.newSetFromMap(new IdentityHashMap<>());
        passedIdentity.addAll(passed);
        for (Map.Entry<Object, EntityEntry> entry : session.getPersistenceContextInternal().reentrantSafeEntityEntries()) {
            Object managed = entry.getKey();
            // Passed ones too: what was written back leaves their entries' state behind, which the
            // flush would take for a change (a version, a merged value, a duplicate that lost).
            if (entry.getValue().getPersister() != model.persister) {
                continue;
            }
            Object[] values = model.values(managed, -1, null, true, session);
            try {
                model.fitLimits(values, -1);
            } catch (IllegalArgumentException cannotBeStored) {
                continue;
            }
            Key key = model.compared(Key.of(table, values));
            if (removed.contains(key) && (!model.softDeletes() || model.hidesDeleted()) && !model.isHistory()) {
                session.detach(managed);
            } else if (model.isHistory() && changed.contains(key) && passedIdentity.contains(managed)) {
                // It was given the id of the key's new version, another row than its entry's.
                session.detach(managed);
            } else if (changed.contains(key) || removed.contains(key)) {
                try {
                    session.refresh(managed);
                } catch (org.hibernate.UnresolvableObjectException restricted) {
                    // Its row is no longer one Hibernate loads (an @SQLRestriction on the mark, say).
                    session.detach(managed);
                }
            }
        }
    }

    private static boolean managesAny(SessionImplementor session, EntityModel model) {
        for (Map.Entry<Object, EntityEntry> entry : session.getPersistenceContextInternal().reentrantSafeEntityEntries()) {
            if (entry.getValue().getPersister() == model.persister) {
                return true;
            }
        }
        return false;
    }

    /** Detaches the session's managed instances of the entity whose keys, as the table compares them, are these. */
    private static void detachManaged(SessionImplementor session, EntityModel model, Table table, Set<Key> keys) {
        List<Object> leaving = new ArrayList<>();
        for (Map.Entry<Object, EntityEntry> entry : session.getPersistenceContextInternal().reentrantSafeEntityEntries()) {
            if (entry.getValue().getPersister() != model.persister) {
                continue;
            }
            Object[] values = model.values(entry.getKey(), -1, null, true, session);
            try {
                model.fitLimits(values, -1);
            } catch (IllegalArgumentException cannotBeStored) {
                continue;
            }
            if (keys.contains(model.compared(Key.of(table, values)))) {
                leaving.add(entry.getKey());
            }
        }
        leaving.forEach(session::detach);
    }

    /** A scope of the batch's subtype, where the call declared a wider type, would not be the scope the caller named. */
    private static void refuseNarrowedScope(Class<?> declared, EntityPersister persister, UpsertOptions options) {
        if (declared != null && declared != persister.getMappedClass() && options.strategy().deletes()) {
            throw new IllegalArgumentException("A " + options.strategy() + " of " + declared.getName() + " got entities of its"
                    + " type " + persister.getMappedClass().getName() + " alone, whose rows would be its scope, not all of "
                    + declared.getSimpleName() + "'s: call upsertAll(" + persister.getMappedClass().getSimpleName()
                    + ".class, ...) for that scope. Nothing was written.");
        }
    }

    /**
     * The entity type of the call: the entities' one class, which may be a subtype of the declared
     * one (a repository of a hierarchy's root upserting one of its types); the declared one for an
     * empty batch.
     */
    private static EntityPersister persister(SharedSessionContractImplementor session, Class<?> declared, List<Object> entities) {
        Class<?> type = null;
        for (int i = 0; i < entities.size(); i++) {
            Object entity = entities.get(i);
            if (entity == null) {
                throw new IllegalArgumentException("upsertAll got a null element at position " + i);
            }
            Class<?> c = entity.getClass() == type ? type : Hibernate.getClass(entity);
            if (type == null) {
                type = c;
            } else if (c != type) {
                Set<String> types = new TreeSet<>();
                entities.forEach(e -> types.add(Hibernate.getClass(e).getName()));
                throw new IllegalArgumentException("upsertAll takes entities of one type per call, got " + types
                        + ": call it once per entity type.");
            }
        }
        if (type != null && declared != null && !declared.isAssignableFrom(type)) {
            throw new IllegalArgumentException("upsertAll of " + declared.getName() + " got entities of " + type.getName()
                    + ", which is not one of its types.");
        }
        return session.getFactory().getMappingMetamodel().getEntityDescriptor(type != null ? type : declared);
    }
}
