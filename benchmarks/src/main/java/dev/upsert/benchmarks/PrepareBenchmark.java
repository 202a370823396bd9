package dev.upsert.benchmarks;

import dev.upsert.DuplicateKeyPolicy;
import dev.upsert.dialect.Column;
import dev.upsert.dialect.Table;
import dev.upsert.jdbc.InputRows;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What a call does with its rows before the first statement: null-key check, sort by natural key
 * and duplicate check ({@link InputRows#prepare}), on the rows of {@link UpsertBenchmark}'s table
 * (a two-part text key).
 *
 * <pre>java -jar benchmarks/target/benchmarks.jar PrepareBenchmark -gc true</pre>
 *
 * <p>{@code -gc true}: a collection before each call, so that one call does not pay for the
 * garbage of the one before.</p>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 1, jvmArgs = {"-Xms4g", "-Xmx4g"})
public class PrepareBenchmark {

    @Param({"10000", "1000000"})
    int rows;

    /** The columns in the order the library's model has them for {@link BenchItem}: by name, so code before source. */
    private final Table table = new Table("BenchItem", null, "bench_item", List.of(
            new Column("id", "id", Column.Role.GENERATED_ID, true, null, "int8"),
            new Column("code", "code", Column.Role.KEY, false, "?", "varchar"),
            new Column("name", "name", Column.Role.DATA, false, "?", "varchar"),
            new Column("price", "price", Column.Role.DATA, false, "?", "numeric"),
            new Column("qty", "qty", Column.Role.DATA, false, "?", "int4"),
            new Column("source", "source", Column.Role.KEY, false, "?", "varchar")));
    private final List<Object> sources = new ArrayList<>();
    private final List<Object[]> values = new ArrayList<>();

    /** {@link BenchItem#batch}'s keys, in its order. */
    @Setup
    public void rows() {
        for (int i = 0; i < rows; i++) {
            values.add(new Object[] {null, "c" + i, "item " + i, BigDecimal.valueOf(i % 10_000, 2), i % 100, "s" + i % 10});
            sources.add(new Object());
        }
    }

    @Benchmark
    public Object prepare() {
        return InputRows.prepare(table, sources, values, DuplicateKeyPolicy.FAIL);
    }
}
