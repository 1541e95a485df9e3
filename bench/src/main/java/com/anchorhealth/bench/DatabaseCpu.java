package com.anchorhealth.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * CPU time used by the database server's process, when it runs on this machine (Linux /proc): with
 * the JVM's own CPU time it gives what a write costs the machine in all, a figure that other work on
 * a noisy machine moves far less than it moves rates. The server is the MariaDB or MySQL process that
 * listens on the port of the benchmark's {@code --url} (3306 without one), where its database is, not
 * another on the machine (a Galera node of the tests, or a server of its own that keeps a benchmark's
 * database apart from others' work).
 */
final class DatabaseCpu {
    /** /proc/[pid]/stat counts in clock ticks; 100 a second on every Linux this runs on. */
    private static final long NANOS_PER_TICK = 10_000_000L;
    private static final Pattern URL_PORT = Pattern.compile("^jdbc:[a-z]+://[^/:,]+:(\\d+)/");
    private static Optional<Path> stat = serverStat(3306);

    private DatabaseCpu() {
    }

    /** Watches the server of {@code jdbcUrl} from now on, when the URL names a port. */
    static synchronized void watchServerOf(String jdbcUrl) {
        Matcher port = URL_PORT.matcher(jdbcUrl);
        if (port.find()) {
            stat = serverStat(Integer.parseInt(port.group(1)));
        }
    }

    /** The server's user and system CPU so far, in nanoseconds; NaN when it is not a local process. */
    static synchronized double nanos() {
        return stat.map(DatabaseCpu::nanosOf).orElse(Double.NaN);
    }

    private static Optional<Path> serverStat(int port) {
        Set<String> listening = listeningSockets(port);
        return ProcessHandle.allProcesses()
                .filter(process -> process.info().command().map(command -> command.endsWith("/mariadbd")
                        || command.endsWith("/mysqld")).orElse(false))
                .filter(process -> holdsAny(process.pid(), listening))
                .findFirst()
                .map(process -> Path.of("/proc", Long.toString(process.pid()), "stat"));
    }

    /** The inodes of the sockets listening on {@code port}, IPv4 and IPv6 (field 4 of /proc/net/tcp: 0A). */
    private static Set<String> listeningSockets(int port) {
        Set<String> inodes = new HashSet<>();
        String hexPort = String.format(":%04X", port);
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 9 && fields[1].endsWith(hexPort) && fields[3].equals("0A")) {
                        inodes.add("socket:[" + fields[9] + "]");
                    }
                }
            } catch (IOException e) {
                // No such table (no IPv6): nothing listens there.
            }
        }
        return inodes;
    }

    private static boolean holdsAny(long pid, Set<String> sockets) {
        try (Stream<Path> descriptors = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            return descriptors.anyMatch(descriptor -> {
                try {
                    return sockets.contains(Files.readSymbolicLink(descriptor).toString());
                } catch (IOException e) {
                    return false;
                }
            });
        } catch (IOException e) {
            return false;
        }
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
