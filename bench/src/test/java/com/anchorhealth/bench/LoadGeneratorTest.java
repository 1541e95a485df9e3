package com.anchorhealth.bench;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Quick checks of the load client against the bare Health server: a second or so, never a benchmark. */
class LoadGeneratorTest {

    @Test
    void aClosedLoopCompletesCallsAndRecordsTheirLatency() throws Exception {
        try (BareHealthServer server = new BareHealthServer(4, 100, 1 << 20)) {
            CapabilityBench.Target target = CapabilityBench.health("health", server.port(), 2);
            try (AutoCloseable channels = target.channels()) {
                LoadGenerator.Result result = LoadGenerator.closedLoop(target.call(), 4, Duration.ofMillis(1000),
                        Duration.ofMillis(500));
                assertTrue(result.completed() > 0, "completed " + result.completed());
                assertEquals(0, result.errors());
                assertEquals(result.completed(), result.latency().getTotalCount());
                assertTrue(result.p99Micros() >= result.p50Micros());
            }
        }
    }

    @Test
    void anOpenLoopIssuesCallsAtTheOfferedRate() throws Exception {
        try (BareHealthServer server = new BareHealthServer(4, 100, 1 << 20)) {
            CapabilityBench.Target target = CapabilityBench.health("health", server.port(), 1);
            try (AutoCloseable channels = target.channels()) {
                LoadGenerator.Result result = LoadGenerator.openLoop(target.call(), 500, Duration.ofMillis(200),
                        Duration.ofMillis(400));
                assertEquals(500, result.offeredRate(), 5);
                assertEquals(200, result.completed(), 3);
                assertEquals(0, result.errors());
            }
        }
    }

    @Test
    void argsTakeListsAndDefaults() {
        Args args = new Args(List.of("--concurrency", "1,16,64", "--seconds=20"));
        assertEquals(List.of(1, 16, 64), args.integers("concurrency", "1"));
        assertEquals(20, args.integer("seconds", 10));
        assertEquals(3, args.integer("reps", 3));
    }

    @Test
    void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
        assertEquals(2.5, Stats.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertEquals(2.0, Stats.median(List.of(3.0, 1.0, 2.0)));
    }
}
