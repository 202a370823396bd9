package dev.upsert.hibernate;

import dev.upsert.MergePolicy;
import dev.upsert.UpsertException;
import dev.upsert.UpsertOptions;
import dev.upsert.UpsertResult;
import dev.upsert.dialect.Column;
import dev.upsert.dialect.Dialect;
import dev.upsert.dialect.Table;
import dev.upsert.jdbc.Deletions;
import dev.upsert.jdbc.Key;
import dev.upsert.jdbc.Row;
import dev.upsert.jdbc.RowResult;
import dev.upsert.jdbc.UpsertExecutor;
import dev.upsert.jdbc.ValueHandler;
import org.hibernate.engine.spi.SharedSessionContractImplementor;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The writes of an entity's tables beyond its main one (a JOINED type's tables below the root,
 * then secondary tables), after the main table's rows: each keyed by the id that write read back,
 * upserted as a table of its own. A row is inserted where its main row was, updated where any of
 * its tables changed, unchanged otherwise; where a row changed in some tables only, those of its
 * other tables that a change touches too (a version, an update timestamp) are rewritten, as
 * Hibernate's update of the entity would. A main row that existed without a row in one of the
 * JOINED type's tables, or with one in a table of its subtypes, is another type's: the call fails.
 * An optional secondary table has a row only where one of its columns holds a value: where none
 * does, an existing row is deleted (or, where the call keeps some of its values, updated, and then
 * deleted if those were null too), and none is inserted.
 */
final class FurtherTables {

    /** The row's id, in each further table's first column. */
    private static final int ID = 0;

    /** One table's write: its rows in the call's row order, what became of each (null: not written) and what it read back. */
    private record TableWrite(Table table, UpsertExecutor executor, List<Row> rows, RowResult.Status[] statuses,
                              Object[][] returned) {
    }

    private final SharedSessionContractImplementor session;
    private final EntityModel model;
    private final Dialect dialect;
    private final UpsertOptions options;
    private final List<Row> rows;
    private final ValueHandler idHandler;
    private final int idAt;
    /** Per row: whether its main row existed before the call. */
    private final boolean[] existed;
    /** Per row: whether any of its tables changed. */
    private final boolean[] changed;

    private FurtherTables(SharedSessionContractImplementor session, EntityModel model, Dialect dialect, UpsertOptions options,
                          List<Row> rows, List<RowResult> main) {
        this.session = session;
        this.model = model;
        this.dialect = dialect;
        this.options = options;
        this.rows = rows;
        this.idHandler = model.idHandler(session);
        this.idAt = model.idResult();
        this.existed = new boolean[rows.size()];
        this.changed = new boolean[rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            existed[r] = main.get(r).status() != RowResult.Status.INSERTED;
            changed[r] = main.get(r).status() == RowResult.Status.UPDATED;
        }
    }

    /**
     * @param mainExecutor  the executor that wrote the main table's rows
     * @param values        the main table's values per passed entity, the arrays the rows hold
     * @param furtherValues per further table, its values per passed entity, in the same order
     * @param writeBacks    takes what writes the values further tables generated into the entities, once the call has written
     */
    static UpsertExecutor.Written write(SharedSessionContractImplementor session, EntityModel model, Dialect dialect,
                                        UpsertOptions options, UpsertExecutor mainExecutor, List<Row> rows, List<Object[]> values,
                                        List<List<Object[]>> furtherValues, UpsertExecutor.Written main, List<Runnable> writeBacks) {
        FurtherTables tables = new FurtherTables(session, model, dialect, options, rows, main.rows());
        Map<Object[], Integer> positions = new IdentityHashMap<>(values.size() * 2);
        for (int position = 0; position < values.size(); position++) {
            positions.put(values.get(position), position);
        }
        List<Object[]> ids = new ArrayList<>(rows.size());
        for (RowResult result : main.rows()) {
            if (result.returned() == null || result.returned()[tables.idAt] == null) {
                throw new IllegalStateException("No id of " + model.entityName() + " was read back from "
                        + model.table.displayName() + " for key " + result.row().key().values());
            }
            ids.add(result.returned());
        }
        List<TableWrite> writes = new ArrayList<>();
        RowResult.Status[] mainStatuses = main.rows().stream().map(RowResult::status).toArray(RowResult.Status[]::new);
        writes.add(new TableWrite(model.tableFor(options), mainExecutor, rows, mainStatuses, ids.toArray(Object[][]::new)));
        for (int t = 0; t < model.further.size(); t++) {
            List<Object[]> byPosition = furtherValues.get(t);
            List<Object[]> byRow = rows.stream().map(row -> byPosition.get(positions.get(row.values()))).toList();
            writes.add(tables.writeTable(model.further.get(t), byRow, ids));
        }
        tables.refuseSubtypeRows(ids);
        writes.forEach(tables::rewriteUntouched);
        for (int t = 0; t < model.further.size(); t++) {
            tables.writeBacks(model.further.get(t), writes.get(t + 1), writeBacks);
        }
        return tables.combine(main.rows(), writes.get(0).returned());
    }

    /** One further table's rows, keyed by the ids the main rows were given, written. */
    private TableWrite writeTable(EntityModel other, List<Object[]> byRow, List<Object[]> ids) {
        Table table = other.tableFor(options);
        List<Row> keyed = new ArrayList<>(rows.size());
        List<Integer> written = new ArrayList<>(rows.size());
        List<Integer> empty = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            Object[] row = byRow.get(r);
            row[ID] = ids.get(r)[idAt];
            keyed.add(new Row(row, Key.of(table, row), rows.get(r).sources()));
            if (existed[r] && !other.ofType()) {
                if (table.updated().isEmpty()) {
                    continue;   // the call leaves an existing entity's secondary row as it is, or absent
                }
                // An existing entity's secondary row gets what the call updates, and no more where it is new.
                for (int c = ID + 1; c < row.length; c++) {
                    row[c] = table.columns().get(c).updated() ? row[c] : null;
                }
            }
            boolean none = other.optional() && Arrays.stream(row, ID + 1, row.length).allMatch(Objects::isNull);
            (none ? empty : written).add(r);
        }
        RowResult.Status[] statuses = new RowResult.Status[rows.size()];
        List<ValueHandler> handlers = other.handlers(session);
        // The table's rows by id alone, for the optional table's emptied rows.
        Deletions rowsOf = new Deletions(dialect, new Table(table.entity(), table.schema(), table.name(), table.keys()),
                List.of(handlers.get(ID)));
        List<Key> kept = empty.isEmpty() ? List.of() : emptyOptionalRows(rowsOf, table, keyed, empty, written, statuses);
        UpsertExecutor executor = new UpsertExecutor(dialect, table, handlers, null, true);
        List<Row> writes = written.stream().map(keyed::get).toList();
        List<RowResult> outcomes = session.doReturningWork(connection ->
                executor.execute(connection, writes, options.skipUnchanged(), options.chunkSize())).rows();
        if (!kept.isEmpty()) {
            // Written with the values the call keeps: a row whose kept values were null too is now empty, and goes.
            List<dev.upsert.dialect.Filter> allNull = table.columns().subList(ID + 1, table.columns().size()).stream()
                    .map(c -> new dev.upsert.dialect.Filter(c, dev.upsert.Scope.Operator.IS_NULL)).toList();
            session.doWork(connection -> rowsOf.delete(connection, kept, allNull, java.util.Collections.nCopies(allNull.size(), null)));
        }
        Object[][] returned = new Object[rows.size()][];
        for (int i = 0; i < writes.size(); i++) {
            int r = written.get(i);
            statuses[r] = outcomes.get(i).status();
            returned[r] = outcomes.get(i).returned();
            if (existed[r] && statuses[r] == RowResult.Status.INSERTED && other.ofType()) {
                throw new UpsertException("Natural key " + rows.get(r).key().values() + " of " + model.entityName()
                        + " is stored as another type of its JOINED hierarchy: its row in " + model.table.displayName()
                        + " (id " + ids.get(r)[idAt] + ") had none in " + table.displayName() + ". Upsert it as the type it is"
                        + " stored as, or delete it first. " + WRITTEN);
            }
            changed[r] |= statuses[r] == RowResult.Status.UPDATED || existed[r] && statuses[r] == RowResult.Status.INSERTED;
        }
        return new TableWrite(table, executor, keyed, statuses, returned);
    }

    /**
     * An optional table's rows whose columns would all be null: an existing one is deleted, as
     * Hibernate deletes it, unless the call keeps some of its values as they are (columns it does
     * not update, or merges into the stored value): then it is written; an absent one stays absent.
     */
    private List<Key> emptyOptionalRows(Deletions rowsOf, Table table, List<Row> keyed, List<Integer> empty, List<Integer> written,
                                        RowResult.Status[] statuses) {
        List<Key> emptyKeys = empty.stream().map(r -> keyed.get(r).key()).toList();
        Set<Key> present = session.doReturningWork(connection -> rowsOf.present(connection, emptyKeys));
        boolean deletes = table.columns().stream().allMatch(c -> c.role() == Column.Role.KEY
                || c.updated() && c.merge() == MergePolicy.OVERWRITE);
        List<Key> deleted = new ArrayList<>();
        List<Key> kept = new ArrayList<>();
        for (int r : empty) {
            if (present.contains(keyed.get(r).key()) && deletes) {
                deleted.add(keyed.get(r).key());
                statuses[r] = RowResult.Status.UPDATED;
                changed[r] = true;
            } else if (present.contains(keyed.get(r).key())) {
                written.add(r);
                kept.add(keyed.get(r).key());
            }
        }
        session.doWork(connection -> rowsOf.delete(connection, deleted));
        written.sort(null);
        return kept;
    }

    /** A JOINED type's key stored as one of its subtypes: that row has a row in the subtype's table. */
    private void refuseSubtypeRows(List<Object[]> ids) {
        List<Key> existing = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            if (existed[r]) {
                existing.add(new Key(Arrays.asList(ids.get(r)[idAt])));
            }
        }
        for (Table subtype : existing.isEmpty() ? List.<Table>of() : model.subtypes) {
            Deletions rowsOf = new Deletions(dialect, subtype, List.of(idHandler));
            Set<Key> found = session.doReturningWork(connection -> rowsOf.present(connection, existing));
            if (!found.isEmpty()) {
                throw new UpsertException(model.entityName() + " rows with ids " + found.stream().limit(20)
                        .map(k -> String.valueOf(k.values().get(0))).toList() + " in " + model.table.displayName() + " are of"
                        + " a subtype: each has a row in " + subtype.displayName() + ". Upsert them as the type they are stored"
                        + " as, or delete them first. " + WRITTEN);
            }
        }
    }

    private static final String WRITTEN = "Rows of this call were written before this was found: its transaction is to be"
            + " rolled back (the call rolls back one it began).";

    /** Where a row changed in some of its tables, what a change touches in this one is written too. */
    private void rewriteUntouched(TableWrite write) {
        if (write.table().updated().stream().allMatch(Column::compared)) {
            return;
        }
        List<Integer> untouched = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            if (changed[r] && existed[r] && write.statuses()[r] == RowResult.Status.UNCHANGED) {
                untouched.add(r);
            }
        }
        if (untouched.isEmpty()) {
            return;
        }
        List<Row> again = untouched.stream().map(write.rows()::get).toList();
        List<RowResult> rewritten = session.doReturningWork(connection ->
                write.executor().execute(connection, again, false, options.chunkSize())).rows();
        for (int i = 0; i < untouched.size(); i++) {
            write.returned()[untouched.get(i)] = rewritten.get(i).returned();
        }
    }

    /** Values a further table generates (timestamps), into the entities once the call has written. */
    private void writeBacks(EntityModel other, TableWrite write, List<Runnable> writeBacks) {
        if (other.table.results().size() == other.table.keys().size()) {
            return;
        }
        for (int r = 0; r < rows.size(); r++) {
            Object[] back = write.returned()[r];
            if (back != null) {
                rows.get(r).sources().forEach(entity -> writeBacks.add(() -> other.writeBack(entity, back, session)));
            }
        }
    }

    /** Each row counted once across its tables, with what its main table's write and rewrite read back. */
    private UpsertExecutor.Written combine(List<RowResult> main, Object[][] mainReturned) {
        List<RowResult> results = new ArrayList<>(rows.size());
        long inserted = 0;
        long updated = 0;
        for (int r = 0; r < rows.size(); r++) {
            RowResult.Status status = !existed[r] ? RowResult.Status.INSERTED
                    : changed[r] ? RowResult.Status.UPDATED : RowResult.Status.UNCHANGED;
            inserted += status == RowResult.Status.INSERTED ? 1 : 0;
            updated += status == RowResult.Status.UPDATED ? 1 : 0;
            results.add(new RowResult(main.get(r).row(), status, mainReturned[r]));
        }
        return new UpsertExecutor.Written(new UpsertResult(inserted, updated, rows.size() - inserted - updated, 0), results);
    }
}
