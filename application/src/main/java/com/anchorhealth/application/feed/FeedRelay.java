package com.anchorhealth.application.feed;

import com.anchorhealth.application.port.out.feed.ChangePublisher;
import com.anchorhealth.application.port.out.feed.FeedPage;
import com.anchorhealth.application.port.out.feed.PositionedChange;
import com.anchorhealth.application.port.out.feed.RelayLeases;
import com.anchorhealth.application.port.out.feed.RelayedChange;
import com.anchorhealth.application.port.out.feed.StandingFeed;
import com.anchorhealth.application.standing.CommitSignal;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.sanction.ThresholdWarning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.logging.Logger;

/**
 * Relays the change feed to a publisher (a message broker), page by page in feed order, recording in
 * the store the position the publisher last acknowledged, so that after any restart the relay resumes
 * there: every change is published at least once, a repeat carrying its position. One instance at a
 * time relays, the one holding the relay's lease; the others only measure its lag, and take over once
 * the lease expires. A publisher that fails ends the round; the next round publishes again from the
 * recorded position. Between rounds the holder waits for this server's next commit ({@link CommitSignal})
 * or its poll interval, whichever comes first.
 */
public final class FeedRelay {
    private static final Logger LOG = Logger.getLogger(FeedRelay.class.getName());
    /**
     * Changes published, and acknowledged, at a time: one Kafka transaction, whose commit (not the
     * records) is most of a page's round, so that a burst of two batches of 1,000 goes out in one.
     */
    static final int PAGE_SIZE = 2000;
    /**
     * The holder renews its lease once this share of the term has passed, not at every page: under
     * load the relay runs several rounds a second, and a renewal is four statements of each.
     */
    static final int RENEWALS_PER_TERM = 10;

    private final String relay;
    private final String holder;
    private final Duration leaseTerm;
    private final StandingFeed feed;
    private final RelayLeases leases;
    private final ChangePublisher publisher;
    private final PolicyBook policies;
    private final CommitSignal commits;
    private final Clock clock;

    private volatile boolean holding;
    /** While holding: the position recorded last, and when the lease was last renewed. */
    private long relayedThrough;
    private Instant renewedAt = Instant.MIN;
    private volatile boolean lastRoundFailed;
    private volatile boolean stopped;
    private volatile long lagPositions;
    private volatile Duration lagTime = Duration.ZERO;

    /**
     * {@code relay} names the destination; {@code holder} this instance, uniquely; an instance that
     * dies keeps the lease for up to {@code leaseTerm}, so rounds must come well within it.
     */
    public FeedRelay(String relay, String holder, Duration leaseTerm, StandingFeed feed, RelayLeases leases,
                     ChangePublisher publisher, PolicyBook policies, CommitSignal commits, Clock clock) {
        this.relay = relay;
        this.holder = holder;
        this.leaseTerm = leaseTerm;
        this.feed = feed;
        this.leases = leases;
        this.publisher = publisher;
        this.policies = policies;
        this.commits = commits;
        this.clock = clock;
    }

    /**
     * One round: takes the lease, or renews it when due, and, holding it, publishes every change after
     * the recorded position until caught up; without it, measures the holder's lag. Throws
     * {@link ChangePublisher.Unavailable} when the publisher fails, and the store's errors when it does.
     */
    public synchronized void relay() {
        if (stopped) {
            return;
        }
        lastRoundFailed = true;
        relayRound();
        lastRoundFailed = false;
    }

    /**
     * Waits for the next round. The holder, its last round done, waits until this server commits
     * changes, at most {@code interval}: a change committed here goes out within one round of its
     * commit, not after the rest of an interval. Otherwise (another instance relays, or the publisher
     * or the store failed) it waits the whole interval, so that a broker that is down is not tried
     * again at every commit.
     */
    public void awaitNextRound(Duration interval) throws InterruptedException {
        if (holding && !lastRoundFailed) {
            commits.await(interval);
        } else {
            Thread.sleep(interval.toMillis());
        }
    }

    private void relayRound() {
        long position = lease();
        if (!holding) {
            measureLag(feed.readAfter(position, 1), position);
            return;
        }
        while (true) {
            FeedPage page = feed.readAfter(position, PAGE_SIZE);
            if (page.bounds().pruned(position)) {
                LOG.warning("the change feed was pruned past the relay's position " + position + " (--outbox-retention-hours):"
                        + " the changes through " + page.bounds().prunedThrough() + " were never relayed");
                position = page.bounds().prunedThrough();
                if (!advance(position)) {
                    return;
                }
                continue;
            }
            measureLag(page, position);
            List<PositionedChange> changes = page.changes();
            if (changes.isEmpty()) {
                return;
            }
            publisher.publish(changes.stream().map(this::describe).toList());
            position = changes.get(changes.size() - 1).position();
            if (!advance(position)) {
                return;
            }
            if (changes.size() < PAGE_SIZE) {
                measureLag(feed.readAfter(position, 1), position);
                return;
            }
            position = lease();
            if (!holding) {
                return;
            }
        }
    }

    /**
     * Relays no more, and frees the lease, if this instance holds it, for another instance to take
     * over at once.
     */
    public synchronized void stop() {
        stopped = true;
        if (holding) {
            holding = false;
            leases.release(relay, holder);
        }
    }

    public boolean stopped() {
        return stopped;
    }

    public boolean holding() {
        return holding;
    }

    /** Changes committed to the feed and not yet relayed, as last measured. */
    public long lagPositions() {
        return lagPositions;
    }

    /** How long the oldest change not yet relayed has waited, as last measured. */
    public Duration lagTime() {
        return lagTime;
    }

    /**
     * Takes the lease, or renews it once a tenth of its term has passed since the last renewal; in
     * between, the holder's recorded position is its own (no other instance advances it, and every
     * advance checks that this one still holds the lease). Answers the position to relay after.
     */
    private long lease() {
        Instant now = clock.instant();
        if (holding && now.isBefore(renewedAt.plus(leaseTerm.dividedBy(RENEWALS_PER_TERM)))) {
            return relayedThrough;
        }
        RelayLeases.Lease lease = leases.acquire(relay, holder, now, leaseTerm, feed.bounds().prunedThrough());
        if (lease.held() && !holding) {
            LOG.info("relaying the change feed to " + relay + " after position " + lease.relayedThrough());
        }
        holding = lease.held();
        renewedAt = now;
        relayedThrough = lease.relayedThrough();
        return relayedThrough;
    }

    /** Records the position, as long as this instance still holds the lease; answers whether it does. */
    private boolean advance(long position) {
        holding = leases.advance(relay, holder, position);
        if (holding) {
            relayedThrough = position;
        }
        return holding;
    }

    /** From a page read after the relayed position: its first change is the oldest waiting. */
    private void measureLag(FeedPage page, long relayedThrough) {
        lagPositions = Math.max(0, page.bounds().lastPosition() - relayedThrough);
        lagTime = page.changes().isEmpty() ? Duration.ZERO
                : positive(Duration.between(page.changes().get(0).change().createdAt(), clock.instant()));
    }

    private static Duration positive(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }

    /** The policy in force when the change was made gives its version and its warning. */
    private RelayedChange describe(PositionedChange positioned) {
        Instant madeAt = positioned.change().createdAt();
        Policy policy = policies.inForceAt(madeAt);
        return new RelayedChange(positioned.position(), positioned.change(), policy.version(),
                ThresholdWarning.of(policy, positioned.change().newScore()));
    }
}
