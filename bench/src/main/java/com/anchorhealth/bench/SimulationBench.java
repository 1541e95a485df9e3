package com.anchorhealth.bench;

import com.anchorhealth.api.v1.Policy;
import com.anchorhealth.api.v1.PolicyServiceGrpc;
import com.anchorhealth.api.v1.SimulatePolicyRequest;
import com.anchorhealth.api.v1.SimulatePolicyResponse;
import com.anchorhealth.api.v1.Thresholds;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static com.anchorhealth.bench.Stats.median;
import static com.anchorhealth.bench.Stats.say;

/**
 * Benchmark 11's client: SimulatePolicy on a running server (bench/simulation/run.sh starts it on a
 * seeded store), over gRPC and from the console (unless {@code --console no}), one after the other,
 * {@code --reps} times each. The candidate restricts below 80 and severely below 65 (the rest as in
 * force); the console's form is the policies page's, so filled, and posted as a browser would, with
 * the page's session and token.
 */
final class SimulationBench {
    private static final Pattern CSRF = Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"");
    private static final Pattern INPUT = Pattern.compile("<input type=\"(number|checkbox)\" name=\"([A-Za-z0-9_]+)\"([^>]*)>");
    private static final Pattern VALUE = Pattern.compile("value=\"([^\"]*)\"");
    private static final long PAGE_BYTES = 16 * 1024;

    private SimulationBench() {
    }

    static void run(Args args) throws Exception {
        int grpcPort = args.integer("grpc-port", 50071);
        int webPort = args.integer("web-port", 50072);
        int reps = args.integer("reps", 3);
        String label = args.string("label", "server");
        boolean fromConsole = args.string("console", "yes").equals("yes");
        SimulatePolicyRequest request = SimulatePolicyRequest.newBuilder().setPolicy(Policy.newBuilder()
                .setThresholds(Thresholds.newBuilder().setRestrictedBelow(80).setSeverelyRestrictedBelow(65)
                        .setRevokedBelow(1))).build();
        Console console = new Console("http://127.0.0.1:" + webPort);
        Path serverStat = ProcessHandle.allProcesses()
                .filter(process -> process.info().arguments().map(List::of)
                        .filter(arguments -> arguments.contains("--port")
                                && arguments.get(arguments.indexOf("--port") + 1).equals(String.valueOf(grpcPort)))
                        .isPresent())
                .findFirst().map(process -> Path.of("/proc", Long.toString(process.pid()), "stat"))
                .orElseThrow(() -> new IllegalStateException("no local server with --port " + grpcPort));
        List<Double> grpcSeconds = new ArrayList<>();
        List<Double> consoleSeconds = new ArrayList<>();
        try (Channels channels = new Channels(grpcPort, 1);
             Connection database = DriverManager.getConnection(args.string("status-url", "jdbc:mysql://127.0.0.1:3306/"),
                     args.string("user", "root"), args.string("password", ""))) {
            PolicyServiceGrpc.PolicyServiceBlockingStub policies = PolicyServiceGrpc.newBlockingStub(channels.get(0));
            for (int rep = 1; rep <= reps; rep++) {
                double serverCpu = DatabaseCpu.nanosOf(serverStat);
                double databaseCpu = DatabaseCpu.nanos();
                long pagesRead = pagesRead(database);
                long started = System.nanoTime();
                SimulatePolicyResponse simulated = policies.simulatePolicy(request);
                grpcSeconds.add((System.nanoTime() - started) / 1e9);
                serverCpu = (DatabaseCpu.nanosOf(serverStat) - serverCpu) / 1e9;
                databaseCpu = (DatabaseCpu.nanos() - databaseCpu) / 1e9;
                pagesRead = pagesRead(database) - pagesRead;
                started = System.nanoTime();
                String page = fromConsole ? console.simulate() : "";
                consoleSeconds.add(fromConsole ? (System.nanoTime() - started) / 1e9 : Double.NaN);
                say("%s rep %d: SimulatePolicy %.2f s (CPU: server %.2f s, MariaDB %.2f s; %d MiB read from disk by"
                                + " MariaDB; %d anchors, %d violations, %d changing tier)%s", label, rep,
                        grpcSeconds.get(rep - 1), serverCpu, databaseCpu, pagesRead * PAGE_BYTES >> 20,
                        simulated.getAnchorsReplayed(), simulated.getViolationsReplayed(),
                        simulated.getAnchorsChangingTier(), fromConsole ? Stats.f(", console %.2f s (%d bytes)",
                                consoleSeconds.get(rep - 1), page.length()) : "");
            }
        }
        say("RESULT simulation %s: SimulatePolicy median %.2f s %s%s", label, median(grpcSeconds),
                joined(grpcSeconds), fromConsole ? Stats.f(", console median %.2f s %s", median(consoleSeconds),
                        joined(consoleSeconds)) : "");
    }

    /** InnoDB pages the database server has read from disk so far (its buffer pool missed them). */
    private static long pagesRead(Connection database) throws SQLException {
        try (Statement statement = database.createStatement();
             ResultSet status = statement.executeQuery("SHOW GLOBAL STATUS LIKE 'Innodb_pages_read'")) {
            return status.next() ? status.getLong(2) : 0;
        }
    }

    private static String joined(List<Double> seconds) {
        return seconds.stream().map(s -> Stats.f("%.2f", s)).collect(Collectors.joining(", ", "(", ")"));
    }

    /** The local administrator's console: no tokens, a session cookie and its form token. */
    private static final class Console {
        private final String base;
        private final HttpClient http = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();

        Console(String base) {
            this.base = base;
        }

        /** Loads the policies page, fills its candidate form, and posts it: the page of the simulation. */
        String simulate() throws IOException, InterruptedException {
            String policies = send(HttpRequest.newBuilder(URI.create(base + "/policies")).GET());
            Map<String, String> form = new LinkedHashMap<>();
            Matcher csrf = CSRF.matcher(policies);
            if (!csrf.find()) {
                throw new IllegalStateException("no form token on the policies page");
            }
            form.put("csrf", csrf.group(1));
            Matcher input = INPUT.matcher(policies);
            while (input.find()) {
                Matcher value = VALUE.matcher(input.group(3));
                if (input.group(1).equals("number") && value.find()) {
                    form.put(input.group(2), value.group(1));
                } else if (input.group(3).contains("checked")) {
                    form.put(input.group(2), "on");
                }
            }
            form.put("restricted_below", "80");
            form.put("severely_restricted_below", "65");
            form.put("revoked_below", "1");
            String body = form.entrySet().stream().map(field -> URLEncoder.encode(field.getKey(), StandardCharsets.UTF_8)
                    + "=" + URLEncoder.encode(field.getValue(), StandardCharsets.UTF_8)).collect(Collectors.joining("&"));
            return send(HttpRequest.newBuilder(URI.create(base + "/policies/simulate"))
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)));
        }

        private String send(HttpRequest.Builder request) throws IOException, InterruptedException {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException(response.uri() + " answered " + response.statusCode() + ": "
                        + response.body());
            }
            return response.body();
        }
    }
}
