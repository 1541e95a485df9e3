package com.anchorhealth.server;

import com.anchorhealth.domain.policy.DefaultPolicy;

import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The settings of what people see beside gRPC: the admin port that serves metrics, the web port of
 * the back office console and the zone its times are told in, the log format and the access log.
 * Read from the same command line and environment as {@link Settings}, which never sees these flags.
 */
record OperationsSettings(int adminPort, int webPort, LogFormat logFormat, boolean accessLog, ZoneId timeZone,
                          Set<String> webAllowedHosts) {
    /** The --web-port that serves no console at all. */
    static final int CONSOLE_OFF = 0;
    static final int DEFAULT_ADMIN_PORT = 9090;
    static final int DEFAULT_WEB_PORT = 8080;
    /** The platform's zone, the one its rules are dated in. */
    static final ZoneId DEFAULT_TIME_ZONE = DefaultPolicy.RULES_ZONE;

    enum LogFormat {
        /** One line per record for people. */
        TEXT,
        /** One JSON object per line, for log collectors. */
        JSON
    }

    static final Map<String, String> FLAGS = flags();
    /** Every setting at its default. */
    static final OperationsSettings DEFAULTS = fromValues(Map.of());

    private static Map<String, String> flags() {
        Map<String, String> flags = new LinkedHashMap<>();
        flags.put("admin-port", "port of /metrics (Prometheus text format) and /health (lags, JSON) on the --host address (default "
                + DEFAULT_ADMIN_PORT + "; 0 picks a free one)");
        flags.put("web-port", "port of the back office console (web pages) on the --host address (default "
                + DEFAULT_WEB_PORT + "; " + CONSOLE_OFF + " turns the console off)");
        flags.put("time-zone", "zone the console tells times in, an IANA name such as Asia/Shanghai or UTC (default "
                + DEFAULT_TIME_ZONE.getId() + ")");
        flags.put("web-allowed-hosts", "host names the console answers to, comma-separated (default: loopback names"
                + " without --tokens, any name with them)");
        flags.put("log-format", "text or json (one JSON object per line) (default text)");
        flags.put("access-log", "on or off: one line per call, with method, status, latency, actor and request id (default on)");
        return flags;
    }

    /** These settings, and the arguments that are not theirs, for {@link Settings#parse}. */
    record Parsed(OperationsSettings settings, List<String> otherArgs) {
    }

    static Parsed parse(List<String> args, Map<String, String> environment) {
        Map<String, String> values = new LinkedHashMap<>();
        FLAGS.keySet().forEach(flag -> {
            String fromEnvironment = environment.get(Settings.environmentName(flag));
            if (fromEnvironment != null && !fromEnvironment.isEmpty()) {
                values.put(flag, fromEnvironment);
            }
        });
        List<String> others = new ArrayList<>();
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String flag = arg.startsWith("--") ? arg.substring(2) : "";
            int equals = flag.indexOf('=');
            String name = equals >= 0 ? flag.substring(0, equals) : flag;
            if (!FLAGS.containsKey(name)) {
                others.add(arg);
            } else if (equals >= 0) {
                values.put(name, flag.substring(equals + 1));
            } else if (i + 1 < args.size()) {
                values.put(name, args.get(++i));
            } else {
                throw new SettingsException("--" + name + " needs a value");
            }
        }
        return new Parsed(fromValues(values), others);
    }

    static String usage() {
        StringBuilder usage = new StringBuilder();
        FLAGS.forEach((flag, meaning) -> usage.append(String.format("  --%-18s %s (env %s)%n",
                flag + " V", meaning, Settings.environmentName(flag))));
        return usage.toString();
    }

    private static OperationsSettings fromValues(Map<String, String> values) {
        int adminPort = port(values, "admin-port", DEFAULT_ADMIN_PORT);
        int webPort = port(values, "web-port", DEFAULT_WEB_PORT);
        ZoneId timeZone = zone(values.getOrDefault("time-zone", DEFAULT_TIME_ZONE.getId()));
        String format = values.getOrDefault("log-format", "text");
        LogFormat logFormat = switch (format.toLowerCase(Locale.ROOT)) {
            case "text" -> LogFormat.TEXT;
            case "json" -> LogFormat.JSON;
            default -> throw new SettingsException("--log-format must be text or json, not '" + format + "'");
        };
        String accessLog = values.getOrDefault("access-log", "on");
        if (!accessLog.equals("on") && !accessLog.equals("off")) {
            throw new SettingsException("--access-log must be on or off, not '" + accessLog + "'");
        }
        Set<String> webAllowedHosts = Arrays.stream(values.getOrDefault("web-allowed-hosts", "").split(","))
                .map(String::strip).filter(name -> !name.isEmpty()).collect(Collectors.toUnmodifiableSet());
        return new OperationsSettings(adminPort, webPort, logFormat, accessLog.equals("on"), timeZone, webAllowedHosts);
    }

    /** A region's name (its offset follows its rules, summer time included) or a fixed offset such as +08:00. */
    private static ZoneId zone(String name) {
        try {
            return ZoneId.of(name);
        } catch (DateTimeException e) {
            throw new SettingsException("--time-zone must name a zone such as Asia/Shanghai or UTC, not '" + name
                    + "'");
        }
    }

    private static int port(Map<String, String> values, String flag, int fallback) {
        String port = values.getOrDefault(flag, String.valueOf(fallback));
        int number;
        try {
            number = Integer.parseInt(port);
        } catch (NumberFormatException e) {
            number = -1;
        }
        if (number < 0 || number > 65535) {
            throw new SettingsException("--" + flag + " must be a number from 0 to 65535, not '" + port + "'");
        }
        return number;
    }
}
