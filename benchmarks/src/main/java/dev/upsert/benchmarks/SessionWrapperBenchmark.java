package dev.upsert.benchmarks;

import dev.upsert.hibernate.UpsertSession;
import org.hibernate.Session;
import org.hibernate.SessionFactory;
import org.hibernate.boot.MetadataSources;
import org.hibernate.boot.registry.StandardServiceRegistryBuilder;
import org.hibernate.cfg.AvailableSettings;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.concurrent.TimeUnit;

/**
 * The cost of one {@code Session} call through {@link UpsertSession#wrap} (generated with Byte
 * Buddy) against the session itself and against the JDK-proxy alternative.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SessionWrapperBenchmark {

    private SessionFactory factory;
    private Session direct;
    private Session byteBuddy;
    private Session jdkProxy;

    @Setup
    public void open() {
        factory = new MetadataSources(new StandardServiceRegistryBuilder()
                .applySetting(AvailableSettings.JAKARTA_JDBC_URL, "jdbc:h2:mem:bench").build())
                .buildMetadata().buildSessionFactory();
        direct = factory.openSession();
        byteBuddy = UpsertSession.wrap(direct);
        jdkProxy = (Session) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {Session.class},
                (proxy, method, args) -> {
                    try {
                        return method.invoke(direct, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @TearDown
    public void close() {
        direct.close();
        factory.close();
    }

    @Benchmark
    public Object direct() {
        return direct.getCacheMode();
    }

    @Benchmark
    public Object byteBuddyWrapper() {
        return byteBuddy.getCacheMode();
    }

    @Benchmark
    public Object jdkProxy() {
        return jdkProxy.getCacheMode();
    }
}
