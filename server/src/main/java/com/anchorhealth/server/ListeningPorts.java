package com.anchorhealth.server;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ports the server will listen on, checked before anything else happens (migrations, the standings'
 * load, the first "listening" line): a port that is taken stops the start at once, naming its flag.
 */
final class ListeningPorts {
    private ListeningPorts() {
    }

    /** Each flag's port, in the order given; port 0 (any free port) and a port turned off are left out. */
    static void requireFree(String host, Map<String, Integer> portsByFlag) {
        Map<Integer, String> seen = new HashMap<>();
        for (Map.Entry<String, Integer> entry : new LinkedHashMap<>(portsByFlag).entrySet()) {
            int port = entry.getValue();
            if (port == 0) {
                continue;
            }
            String flag = entry.getKey();
            String earlier = seen.putIfAbsent(port, flag);
            if (earlier != null) {
                throw new SettingsException(flag + " " + port + ": the same port as " + earlier);
            }
            try (ServerSocket socket = new ServerSocket()) {
                socket.bind(new InetSocketAddress(InetAddress.getByName(host), port));
            } catch (IOException e) {
                throw new SettingsException(flag + " " + port + ": " + host + ":" + port + " cannot be listened on ("
                        + e.getMessage() + "); is another server running there?");
            }
        }
    }
}
