package com.anchorhealth.server;

import com.anchorhealth.adapter.persistence.GaleraForTests;
import com.anchorhealth.adapter.persistence.MariaDbForTests;

import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;

/**
 * The three-node Galera cluster of {@link GaleraForTests}, node by node: numbered 1 to 3 as the script
 * numbers them, each killed, restarted, isolated and read on its own.
 */
final class GaleraCluster {
    private final List<String> nodes;

    private GaleraCluster(List<String> nodes) {
        this.nodes = nodes;
    }

    /** The cluster, when its three nodes are Synced; otherwise the test is skipped, or fails under CI=true. */
    static GaleraCluster require() {
        GaleraCluster cluster = new GaleraCluster(GaleraForTests.nodes());
        for (int node = 1; node <= cluster.nodes.size(); node++) {
            if (!cluster.synced(node)) {
                throw GaleraForTests.unavailable("node " + node + " at " + cluster.nodes.get(node - 1) + " is not a"
                        + " Synced member of a three-node cluster (start it with .ci/galera start)");
            }
        }
        return cluster;
    }

    /** Drops and creates the database on the cluster (DDL reaches every node), comparing text byte for byte. */
    String freshDatabase(String unprefixedName) {
        return GaleraForTests.freshDatabase(unprefixedName);
    }

    /** The --database-url naming the nodes in this order: the service writes through the first that answers. */
    String url(String database, int... order) {
        return "jdbc:mysql://" + Arrays.stream(order).mapToObj(node -> nodes.get(node - 1))
                .collect(Collectors.joining(",")) + "/" + database;
    }

    /** A connection to one node, whose reads wait until the node has applied every write committed before them. */
    Connection openForLatest(int node, String database) throws SQLException {
        Connection connection = open(node, database);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION wsrep_sync_wait = 1");
        }
        return connection;
    }

    /**
     * A connection to one node whose reads do not wait for the cluster: the node's own state, which a
     * node outside the primary component still tells (a read that waits would time out there).
     */
    Connection open(int node, String database) throws SQLException {
        Connection connection = DriverManager.getConnection("jdbc:mysql://" + nodes.get(node - 1) + "/" + database
                + "?connectTimeout=3000", MariaDbForTests.USER, MariaDbForTests.PASSWORD);
        try (Statement statement = connection.createStatement()) {
            statement.execute("SET SESSION wsrep_sync_wait = 0");
        }
        return connection;
    }

    /** The node holding the most connections to this database: the one the service writes through. */
    int writerNode(String database) throws SQLException {
        int writer = 0;
        long most = 0;
        for (int node = 1; node <= nodes.size(); node++) {
            long connections = connectionsTo(node, database);
            if (connections > most) {
                writer = node;
                most = connections;
            }
        }
        if (writer == 0) {
            throw new AssertionError("no node holds a connection to " + database);
        }
        return writer;
    }

    /** How many connections one node holds to this database, besides the one asking. */
    long connectionsTo(int node, String database) throws SQLException {
        try (Connection connection = open(node, "")) {
            return count(connection, "SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = '" + database
                    + "' AND ID <> CONNECTION_ID()");
        }
    }

    /** Certification failures and brute-force aborts so far, summed over the nodes that answer. */
    long conflictsSoFar() throws SQLException {
        long conflicts = 0;
        for (int node = 1; node <= nodes.size(); node++) {
            try (Connection connection = open(node, "")) {
                conflicts += count(connection, "SELECT SUM(VARIABLE_VALUE) FROM information_schema.GLOBAL_STATUS"
                        + " WHERE VARIABLE_NAME IN ('WSREP_LOCAL_CERT_FAILURES', 'WSREP_LOCAL_BF_ABORTS')");
            }
        }
        return conflicts;
    }

    /** kill -9 of the node's mariadbd, as a crash would. */
    void kill(int node) throws IOException {
        GaleraForTests.run(Duration.ofSeconds(10), "kill", String.valueOf(node));
    }

    /** Restarts a killed node from its recovered position and waits until it is Synced; returns the script's account. */
    String restart(int node) throws IOException {
        return GaleraForTests.run(Duration.ofSeconds(180), "start-node", String.valueOf(node));
    }

    /** Cuts the node off from the other two, as a network partition would (Galera's gmcast.isolate). */
    void isolate(int node) throws SQLException {
        setGlobal(node, "wsrep_provider_options = 'gmcast.isolate=1'");
    }

    /** Ends the node's isolation and has it join the cluster again; waits until it is Synced. */
    void reconnect(int node) throws SQLException, InterruptedException {
        setGlobal(node, "wsrep_provider_options = 'gmcast.isolate=0'");
        String peers;
        try (Connection connection = open(node, ""); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT @@wsrep_cluster_address")) {
            rows.next();
            peers = rows.getString(1);
        }
        setGlobal(node, "wsrep_cluster_address = '" + peers + "'");
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!synced(node)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("node " + node + " did not rejoin within 60 s");
            }
            Thread.sleep(200);
        }
    }

    /** The node's view of the cluster: Primary when it is part of the majority. */
    String clusterStatus(int node) throws SQLException {
        try (Connection connection = open(node, ""); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW STATUS LIKE 'wsrep_cluster_status'")) {
            return rows.next() ? rows.getString(2) : "";
        }
    }

    private void setGlobal(int node, String assignment) throws SQLException {
        try (Connection connection = open(node, ""); Statement statement = connection.createStatement()) {
            statement.execute("SET GLOBAL " + assignment);
        }
    }

    /** Whether the node's server answers at all (it may answer outside the cluster). */
    boolean answers(int node) {
        try (Connection connection = open(node, "")) {
            return connection.isValid(2);
        } catch (SQLException e) {
            return false;
        }
    }

    boolean synced(int node) {
        try (Connection connection = open(node, ""); Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SHOW STATUS WHERE Variable_name IN"
                     + " ('wsrep_local_state_comment', 'wsrep_cluster_size')")) {
            String state = "";
            String size = "";
            while (rows.next()) {
                if (rows.getString(1).equals("wsrep_cluster_size")) {
                    size = rows.getString(2);
                } else {
                    state = rows.getString(2);
                }
            }
            return state.equals("Synced") && size.equals(String.valueOf(nodes.size()));
        } catch (SQLException e) {
            return false;
        }
    }

    List<Integer> nodeNumbers() {
        return IntStream.rangeClosed(1, nodes.size()).boxed().toList();
    }

    static long count(Connection connection, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
            rows.next();
            return rows.getLong(1);
        }
    }
}
