package dev.upsert.jdbc;

import dev.upsert.DuplicateKeyPolicy;
import dev.upsert.dialect.Column;
import dev.upsert.dialect.Table;

import java.util.ArrayList;
import java.util.HashMap;
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
        Key[] keys = new Key[values.size()];
        Map<Key, Integer> firstAt = new HashMap<>(values.size() * 4 / 3 + 1);
        // Only keys that occur more than once get a list of positions: most batches have none.
        Map<Key, List<Integer>> repeated = new LinkedHashMap<>();
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
            Key key = Key.of(row, keyIndexes);
            keys[position] = key;
            Integer first = firstAt.putIfAbsent(key, position);
            if (first != null) {
                repeated.computeIfAbsent(key, k -> new ArrayList<>(List.of(first))).add(position);
            }
        }
        if (policy == DuplicateKeyPolicy.FAIL && !repeated.isEmpty()) {
            throw duplicates(table, repeated);
        }
        List<Row> rows = new ArrayList<>(firstAt.size());
        for (int position = 0; position < values.size(); position++) {
            List<Integer> at = repeated.get(keys[position]);
            if (at == null) {
                rows.add(new Row(values.get(position), keys[position], List.of(sources.get(position))));
            } else if (at.get(0) == position) {
                int winner = policy == DuplicateKeyPolicy.FIRST_WINS ? at.get(0) : at.get(at.size() - 1);
                List<Object> carriers = new ArrayList<>(at.size());
                carriers.add(sources.get(winner));
                at.stream().filter(p -> p != winner).forEach(p -> carriers.add(sources.get(p)));
                rows.add(new Row(values.get(winner), keys[position], carriers));
            }
        }
        rows.sort(InputRows::compareRows);
        return rows;
    }

    private static int compareRows(Row a, Row b) {
        return compareKeys(a.key(), b.key());
    }

    static int[] keyIndexes(Table table) {
        return table.columns().stream().filter(c -> c.role() == Column.Role.KEY)
                .mapToInt(table.columns()::indexOf).toArray();
    }

    private static IllegalArgumentException duplicates(Table table, Map<Key, List<Integer>> positions) {
        StringJoiner listed = new StringJoiner("; ");
        long repeated = positions.size();
        positions.entrySet().stream().sorted(java.util.Comparator.comparing(e -> e.getValue().get(0))).limit(MAX_LISTED)
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
        for (int i = 0; i < a.size(); i++) {
            Object x = a.value(i);
            Object y = b.value(i);
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
