package dev.upsert.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** CPU seconds used so far by this JVM and by a PostgreSQL server on this host; the JVM's GC pauses. */
final class Cpu {

    private static final double TICKS = 100;   // USER_HZ on Linux

    private Cpu() {
    }

    static double client() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime() / 1e9;
    }

    /** Seconds the collectors reported so far: the pauses, for G1 on Java 17 (its concurrent work has no bean there). */
    static double gcPauses() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream()
                .mapToLong(java.lang.management.GarbageCollectorMXBean::getCollectionTime).sum() / 1e3;
    }

    /**
     * Every live postgres process's CPU, plus what the postmaster's reaped children used (a
     * connection closed during a run); NaN where /proc shows no server.
     */
    static double server() {
        double seconds = 0;
        boolean found = false;
        try (Stream<Path> processes = Files.list(Path.of("/proc"))) {
            for (Path process : (Iterable<Path>) processes::iterator) {
                String[] stat = stat(process);
                if (stat == null || !stat[1].equals("(postgres)")) {
                    continue;
                }
                found = true;
                seconds += (Long.parseLong(stat[13]) + Long.parseLong(stat[14])) / TICKS;
                if (stat[3].equals("1") || !isPostgres(Path.of("/proc", stat[3]))) {
                    seconds += (Long.parseLong(stat[15]) + Long.parseLong(stat[16])) / TICKS;   // the postmaster
                }
            }
        } catch (IOException e) {
            return Double.NaN;
        }
        return found ? seconds : Double.NaN;
    }

    private static boolean isPostgres(Path process) {
        String[] stat = stat(process);
        return stat != null && stat[1].equals("(postgres)");
    }

    private static String[] stat(Path process) {
        try {
            return Files.readString(process.resolve("stat")).split(" ");
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
