package dev.upsert.jdbc;

import dev.upsert.UpsertResult;
import dev.upsert.dialect.Column;
import dev.upsert.dialect.Dialect;
import dev.upsert.dialect.Table;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.FutureTask;

/**
 * Runs an upsert over JDBC, chunk by chunk, on the caller's connection and transaction. Never
 * commits, rolls back or changes the connection's settings.
 */
public final class UpsertExecutor {

    private static final Logger LOG = LoggerFactory.getLogger(UpsertExecutor.class);

    private final Dialect dialect;
    private final Table table;
    private final List<ValueHandler> handlers;
    private final int[] bound;
    private final int[] keys;
    private final Layout results;
    /** The result columns plus the compared ones: what tells an updated row from an unchanged one. */
    private final Layout probe;
    /** Where each result column stands in a probe row. */
    private final int[] resultsInProbe;
    /** A natural key as the table compares it. */
    private final java.util.function.UnaryOperator<Key> compared;
    /** Whether keys compare otherwise than in Java. */
    private final boolean folds;
    /** Whether each row's outcome is to be told, where the statement reports counts only (MERGE). */
    private final boolean rowOutcomes;

    /** Columns read back, with their handlers and where the key stands among them, worked out once. */
    private record Layout(List<Column> columns, ValueHandler[] handlers, int[] keys) {
        int size() {
            return columns.size();
        }
    }

    /**
     * @param handlers one per {@link Table#columns()} column, in the same order
     */
    public UpsertExecutor(Dialect dialect, Table table, List<ValueHandler> handlers) {
        this(dialect, table, handlers, null, false);
    }

    /**
     * @param handlers    one per {@link Table#columns()} column, in the same order
     * @param compared    a natural key as the table compares it (text folded by its collation), so
     *                    that a stored key the table takes as a sent one is matched to it; null where
     *                    keys compare as in Java
     * @param rowOutcomes whether each row is to be reported updated or unchanged where the
     *                    database counts a whole statement only ({@code MERGE}): its rows are then
     *                    read before and after it, and compared; otherwise such rows are
     *                    {@link RowResult.Status#MATCHED}
     */
    public UpsertExecutor(Dialect dialect, Table table, List<ValueHandler> handlers,
                          java.util.function.UnaryOperator<Key> compared, boolean rowOutcomes) {
        this.rowOutcomes = rowOutcomes;
        this.folds = compared != null;
        this.compared = compared != null ? compared : java.util.function.UnaryOperator.identity();
        if (handlers.size() != table.columns().size()) {
            throw new IllegalArgumentException("one handler per column: " + handlers.size() + " for "
                    + table.columns().size() + " columns");
        }
        this.dialect = dialect;
        this.table = table;
        this.handlers = List.copyOf(handlers);
        this.bound = indexes(table.bound());
        this.keys = InputRows.keyIndexes(table);
        List<Column> resultColumns = table.results();
        this.results = layout(resultColumns);
        this.probe = layout(table.columns().stream()
                .filter(c -> resultColumns.contains(c) || c.compared() || c.updated()).toList());
        this.resultsInProbe = resultColumns.stream().mapToInt(probe.columns()::indexOf).toArray();
    }

    private Layout layout(List<Column> columns) {
        ValueHandler[] columnHandlers = columns.stream().map(c -> handlers.get(table.columns().indexOf(c)))
                .toArray(ValueHandler[]::new);
        return new Layout(columns, columnHandlers, table.keys().stream().mapToInt(columns::indexOf).toArray());
    }

    /** What a call wrote: counts and one result per row, in row order. */
    public record Written(UpsertResult result, List<RowResult> rows) {
    }

    public Written execute(Connection connection, List<Row> rows, boolean skipUnchanged, int chunkSize)
            throws SQLException {
        // Whole columns as arrays where the database takes them and every value of a chunk fits
        // one: one statement text for any number of rows, and no parameter limit. A chunk with a
        // value that does not fit is bound value by value, in statements within the limit.
        String arrays = dialect.upsertArrays(table, skipUnchanged);
        int valueByValue = dialect.rowsPerStatement(table, chunkSize);
        List<List<Row>> chunks = split(rows, arrays != null ? chunkSize : valueByValue);
        if (dialect.reporting() == Dialect.Reporting.MERGED_COUNT) {
            // MERGE does not wait for a concurrent insert of the same key, and its counts rest on
            // a read of the present keys just before it: where the database has named locks,
            // writers of the same keys take turns, so both hold (PostgreSQL MERGE).
            Locks.lockKeys(connection, dialect, table, rows, compared);
        }
        List<RowResult> outcomes = new ArrayList<>(rows.size());
        UpsertResult total;
        try (Statements statements = new Statements(connection, skipUnchanged)) {
            total = switch (dialect.reporting()) {
                case RETURNING -> returning(connection, statements, chunks, arrays, valueByValue, outcomes);
                case MERGED_COUNT -> each(chunks, chunk -> {
                    Object[] parameters = arrays == null ? null : encode(chunk, bound);
                    return parameters != null ? merged(connection, statements, chunk, arrays, parameters, outcomes)
                            : each(split(chunk, valueByValue), part -> merged(connection, statements, part, null, null, outcomes));
                });
                case DUPLICATE_KEY_COUNT -> {
                    long[] budget = {-1};
                    yield each(chunks, chunk -> each(byBytes(connection, chunk, budget),
                            part -> duplicateKey(connection, statements, part, outcomes)));
                }
                case SEPARATE_STATEMENTS -> each(chunks, chunk -> separate(connection, statements, chunk, outcomes));
            };
        }
        LOG.debug("Upserted {} rows into {} ({}): {}", rows.size(), table.displayName(), dialect.name(), total);
        return new Written(total, outcomes);
    }

    /** Below this many bytes of values, a statement is not measured against the server's limit. */
    private static final long SMALL_STATEMENT = 1 << 20;

    /**
     * Consecutive parts of a chunk whose values, as a statement's text carries them at most, fit
     * what the server takes in one statement ({@link Dialect#maxStatementBytesQuery}, read once a
     * call, and only for a chunk that is not small); a row larger than that alone.
     *
     * @param budget the most bytes of values a statement may carry, once read; -1 before
     */
    private List<List<Row>> byBytes(Connection connection, List<Row> rows, long[] budget) throws SQLException {
        if (dialect.maxStatementBytesQuery() == null) {
            return List.of(rows);
        }
        long[] sizes = new long[rows.size()];
        long total = 0;
        for (int r = 0; r < sizes.length; r++) {
            for (int column : bound) {
                sizes[r] += textBytes(handlers.get(column), rows.get(r).values()[column]);
            }
            total += sizes[r];
        }
        if (total <= SMALL_STATEMENT) {
            return List.of(rows);
        }
        if (budget[0] < 0) {
            try (java.sql.Statement statement = connection.createStatement();
                 ResultSet rs = statement.executeQuery(dialect.maxStatementBytesQuery())) {
                long packet = rs.next() ? rs.getLong(1) : 0;
                // What the statement's own text adds beside the values.
                budget[0] = packet <= 0 ? Long.MAX_VALUE : Math.max(packet / 2, packet - SMALL_STATEMENT);
            }
        }
        List<List<Row>> parts = new ArrayList<>();
        int from = 0;
        long bytes = 0;
        for (int r = 0; r < sizes.length; r++) {
            if (r > from && bytes + sizes[r] > budget[0]) {
                parts.add(rows.subList(from, r));
                from = r;
                bytes = 0;
            }
            bytes += sizes[r];
        }
        parts.add(rows.subList(from, rows.size()));
        if (parts.size() > 1) {
            LOG.debug("{} rows of {} sent in {} statements, each within {} bytes", rows.size(), table.displayName(),
                    parts.size(), budget[0]);
        }
        return parts;
    }

    /**
     * The most bytes a value takes in a statement's text: 3 a char (UTF-8, quotes escaped), 2 a
     * byte; of another object (JSON of a map or a class, say), what its binder sends, else its
     * elements or its own text.
     */
    private static long textBytes(ValueHandler handler, Object value) {
        if (value == null || value instanceof Number || value instanceof Boolean || value instanceof java.time.temporal.Temporal
                || value instanceof java.util.Date || value instanceof java.util.UUID || value instanceof Enum<?>) {
            return 32;
        }
        if (value instanceof String text) {
            return 3L * text.length() + 4;
        }
        if (value instanceof byte[] binary) {
            return 2L * binary.length + 12;
        }
        if (value instanceof char[] chars) {
            return 3L * chars.length + 4;
        }
        try {
            if (value instanceof java.sql.Blob blob) {
                return 2 * blob.length() + 12;
            }
            if (value instanceof java.sql.Clob clob) {
                return 3 * clob.length() + 4;
            }
        } catch (SQLException unknown) {
            return 32;
        }
        if (value instanceof Object[] || value instanceof java.util.Collection<?>) {
            long bytes = 4;
            for (Object element : value instanceof Object[] array ? java.util.Arrays.asList(array) : (java.util.Collection<?>) value) {
                bytes += textBytes(ValueHandler.OBJECT, element);
            }
            return bytes;
        }
        // Another object (JSON of a map or a class): as its binder sends it, else as long as its own text.
        Object sent = handler.sent(value);
        return sent instanceof String || sent instanceof byte[] ? textBytes(ValueHandler.OBJECT, sent)
                : 3L * String.valueOf(value).length() + 4;
    }

    /** Waits for the worker's task in hand to end, keeping an interrupt of the caller for after. */
    private static void awaitEnd(java.util.concurrent.ExecutorService worker) {
        boolean interrupted = false;
        while (true) {
            try {
                if (worker.awaitTermination(1, java.util.concurrent.TimeUnit.MINUTES)) {
                    break;
                }
                LOG.warn("The upsert's worker thread is still busy a minute after the call failed");
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    private static List<List<Row>> split(List<Row> rows, int size) {
        List<List<Row>> parts = new ArrayList<>();
        for (int from = 0; from < rows.size(); from += size) {
            parts.add(rows.subList(from, Math.min(rows.size(), from + size)));
        }
        return parts;
    }

    private interface ChunkWriter {
        UpsertResult write(List<Row> chunk) throws SQLException;
    }

    private static UpsertResult each(List<List<Row>> chunks, ChunkWriter writer) throws SQLException {
        UpsertResult total = UpsertResult.EMPTY;
        for (List<Row> chunk : chunks) {
            total = total.plus(writer.write(chunk));
        }
        return total;
    }

    /** The rows a statement returned, as read, before they are matched to the input. */
    private record Returned(List<Object[]> values, BitSet inserted) {
    }

    /**
     * The statement returns each row it wrote, with a flag for inserts; the rest were unchanged,
     * and are read back after the last chunk. The calling thread binds, runs and reads; a worker
     * thread builds the next chunk's array parameters and matches the previous chunk's returned
     * rows to the input, so that client and database work at the same time. The worker never
     * touches the connection.
     *
     * @param arrays       the array-bound upsert, or null to bind the rows one by one
     * @param valueByValue rows per statement of a chunk bound value by value
     */
    private UpsertResult returning(Connection connection, Statements statements, List<List<Row>> chunks, String arrays,
                                   int valueByValue, List<RowResult> outcomes) throws SQLException {
        List<Integer> unreported = new ArrayList<>();
        UpsertResult total = UpsertResult.EMPTY;
        List<Future<UpsertResult>> matching = new ArrayList<>();
        ExecutorService worker = chunks.size() < 2 ? null : Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "upsert " + table.displayName());
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<Object[]> encoded = arrays == null ? null : submit(worker, () -> encode(chunks.get(0), bound));
            for (int c = 0; c < chunks.size(); c++) {
                Object[] parameters = arrays == null ? null : await(encoded);
                if (arrays != null && c + 1 < chunks.size()) {
                    List<Row> next = chunks.get(c + 1);
                    encoded = submit(worker, () -> encode(next, bound));
                }
                for (List<Row> part : parameters != null ? List.of(chunks.get(c)) : split(chunks.get(c), valueByValue)) {
                    PreparedStatement upsert = parameters != null ? statements.bindArrays(arrays, parameters)
                            : statements.upsert(part);
                    // The previous statement's rows are matched while this one runs; those before
                    // must be done, so that a failure to match stops the call a statement later.
                    while (matching.size() > 1) {
                        total = total.plus(await(matching.remove(0)));
                    }
                    Returned returned = run(upsert);
                    matching.add(submit(worker, () -> match(returned, part, outcomes, unreported)));
                }
            }
            for (Future<UpsertResult> matched : matching) {
                total = total.plus(await(matched));
            }
        } catch (SQLException | RuntimeException failure) {
            // The worker's task in hand ends before the call does (it ignores an interrupt), so that
            // nothing runs on once the caller rolls back or runs the call again.
            if (worker != null) {
                worker.shutdownNow();
                awaitEnd(worker);
            }
            // A statement that failed after a chunk that could not be matched: report both.
            for (Future<UpsertResult> matched : matching) {
                Throwable unmatched = matched.isDone() ? failure(matched) : null;
                if (unmatched != null && unmatched != failure) {
                    failure.addSuppressed(unmatched);
                }
            }
            throw failure;
        } finally {
            if (worker != null) {
                worker.shutdownNow();
            }
        }
        readUnchanged(connection, outcomes, unreported);
        return total;
    }

    private Returned run(PreparedStatement upsert) throws SQLException {
        List<Object[]> values = new ArrayList<>();
        BitSet inserted = new BitSet();
        try (ResultSet rs = upsert.executeQuery()) {
            int flag = results.size() + 1;
            while (rs.next()) {
                inserted.set(values.size(), rs.getBoolean(flag));
                values.add(read(rs, results));
            }
        }
        return new Returned(values, inserted);
    }

    /**
     * Each returned row's input row by key; positions in {@code outcomes} of the rows not
     * returned go to {@code unreported}.
     */
    private UpsertResult match(Returned returned, List<Row> chunk, List<RowResult> outcomes, List<Integer> unreported) {
        int[] at = positions(returned.values(), results.keys(), chunk, compared);
        RowResult[] outcome = new RowResult[chunk.size()];
        for (int i = 0; i < at.length; i++) {
            if (at[i] < 0) {
                throw notSent(table, Key.of(returned.values().get(i), results.keys()));
            }
            Row row = chunk.get(at[i]);
            Object[] values = returned.values().get(i);
            // The input's own key values: the copies read back would stay in memory for the whole call.
            for (int k = 0; k < keys.length; k++) {
                values[results.keys()[k]] = row.values()[keys[k]];
            }
            outcome[at[i]] = new RowResult(row, returned.inserted().get(i) ? RowResult.Status.INSERTED
                    : RowResult.Status.UPDATED, values);
        }
        for (int r = 0; r < outcome.length; r++) {
            if (outcome[r] == null) {
                unreported.add(outcomes.size());
                outcome[r] = new RowResult(chunk.get(r), RowResult.Status.UNCHANGED, null);
            }
            outcomes.add(outcome[r]);
        }
        long inserted = returned.inserted().cardinality();
        return new UpsertResult(inserted, at.length - inserted, chunk.size() - at.length, 0);
    }

    /**
     * Where each returned row stands in the chunk, -1 for a key the chunk did not send. The
     * statement writes rows in input order and returns them as it writes them, skipping the
     * unchanged ones, so walking both in order finds them without a hash table; where that does
     * not hold, they are looked up by key.
     *
     * @param keyPositions where the natural key stands in a returned row
     */
    static int[] positions(List<Object[]> returned, int[] keyPositions, List<Row> chunk) {
        return positions(returned, keyPositions, chunk, java.util.function.UnaryOperator.identity());
    }

    /** As {@link #positions(List, int[], List)}, keys looked up as the table compares them. */
    static int[] positions(List<Object[]> returned, int[] keyPositions, List<Row> chunk,
                           java.util.function.UnaryOperator<Key> compared) {
        int[] at = new int[returned.size()];
        int cursor = 0;
        for (int i = 0; i < at.length; i++) {
            while (cursor < chunk.size() && !chunk.get(cursor).key().matches(returned.get(i), keyPositions)) {
                cursor++;
            }
            if (cursor == chunk.size()) {
                return positionsByKey(returned, keyPositions, chunk, compared);
            }
            at[i] = cursor++;
        }
        return at;
    }

    private static int[] positionsByKey(List<Object[]> returned, int[] keyPositions, List<Row> chunk,
                                        java.util.function.UnaryOperator<Key> compared) {
        Map<Key, Integer> byKey = new HashMap<>(chunk.size() * 2);
        for (int r = 0; r < chunk.size(); r++) {
            byKey.put(compared.apply(chunk.get(r).key()), r);
        }
        int[] at = new int[returned.size()];
        for (int i = 0; i < at.length; i++) {
            at[i] = byKey.getOrDefault(compared.apply(Key.of(returned.get(i), keyPositions)), -1);
        }
        return at;
    }

    /** The failure of a finished task, or null. */
    private static Throwable failure(Future<?> task) {
        try {
            task.get();
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (InterruptedException | java.util.concurrent.CancellationException e) {
            return null;
        }
    }

    /** Runs the task on the worker, or at once on this thread where there is none. */
    private static <T> Future<T> submit(ExecutorService worker, java.util.concurrent.Callable<T> task) {
        FutureTask<T> future = new FutureTask<>(task);
        if (worker == null) {
            future.run();
        } else {
            worker.execute(future);
        }
        return future;
    }

    /**
     * The task's result, or its failure rethrown. Waits out an interrupt, as the task is short
     * and the connection must not be used under it; the interrupt is kept for the caller.
     */
    private static <T> T await(Future<T> task) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return task.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException failure) {
                        throw failure;
                    }
                    if (e.getCause() instanceof Error failure) {
                        throw failure;
                    }
                    throw new IllegalStateException(e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * The stored values of the rows the upsert left alone, read after all of the call's chunks in
     * statements of their own: their snapshot shows what a concurrent writer committed to these
     * rows while the upsert waited for them, and one read of up to 5,000 keys serves many chunks.
     */
    private void readUnchanged(Connection connection, List<RowResult> outcomes, List<Integer> unreported) throws SQLException {
        if (unreported.isEmpty() || !readBack()) {
            return;
        }
        List<Row> unchanged = unreported.stream().map(i -> outcomes.get(i).row()).toList();
        Map<Key, Object[]> stored = select(connection, unchanged, results, false);
        for (int i : unreported) {
            RowResult result = outcomes.get(i);
            outcomes.set(i, new RowResult(result.row(), result.status(), stored.get(result.row().key())));
        }
    }

    /**
     * The statement reports only how many rows it inserted or updated: the keys present before
     * it, read in the same transaction, tell inserts from updates; with {@code rowOutcomes}, the
     * rows as they were and as they are after it tell each updated row from an unchanged one.
     */
    private UpsertResult merged(Connection connection, Statements statements, List<Row> chunk, String arrays,
                                Object[] parameters, List<RowResult> outcomes) throws SQLException {
        // Locking where no key locks keep writers of these keys apart: on SQL Server its range locks
        // hold an absent key too, so that no one inserts it between this read and the MERGE.
        Map<Key, Object[]> before = select(connection, chunk, rowOutcomes ? probe : results, dialect.lockHashes() == null);
        int written = (arrays == null ? statements.upsert(chunk) : statements.bindArrays(arrays, parameters)).executeUpdate();
        long inserted = chunk.size() - before.size();
        long updated = written - inserted;
        if (updated < 0 || updated > before.size()) {
            throw concurrentChange(written + " rows written where " + inserted + " keys were absent and "
                    + before.size() + " present");
        }
        if (rowOutcomes) {
            // Each row as it was and as it is. A row the database found changed may read back as it
            // was (a value it compares otherwise than Java): more rewritten rows than the statement
            // counts are another transaction's doing.
            long[] counts = classify(chunk, before, select(connection, chunk, probe, false), outcomes);
            long rewritten = statements.skipUnchanged || table.updated().isEmpty() ? counts[1] : counts[1] + counts[2];
            if (rewritten > updated) {
                throw concurrentChange("the statement wrote " + written + " rows where " + inserted + " keys were absent and "
                        + rewritten + " rows read back changed");
            }
            return rewritten(counts, statements.skipUnchanged, outcomes, chunk.size());
        }
        Map<Key, Object[]> stored = readBack() ? select(connection, chunk, results, false) : Map.of();
        for (Row row : chunk) {
            outcomes.add(new RowResult(row, before.containsKey(row.key()) ? RowResult.Status.MATCHED
                    : RowResult.Status.INSERTED, stored.get(row.key())));
        }
        return new UpsertResult(inserted, updated, before.size() - updated, 0);
    }

    /**
     * MySQL's count mixes inserts, updates and rows left alone, so each row's outcome is read from
     * the table: absent before, an insert; present with different values after, an update. The
     * read before is a locking one, so that no other transaction changes or inserts these keys
     * until this one ends; the statement's count then confirms the outcome. Where the statement
     * returns every row (MariaDB), those are the values after, and no second read is needed.
     */
    private UpsertResult duplicateKey(Connection connection, Statements statements, List<Row> chunk,
                                      List<RowResult> outcomes) throws SQLException {
        Map<Key, Object[]> before = select(connection, chunk, probe, true);
        String returning = dialect.returningEveryRow(probe.columns());
        if (returning != null) {
            // Every row as the statement left it, read from the statement itself.
            Map<Key, Object[]> after = new HashMap<>(chunk.size() * 2);
            found(statements.upsert(chunk, returning), chunk, probe, after);
            if (after.size() != chunk.size()) {
                throw concurrentChange("the statement returned " + after.size() + " of the chunk's " + chunk.size() + " rows");
            }
            return rewritten(classify(chunk, before, after, outcomes), statements.skipUnchanged, outcomes, chunk.size());
        }
        long count = statements.upsert(chunk).executeUpdate();
        // Locking again: a plain read could return this transaction's older snapshot of a row left as it was.
        long[] counts = classify(chunk, before, select(connection, chunk, probe, true), outcomes);
        long expected = counts[0] + 2 * counts[1] + (statements.affectedRows() ? 0 : counts[2]);
        if (count != expected) {
            throw concurrentChange("the statement counted " + count + " where " + counts[0] + " inserts, "
                    + counts[1] + " updates and " + counts[2] + " unchanged rows make " + expected);
        }
        return rewritten(counts, statements.skipUnchanged, outcomes, chunk.size());
    }

    /** Without an upsert statement: batched UPDATEs of the keys present, batched INSERTs of the others. */
    private UpsertResult separate(Connection connection, Statements statements, List<Row> chunk,
                                  List<RowResult> outcomes) throws SQLException {
        Map<Key, Object[]> before = select(connection, chunk, probe, false);
        List<Row> present = chunk.stream().filter(r -> before.containsKey(r.key())).toList();
        List<Row> absent = chunk.stream().filter(r -> !before.containsKey(r.key())).toList();
        PreparedStatement update = statements.update();
        if (update != null && !present.isEmpty()) {
            for (Row row : present) {
                bindUpdate(update, row, statements.skipUnchanged);
                update.addBatch();
            }
            update.executeBatch();
        }
        if (!absent.isEmpty()) {
            PreparedStatement insert = statements.insert();
            for (Row row : absent) {
                int index = 1;
                for (int column : bound) {
                    handlers.get(column).bind(insert, index++, row.values()[column]);
                }
                insert.addBatch();
            }
            insert.executeBatch();
        }
        long[] counts = classify(chunk, before, select(connection, chunk, probe, false), outcomes);
        return rewritten(counts, statements.skipUnchanged, outcomes, chunk.size());
    }

    /**
     * Without skipUnchanged every existing row is rewritten, and counts as updated on every
     * database, whether or not its values differed.
     */
    private UpsertResult rewritten(long[] counts, boolean skipUnchanged, List<RowResult> outcomes, int chunkSize) {
        // Nothing to update (INSERT_MISSING, or only insert-only columns): existing rows were left alone.
        if (skipUnchanged || counts[2] == 0 || table.updated().isEmpty()) {
            return new UpsertResult(counts[0], counts[1], counts[2], 0);
        }
        for (int i = outcomes.size() - chunkSize; i < outcomes.size(); i++) {
            RowResult result = outcomes.get(i);
            if (result.status() == RowResult.Status.UNCHANGED) {
                outcomes.set(i, new RowResult(result.row(), RowResult.Status.UPDATED, result.returned()));
            }
        }
        return new UpsertResult(counts[0], counts[1] + counts[2], 0, 0);
    }

    private void bindUpdate(PreparedStatement update, Row row, boolean skipUnchanged) throws SQLException {
        int index = 1;
        List<Column> columns = table.columns();
        // Each merged expression reads the new value incomingUses() times, each a parameter.
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).updated() && columns.get(i).bound() && columns.get(i).role() != Column.Role.VERSION) {
                for (int use = 0; use < columns.get(i).merge().incomingUses(); use++) {
                    handlers.get(i).bind(update, index++, row.values()[i]);
                }
            }
        }
        for (int key : keys) {
            handlers.get(key).bind(update, index++, row.values()[key]);
        }
        if (skipUnchanged) {
            for (int i = 0; i < columns.size(); i++) {
                if (columns.get(i).compared()) {
                    for (int use = 0; use < 2 * columns.get(i).merge().incomingUses(); use++) {
                        handlers.get(i).bind(update, index++, row.values()[i]);
                    }
                }
            }
        }
    }

    /** Each row's outcome from its values before and after the write; returns inserted, updated, unchanged. */
    private long[] classify(List<Row> chunk, Map<Key, Object[]> before, Map<Key, Object[]> after,
                            List<RowResult> outcomes) {
        long[] counts = new long[3];
        for (Row row : chunk) {
            Object[] old = before.get(row.key());
            Object[] now = after.get(row.key());
            if (now == null) {
                throw new IllegalStateException("Key " + row.key() + " of " + table.displayName() + " is not in the table after"
                        + " the upsert wrote it: the statement matched another row. " + OTHER_ROW);
            }
            RowResult.Status status = old == null ? RowResult.Status.INSERTED
                    : Arrays.deepEquals(old, now) ? RowResult.Status.UNCHANGED : RowResult.Status.UPDATED;
            counts[status == RowResult.Status.INSERTED ? 0 : status == RowResult.Status.UPDATED ? 1 : 2]++;
            outcomes.add(new RowResult(row, status, project(now)));
        }
        return counts;
    }

    /** The result columns out of a probe row. */
    private Object[] project(Object[] probeValues) {
        Object[] values = new Object[results.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = probeValues[resultsInProbe[i]];
        }
        return values;
    }

    private SQLException concurrentChange(String detail) {
        return new SQLException("The upsert into " + table.displayName() + " cannot count exactly: " + detail
                + ". Another transaction changed the same keys meanwhile, or a trigger did: roll back and retry the call;"
                + " or the table took two of the chunk's keys as one (a collation that ignores case, accents or trailing"
                + " spaces): give each key one spelling.");
    }

    /**
     * Whether rows have values to read back beyond the key the caller already has; or keys compare
     * otherwise than in Java, where reading the rows left alone finds a stored key matched in a way
     * this does not imitate (and fails the call) rather than letting it pass unseen.
     */
    private boolean readBack() {
        return results.size() > keys.length || folds;
    }

    /**
     * One array parameter per position, holding that column's values of every row, in row order;
     * null where a value cannot travel in its column's array, and the rows are to be bound value
     * by value (the reason logged at DEBUG).
     */
    @SuppressWarnings("unchecked")
    private Object[] encode(List<Row> rows, int[] positions) {
        ValueHandler[] columnHandlers = new ValueHandler[positions.length];
        java.util.function.Predicate<Object>[] fits = new java.util.function.Predicate[positions.length];
        Object[][] columns = new Object[positions.length][rows.size()];
        for (int i = 0; i < positions.length; i++) {
            columnHandlers[i] = handlers.get(positions[i]);
            fits[i] = dialect.arrayElements(table.columns().get(positions[i]));
        }
        // Row by row: each row's values are read from memory once.
        for (int r = 0; r < rows.size(); r++) {
            Object[] values = rows.get(r).values();
            for (int i = 0; i < positions.length; i++) {
                Object value = values[positions[i]] == null ? null : columnHandlers[i].arrayValue(values[positions[i]]);
                if (value == ValueHandler.BOUND_ALONE || value != null && !fits[i].test(value)) {
                    if (LOG.isDebugEnabled()) {
                        Column column = table.columns().get(positions[i]);
                        LOG.debug("{} rows of {} bound value by value, not as arrays: column {} ({}) takes a {} that its"
                                + " array parameter does not carry (of that class, of that year, or bound shifted)", rows.size(),
                                table.displayName(), column.name(), column.sqlType(), values[positions[i]].getClass().getName());
                    }
                    return null;
                }
                columns[i][r] = value;
            }
        }
        Object[] arrays = new Object[positions.length];
        for (int i = 0; i < positions.length; i++) {
            arrays[i] = dialect.arrayParameter(table.columns().get(positions[i]), columns[i]);
            if (arrays[i] == null) {
                LOG.debug("{} rows of {} bound value by value: column {} would pass what one array value can carry",
                        rows.size(), table.displayName(), table.columns().get(positions[i]).name());
                return null;
            }
        }
        return arrays;
    }

    private static void bind(PreparedStatement statement, Object[] arrays) throws SQLException {
        for (int i = 0; i < arrays.length; i++) {
            if (arrays[i] instanceof String text) {
                statement.setObject(i + 1, text, java.sql.Types.OTHER);
            } else {
                statement.setObject(i + 1, arrays[i]);
            }
        }
    }

    /**
     * Keys per array-bound read. PostgreSQL costs a probe per key, and a read of 100,000 keys
     * costs enough to be JIT-compiled (jit_above_cost): 140 ms of compiling before the first row,
     * which a read of 5,000 keys (a cost of about 42,000) never pays.
     */
    private static final int KEYS_PER_READ = 5_000;

    /** The stored rows with the rows' keys, in statements of at most one part each. */
    private Map<Key, Object[]> select(Connection connection, List<Row> rows, Layout columns, boolean lock)
            throws SQLException {
        Map<Key, Object[]> found = new HashMap<>(rows.size() * 2);
        String arrays = lock || rows.isEmpty() ? null : dialect.selectByKeyArrays(table, columns.columns());
        if (arrays == null) {
            selectByKeys(connection, rows, columns, lock, found);
            return found;
        }
        try (PreparedStatement select = connection.prepareStatement(arrays)) {
            for (List<Row> part : split(rows, KEYS_PER_READ)) {
                Object[] parameters = encode(part, keys);
                if (parameters == null) {
                    selectByKeys(connection, part, columns, false, found);
                } else {
                    bind(select, parameters);
                    found(select, part, columns, found);
                }
            }
        }
        return found;
    }

    /** The stored rows with the rows' keys, each key bound by itself, in statements within the parameter limit. */
    private void selectByKeys(Connection connection, List<Row> rows, Layout columns, boolean lock, Map<Key, Object[]> found)
            throws SQLException {
        for (List<Row> part : split(rows, Math.max(1, dialect.maxParameters() / keys.length))) {
            try (PreparedStatement select = connection.prepareStatement(dialect.selectByKeys(table, columns.columns(), part.size(), lock))) {
                int index = 1;
                for (Row row : part) {
                    for (int key : keys) {
                        handlers.get(key).bind(select, index++, row.values()[key]);
                    }
                }
                found(select, part, columns, found);
            }
        }
    }

    /** Reads the selected rows into {@code found}, each under the key of the row it belongs to. */
    private void found(PreparedStatement select, List<Row> rows, Layout columns, Map<Key, Object[]> found) throws SQLException {
        Map<Key, Row> byKey = byKey(rows);
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                Object[] values = read(rs, columns);
                found.put(find(byKey, values, columns).key(), values);
            }
        }
    }

    private static Object[] read(ResultSet rs, Layout columns) throws SQLException {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = columns.handlers()[i].extract(rs, i + 1);
        }
        return values;
    }

    private Map<Key, Row> byKey(List<Row> rows) {
        Map<Key, Row> byKey = new HashMap<>(rows.size() * 2);
        rows.forEach(row -> byKey.put(compared.apply(row.key()), row));
        return byKey;
    }

    private Row find(Map<Key, Row> rows, Object[] values, Layout columns) {
        Key key = Key.of(values, columns.keys());
        Row row = rows.get(compared.apply(key));
        if (row != null) {
            return row;
        }
        throw notSent(table, key);
    }

    /** A key the database returned that the chunk did not send, though it matched one the chunk did. */
    static IllegalStateException notSent(Table table, Key key) {
        return new IllegalStateException("The database returned key " + key + " of " + table.displayName()
                + ", which this chunk did not send: the statement matched another row. " + OTHER_ROW);
    }

    /** Why a statement writes a row other than the one a key names, and what to do. */
    private static final String OTHER_ROW = "Either the table took one of the chunk's keys as this one, which Java"
            + " tells apart from it (a collation that ignores case, accents or trailing spaces; a type that does not keep"
            + " the value as sent): send each key as the table stores it, or give the column a collation or type that"
            + " tells such keys apart. Or, on MariaDB/MySQL, whose ON DUPLICATE KEY UPDATE matches a row by any unique"
            + " key, a new key came with an assigned identifier that another key's row holds: give each key its own"
            + " identifier. The call has written: roll back its transaction.";

    private int[] indexes(List<Column> columns) {
        return columns.stream().mapToInt(table.columns()::indexOf).toArray();
    }

    /** The statements of one call, prepared once per distinct SQL text and closed together. */
    private final class Statements implements AutoCloseable {
        private final Connection connection;
        private final boolean skipUnchanged;
        private final Map<String, PreparedStatement> prepared = new HashMap<>();
        private Boolean affectedRows;

        Statements(Connection connection, boolean skipUnchanged) {
            this.connection = connection;
            this.skipUnchanged = skipUnchanged;
        }

        /** The upsert of this chunk, its rows bound. */
        PreparedStatement upsert(List<Row> chunk) throws SQLException {
            return upsert(chunk, "");
        }

        /** The upsert of this chunk with a clause after it, its rows bound. */
        PreparedStatement upsert(List<Row> chunk, String clause) throws SQLException {
            PreparedStatement statement = prepare(dialect.upsert(table, skipUnchanged, chunk.size()) + clause);
            int index = 1;
            for (Row row : chunk) {
                for (int column : bound) {
                    handlers.get(column).bind(statement, index++, row.values()[column]);
                }
            }
            return statement;
        }

        /** The array-bound upsert of a chunk: one array per bound column. */
        PreparedStatement bindArrays(String sql, Object[] arrays) throws SQLException {
            PreparedStatement statement = prepare(sql);
            bind(statement, arrays);
            return statement;
        }

        /** The single-row UPDATE, or null when an existing row has nothing to update. */
        PreparedStatement update() throws SQLException {
            boolean nothing = table.updated().isEmpty() || skipUnchanged && table.compared().isEmpty();
            return nothing ? null : prepare(dialect.update(table, skipUnchanged));
        }

        PreparedStatement insert() throws SQLException {
            return prepare(dialect.insert(table));
        }

        boolean affectedRows() throws SQLException {
            if (affectedRows == null) {
                affectedRows = AffectedRows.reportsAffectedRows(connection);
            }
            return affectedRows;
        }

        private PreparedStatement prepare(String sql) throws SQLException {
            PreparedStatement statement = prepared.get(sql);
            if (statement == null) {
                if (LOG.isTraceEnabled()) {
                    LOG.trace("{}", sql);
                }
                // Full chunks share one text; only a shorter one (the last, or one a packet limit cut) adds another.
                if (prepared.size() > 4) {
                    close();
                }
                statement = connection.prepareStatement(sql);
                prepared.put(sql, statement);
            }
            return statement;
        }

        @Override
        public void close() throws SQLException {
            SQLException failure = null;
            for (PreparedStatement statement : prepared.values()) {
                try {
                    statement.close();
                } catch (SQLException e) {
                    failure = failure == null ? e : failure;
                }
            }
            prepared.clear();
            if (failure != null) {
                throw failure;
            }
        }
    }
}
