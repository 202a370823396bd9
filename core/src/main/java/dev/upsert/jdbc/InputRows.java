package dev.upsert.jdbc;

import dev.upsert.DuplicateKeyPolicy;
import dev.upsert.dialect.Column;
import dev.upsert.dialect.Table;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Checks and orders a call's rows before any SQL runs. */
public final class InputRows {

    private static final int MAX_LISTED = 20;

    private InputRows() {
    }

    /**
     * Rejects null keys, applies the duplicate-key policy and sorts by natural key, so that
     * concurrent writers of overlapping keys lock rows in the same order.
     *
     * @param values one array per entity, aligned with {@link Table#columns()}
     */
    public static List<Row> prepare(Table table, List<?> sources, List<Object[]> values, DuplicateKeyPolicy policy) {
        int[] keyIndexes = keyIndexes(table);
        Map<Key, List<Integer>> positions = new LinkedHashMap<>(values.size() * 4 / 3 + 1);
        for (int position = 0; position < values.size(); position++) {
            Object[] row = values.get(position);
            for (int k : keyIndexes) {
                if (row[k] == null) {
                    Column column = table.columns().get(k);
                    throw new IllegalArgumentException("Natural key " + table.entity() + "." + column.attribute()
                            + " (column " + column.name() + ") is null in the entity at position " + position
                            + " of the collection: every natural-key attribute needs a value. Nothing was written.");
                }
            }
            positions.computeIfAbsent(Key.of(row, keyIndexes), k -> new ArrayList<>(1)).add(position);
        }
        if (policy == DuplicateKeyPolicy.FAIL && positions.size() < values.size()) {
            throw duplicates(table, positions);
        }
        List<Row> rows = new ArrayList<>(positions.size());
        for (Map.Entry<Key, List<Integer>> entry : positions.entrySet()) {
            List<Integer> at = entry.getValue();
            int winner = policy == DuplicateKeyPolicy.FIRST_WINS ? at.get(0) : at.get(at.size() - 1);
            List<Object> carriers = new ArrayList<>(at.size());
            carriers.add(sources.get(winner));
            at.stream().filter(p -> p != winner).forEach(p -> carriers.add(sources.get(p)));
            rows.add(new Row(values.get(winner), entry.getKey(), carriers));
        }
        rows.sort(Comparator.comparing(Row::key, InputRows::compareKeys));
        return rows;
    }

    static int[] keyIndexes(Table table) {
        return table.columns().stream().filter(c -> c.role() == Column.Role.KEY)
                .mapToInt(table.columns()::indexOf).toArray();
    }

    private static IllegalArgumentException duplicates(Table table, Map<Key, List<Integer>> positions) {
        StringJoiner listed = new StringJoiner("; ");
        long repeated = positions.values().stream().filter(p -> p.size() > 1).count();
        positions.entrySet().stream().filter(e -> e.getValue().size() > 1).limit(MAX_LISTED)
                .forEach(e -> listed.add(keyText(table, e.getKey()) + " at positions " + e.getValue()));
        return new IllegalArgumentException(repeated + " natural key(s) of " + table.entity()
                + " appear more than once in the collection and the duplicate-key policy is FAIL: " + listed
                + (repeated > MAX_LISTED ? "; ..." : "")
                + ". Remove the duplicates, or choose DuplicateKeyPolicy.LAST_WINS or FIRST_WINS. Nothing was written.");
    }

    static String keyText(Table table, Key key) {
        StringJoiner text = new StringJoiner(", ", "[", "]");
        List<Column> keys = table.keys();
        for (int i = 0; i < keys.size(); i++) {
            text.add(keys.get(i).attribute() + "=" + key.values().get(i));
        }
        return text.toString();
    }

    /** A total order that every writer computes alike: natural order where the types allow it. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static int compareKeys(Key a, Key b) {
        for (int i = 0; i < a.values().size(); i++) {
            Object x = a.values().get(i);
            Object y = b.values().get(i);
            int c = x instanceof Comparable && x.getClass() == y.getClass()
                    ? ((Comparable) x).compareTo(y)
                    : String.valueOf(x).compareTo(String.valueOf(y));
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }
}
