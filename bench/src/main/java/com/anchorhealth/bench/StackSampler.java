package com.anchorhealth.bench;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A poor man's profiler: every 10 ms, the stacks of the threads whose names start with a prefix,
 * each sample keyed by its innermost frame of the project (com.anchorhealth) and whether the thread
 * is reading a socket (that is, waiting for the database to answer). Cheap enough to run during a
 * benchmark, and enough to say where the time of a write goes.
 */
final class StackSampler {
    private final Map<String, Integer> counts = new HashMap<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final Thread thread;
    private int total;
    private int busy;
    private int rounds;

    private StackSampler(String prefix) {
        thread = new Thread(() -> {
            while (running.get()) {
                synchronized (this) {
                    rounds++;
                }
                for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
                    if (entry.getKey().getName().startsWith(prefix)) {
                        record(entry.getValue());
                    }
                }
                try {
                    Thread.sleep(10);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "stack-sampler");
        thread.setDaemon(true);
    }

    static StackSampler start(String threadNamePrefix) {
        StackSampler sampler = new StackSampler(threadNamePrefix);
        sampler.thread.start();
        return sampler;
    }

    private synchronized void record(StackTraceElement[] stack) {
        boolean socketRead = false;
        String frame = null;
        for (StackTraceElement element : stack) {
            String name = element.getClassName();
            if (!socketRead && frame == null && (name.contains("SocketInputStream") || name.contains("NioSocketImpl")
                    || name.contains("SocketDispatcher")) && element.getMethodName().startsWith("read")) {
                socketRead = true;
            }
            if (frame == null && name.startsWith("com.anchorhealth.")) {
                frame = name.substring(name.lastIndexOf('.') + 1) + "." + element.getMethodName();
            }
        }
        total++;
        if (frame == null) {
            return;
        }
        busy++;
        counts.merge((socketRead ? "[db] " : "[cpu] ") + frame, 1, Integer::sum);
    }

    /** Shares of the busy samples (threads handling a call), largest first. */
    synchronized Map<String, Double> stop() {
        running.set(false);
        thread.interrupt();
        Map<String, Double> shares = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed())
                .forEach(e -> shares.put(e.getKey(), e.getValue() / (double) busy));
        return shares;
    }

    /** How many of the sampled threads were handling a call, on average. */
    synchronized double averageBusyThreads() {
        return rounds == 0 ? 0 : busy / (double) rounds;
    }
}
