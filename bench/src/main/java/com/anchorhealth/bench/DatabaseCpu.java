package com.anchorhealth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * CPU time used by the database server's process, when it runs on this machine (Linux /proc): with
 * the JVM's own CPU time it gives what a write costs the machine in all, a figure that other work on
 * a noisy machine moves far less than it moves rates.
 */
final class DatabaseCpu {
    /** /proc/[pid]/stat counts in clock ticks; 100 a second on every Linux this runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Optional<Path> STAT = ProcessHandle.allProcesses()
            .filter(process -> process.info().command().map(command -> command.endsWith("/mariadbd")
                    || command.endsWith("/mysqld")).orElse(false))
            .findFirst()
            .map(process -> Path.of("/proc", Long.toString(process.pid()), "stat"));

    private DatabaseCpu() {
    }

    /** The server's user and system CPU so far, in nanoseconds; NaN when it is not a local process. */
    static double nanos() {
        return STAT.map(DatabaseCpu::nanosOf).orElse(Double.NaN);
    }

    /** The user and system CPU so far of the process of that /proc stat file, in nanoseconds; NaN if unread. */
    static double nanosOf(Path stat) {
        try {
            String fields = Files.readString(stat);
            // Fields after the command name, which is in parentheses and may hold spaces.
            String[] after = fields.substring(fields.lastIndexOf(')') + 2).split(" ");
            return (Long.parseLong(after[11]) + Long.parseLong(after[12])) * (double) NANOS_PER_TICK;
        } catch (IOException e) {
            return Double.NaN;
        }
    }
}
