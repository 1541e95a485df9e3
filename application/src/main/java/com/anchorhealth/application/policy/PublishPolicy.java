package com.anchorhealth.application.policy;

import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.port.out.policy.PolicyCodec;
import com.anchorhealth.application.port.out.policy.PolicyPublication;
import com.anchorhealth.application.port.out.policy.PolicyVersions;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.write.IdempotentWrites;
import com.anchorhealth.domain.policy.Policy;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Instant;

/**
 * Publishes a validated policy as the next version, in force from its effective instant (never in
 * the past: decisions already made keep the version they named), with the caller's actor as its author
 * and the command's note. Idempotent on the request id.
 */
@Singleton
public final class PublishPolicy {
    static final String OPERATION = "PublishPolicy";

    private final PolicyVersions versions;
    private final IdempotentWrites writes;
    private final PolicyCodec codec;
    private final PolicyBook book;
    private final Clock clock;

    @Inject
    public PublishPolicy(PolicyVersions versions, IdempotentWrites writes, PolicyCodec codec,
                         PolicyBook book, Clock clock) {
        this.versions = versions;
        this.writes = writes;
        this.codec = codec;
        this.book = book;
        this.clock = clock;
    }

    public Policy publish(PublishPolicyCommand command, String actor, Deadline deadline) {
        String fingerprint = command.fingerprint(codec.encode(command.candidate().withVersion(0, Instant.EPOCH)));
        IdempotentWrites.Call call = new IdempotentWrites.Call(actor, OPERATION, command.requestId(), fingerprint);
        // No row to lock: two publications of the next version conflict on it, and the loser runs again.
        Policy published = writes.write(call, deadline, Policy.class, versions::all, stored -> {
            Instant now = clock.instant();
            Instant effectiveAt = command.effectiveAt().orElse(now);
            if (effectiveAt.isBefore(now)) {
                throw InvalidRequestException.of("effective_at", "must not be in the past");
            }
            long next = stored.isEmpty() ? 1 : stored.get(stored.size() - 1).version() + 1;
            Policy policy = command.candidate().withVersion(next, effectiveAt);
            versions.insert(policy, new PolicyPublication(now, actor, command.note()));
            return new IdempotentWrites.Done<>(policy, "policies/" + next);
        }, name -> {
            long version = Long.parseLong(name.substring(name.lastIndexOf('/') + 1));
            return versions.all().stream().filter(policy -> policy.version() == version).findFirst().orElseThrow();
        });
        book.add(published);
        return published;
    }
}
