package dev.upsert.benchmarks;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.stream.Stream;

/**
 * CPU seconds used so far by this JVM and by the PostgreSQL server it talks to, where that server
 * runs on this host; the JVM's GC pauses. /proc counts in ticks of 10 ms, so a figure of a few
 * tenths of a second is rough.
 */
final class Cpu {

    private static final double TICKS = 100;   // USER_HZ on Linux

    private Cpu() {
    }

    /** Every thread of this JVM, the harness's own (its allocation sampler) included. */
    static double client() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /**
     * The young and full collections' time, which for G1 on Java 17 are its pauses; the beans of
     * concurrent work (Java 20 on) are left out. G1's remark and cleanup pauses have no bean.
     */
    static double gcPauses() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().filter(bean -> !bean.getName().contains("Concurrent"))
                .mapToLong(GarbageCollectorMXBean::getCollectionTime).sum() / 1e3;
    }

    /** The server's postmaster: the parent of this connection's server process, or -1 where /proc does not show it. */
    static long postmaster(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            long[] stat = stat(Path.of("/proc", String.valueOf(rs.getLong(1))));
            return stat == null ? -1 : stat[PARENT];
        }
    }

    /**
     * The postmaster's CPU, its children's (the server's processes), and what the children it has
     * reaped used (a connection closed during a run); NaN without a postmaster.
     */
    static double server(long postmaster) {
        long[] own = postmaster < 0 ? null : stat(Path.of("/proc", String.valueOf(postmaster)));
        if (own == null) {
            return Double.NaN;
        }
        long ticks = own[USER] + own[SYSTEM] + own[CHILDREN_USER] + own[CHILDREN_SYSTEM];
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                long[] stat = process.getFileName().toString().chars().allMatch(Character::isDigit) ? stat(process) : null;
                if (stat != null && stat[PARENT] == postmaster) {
                    ticks += stat[USER] + stat[SYSTEM];
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return ticks / TICKS;
    }

    // Fields of /proc/<pid>/stat after the command name: state is 0, so ppid 1, utime 11, stime 12, cutime 13, cstime 14.
    private static final int PARENT = 1;
    private static final int USER = 11;
    private static final int SYSTEM = 12;
    private static final int CHILDREN_USER = 13;
    private static final int CHILDREN_SYSTEM = 14;

    /** The numeric fields after the command name (which may hold spaces), state as 0; null if unreadable. */
    private static long[] stat(Path process) {
        try {
            String text = Files.readString(process.resolve("stat"));
            String[] fields = text.substring(text.lastIndexOf(')') + 2).trim().split(" ");
            long[] values = new long[CHILDREN_SYSTEM + 1];
            for (int i = 1; i < values.length; i++) {
                values[i] = Long.parseLong(fields[i]);
            }
            return values;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
