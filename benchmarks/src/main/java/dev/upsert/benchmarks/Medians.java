package dev.upsert.benchmarks;

import dev.upsert.UpsertResult;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/** Calls timed in turns, after a warm-up round; each one's median printed as a Markdown table. */
final class Medians {

    private Medians() {
    }

    /** One call, its tables and input made ready before the clock starts; returns what it counted. */
    interface Call {
        UpsertResult run();
    }

    /**
     * @param what  the first column's heading
     * @param calls per name, what makes a call ready (untimed) and returns it
     */
    static void print(String what, int rows, int runs, Map<String, Supplier<Call>> calls) {
        Map<String, List<Double>> seconds = new LinkedHashMap<>();
        for (int run = 0; run <= runs; run++) {
            for (Map.Entry<String, Supplier<Call>> named : calls.entrySet()) {
                Call call = named.getValue().get();
                long start = System.nanoTime();
                UpsertResult result = call.run();
                double took = (System.nanoTime() - start) / 1e9;
                if (result.total() != rows) {
                    throw new IllegalStateException(named.getKey() + " counted " + result);
                }
                if (run > 0) {
                    seconds.computeIfAbsent(named.getKey(), k -> new ArrayList<>()).add(took);
                }
            }
        }
        System.out.printf("| %s | rows | seconds (median of %d) | rows/s |%n| --- | ---: | ---: | ---: |%n", what, runs);
        seconds.forEach((name, took) -> {
            Collections.sort(took);
            double median = took.get(took.size() / 2);
            System.out.printf(Locale.ROOT, "| %s | %d | %.2f | %.0f |%n", name, rows, median, rows / median);
        });
    }
}
