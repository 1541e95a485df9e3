package com.anchorhealth.bench;

import com.mysql.cj.MysqlConnection;
import com.mysql.cj.Query;
import com.mysql.cj.interceptors.QueryInterceptor;
import com.mysql.cj.log.Log;
import com.mysql.cj.protocol.Resultset;
import com.mysql.cj.protocol.ServerSession;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Connector/J query interceptor, named in the server's JDBC URL by the write benchmark
 * ({@code queryInterceptors=com.anchorhealth.bench.StatementCounter}): while enabled, it counts every
 * statement the server sends (by kind and table) and the time from send to answer. Disabled, it costs
 * a volatile read per statement, so the measured runs leave it off and a separate profiling run turns it on.
 */
public final class StatementCounter implements QueryInterceptor {
    private static final Pattern KIND = Pattern.compile("^\\s*(select|insert|update|delete|commit|rollback|set\\s+\\w+"
            + "|\\w+)", Pattern.CASE_INSENSITIVE);
    private static final Pattern TABLE = Pattern.compile("\\b(?:from|into|update)\\s+(?:[`\"]?\\w+[`\"]?\\.)?[`\"]?(\\w+)",
            Pattern.CASE_INSENSITIVE);
    private static final Map<String, LongAdder[]> STATS = new ConcurrentHashMap<>();
    private static final ThreadLocal<long[]> STARTED = ThreadLocal.withInitial(() -> new long[1]);
    private static volatile boolean enabled;

    static void enable() {
        STATS.clear();
        enabled = true;
    }

    /** Statement kind to {count, total nanoseconds}, most frequent first. */
    static Map<String, long[]> disable() {
        enabled = false;
        Map<String, long[]> result = new LinkedHashMap<>();
        STATS.entrySet().stream()
                .sorted((a, b) -> Long.compare(b.getValue()[0].sum(), a.getValue()[0].sum()))
                .forEach(e -> result.put(e.getKey(), new long[] {e.getValue()[0].sum(), e.getValue()[1].sum()}));
        return result;
    }

    static String classify(String sql) {
        Matcher kind = KIND.matcher(sql);
        String name = kind.find() ? kind.group(1).toUpperCase(Locale.ROOT).replaceAll("\\s+", " ") : "?";
        Matcher table = TABLE.matcher(sql);
        if (table.find()) {
            name += " " + table.group(1);
        }
        String lower = sql.toLowerCase(Locale.ROOT);
        if (lower.contains("for update")) {
            name += " FOR UPDATE";
        }
        if (lower.contains("max(")) {
            name += " (aggregate)";
        }
        return name;
    }

    @Override
    public QueryInterceptor init(MysqlConnection connection, Properties properties, Log log) {
        return this;
    }

    @Override
    public <T extends Resultset> T preProcess(Supplier<String> sql, Query query) {
        if (enabled) {
            STARTED.get()[0] = System.nanoTime();
        }
        return null;
    }

    @Override
    public boolean executeTopLevelOnly() {
        return false;
    }

    @Override
    public void destroy() {
    }

    @Override
    public <T extends Resultset> T postProcess(Supplier<String> sql, Query query, T resultSet, ServerSession session) {
        long[] started = STARTED.get();
        // A statement sent before counting began has no start time: it is left out.
        if (enabled && started[0] != 0) {
            long elapsed = System.nanoTime() - started[0];
            started[0] = 0;
            LongAdder[] stats = STATS.computeIfAbsent(classify(sql.get()), key -> new LongAdder[] {new LongAdder(),
                    new LongAdder()});
            stats[0].increment();
            stats[1].add(elapsed);
        }
        return null;
    }
}
