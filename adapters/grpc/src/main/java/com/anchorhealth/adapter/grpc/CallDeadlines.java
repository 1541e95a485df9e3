package com.anchorhealth.adapter.grpc;

import com.anchorhealth.application.call.Deadline;
import io.grpc.Context;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/** The deadline of the call being served, as the application counts it; a bound for callers that set none. */
final class CallDeadlines {
    private CallDeadlines() {
    }

    static Deadline current() {
        io.grpc.Deadline deadline = Context.current().getDeadline();
        return deadline == null ? Deadline.ofCallerWithoutOne()
                : Deadline.after(Duration.ofNanos(deadline.timeRemaining(TimeUnit.NANOSECONDS)));
    }
}
