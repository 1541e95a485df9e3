package com.anchorhealth.examples;

import com.anchorhealth.api.v1.BatchCheckCapabilitiesRequest;
import com.anchorhealth.api.v1.Capability;
import com.anchorhealth.api.v1.CapabilityServiceGrpc;
import com.anchorhealth.api.v1.CheckCapabilityRequest;
import com.anchorhealth.api.v1.Decision;
import io.grpc.Channel;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What recommendation, PK matching and gifting do before they act: ask whether an anchor may, within
 * a deadline that fits their own, and for a whole page of live rooms at once.
 */
public final class CapabilityChecks {
    /** A live room on a page the recommender is about to show. */
    public record LiveRoom(String roomId, String anchorId) {
    }

    private final CapabilityServiceGrpc.CapabilityServiceBlockingStub stub;
    private final Duration deadline;

    public CapabilityChecks(Channel channel, Duration deadline) {
        this.stub = CapabilityServiceGrpc.newBlockingStub(channel);
        this.deadline = deadline;
    }

    /**
     * One check. The deadline covers the retries the service config allows: a call that cannot be
     * answered in time fails with DEADLINE_EXCEEDED, and the caller decides (for a recommendation,
     * leaving the room out is the safe default).
     */
    public Decision check(String anchorId, Capability capability) {
        return stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
                .checkCapability(CheckCapabilityRequest.newBuilder()
                        .setAnchorId(anchorId).setCapability(capability).build());
    }

    /**
     * The rooms of a page whose anchors may be recommended, in page order: one call for the page (up
     * to 1000 rooms) rather than one per room. Decisions come back in request order.
     */
    public List<LiveRoom> recommendable(List<LiveRoom> page) {
        BatchCheckCapabilitiesRequest.Builder batch = BatchCheckCapabilitiesRequest.newBuilder();
        page.forEach(room -> batch.addChecks(CheckCapabilityRequest.newBuilder()
                .setAnchorId(room.anchorId()).setCapability(Capability.LIVE_RECOMMENDATION)));
        List<Decision> decisions = stub.withDeadlineAfter(deadline.toNanos(), TimeUnit.NANOSECONDS)
                .batchCheckCapabilities(batch.build()).getDecisionsList();
        List<LiveRoom> allowed = new ArrayList<>();
        for (int i = 0; i < page.size(); i++) {
            if (decisions.get(i).getAllowed()) {
                allowed.add(page.get(i));
            }
        }
        return allowed;
    }
}
