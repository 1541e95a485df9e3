package com.anchorhealth.application.recovery;

import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.anchor.Locking;
import com.anchorhealth.application.port.out.feed.ChangeCause;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.application.write.AnchorWrite;
import com.anchorhealth.application.write.AnchorWriter;
import com.anchorhealth.application.write.Applied;
import com.anchorhealth.application.write.GroupCommit;
import com.anchorhealth.application.write.IdempotentWrites;
import com.anchorhealth.application.write.KeptKeys;
import com.anchorhealth.application.write.StandingChanges;
import com.anchorhealth.application.write.WriteTerms;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.score.AnchorScore;
import com.anchorhealth.domain.vocabulary.AnchorId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Time-based recovery, run by a scheduled job: each anchor below its initial score earns the credits
 * its clean time (since its last counted violation or the clean time its last credit used) is worth
 * under the policy in force. The anchors are credited by the one writer of anchor changes, a group at
 * a time. Safe to run twice, and by two instances at once: each anchor is re-read under its lock, and
 * a credit records the clean time it used, so it is never paid twice.
 */
@Singleton
public final class RecoverScores {
    static final String ACTOR = "recovery-job";

    private final AnchorWriter writer;
    private final Anchors anchors;
    private final ScoreRecovery recovery;
    private final StandingChanges standingChanges;
    private final PolicyBook policies;
    private final Clock clock;

    @Inject
    public RecoverScores(AnchorWriter writer, Anchors anchors, ScoreRecovery recovery, StandingChanges standingChanges,
                         PolicyBook policies, Clock clock) {
        this.writer = writer;
        this.anchors = anchors;
        this.recovery = recovery;
        this.standingChanges = standingChanges;
        this.policies = policies;
        this.clock = clock;
    }

    /** What one run did. */
    public record Run(long anchorsBelowInitial, long anchorsCredited, long points) {
    }

    public Run runOnce() {
        if (!policies.inForceAt(clock.instant()).recovery().timeBased()) {
            return new Run(0, 0, 0);
        }
        long[] counts = new long[3];
        List<AnchorWriter.Request<Integer>> group = new ArrayList<>(GroupCommit.MAX_GROUP);
        anchors.forEach(record -> {
            AnchorScore score = record.score();
            if (score.score() >= score.initialScore() || record.anchor().cleanSince().isEmpty()) {
                return;
            }
            counts[0]++;
            group.add(AnchorWriter.Request.awaited(new TimeCredit(score.anchorId())));
            if (group.size() == GroupCommit.MAX_GROUP) {
                credit(group, counts);
            }
        });
        credit(group, counts);
        return new Run(counts[0], counts[1], counts[2]);
    }

    private void credit(List<AnchorWriter.Request<Integer>> group, long[] counts) {
        if (group.isEmpty()) {
            return;
        }
        for (AnchorWriter.ItemResult<Integer> credited : writer.writeEach(group, Deadline.ofCallerWithoutOne(),
                Locking.WAIT)) {
            if (!credited.succeeded()) {
                throw credited.error();
            }
            counts[1] += credited.answer() > 0 ? 1 : 0;
            counts[2] += credited.answer();
        }
        group.clear();
    }

    /** The clean time one anchor is owed, under the rules in force when its group is written: the points credited. */
    private final class TimeCredit implements AnchorWrite<Integer> {
        private final AnchorId anchorId;

        TimeCredit(AnchorId anchorId) {
            this.anchorId = anchorId;
        }

        @Override
        public AnchorId anchorId() {
            return anchorId;
        }

        @Override
        public Optional<IdempotentWrites.Call> call() {
            return Optional.empty();
        }

        @Override
        public Set<String> guildsToLock(Optional<AnchorRecord> anchor, WriteTerms terms) {
            return Set.of();
        }

        @Override
        public Applied<Integer> apply(Optional<AnchorRecord> anchor, WriteTerms terms) {
            Optional<Anchor.Change> credit = anchor.flatMap(locked -> recovery.creditCleanTime(locked,
                    terms.policy().recovery(), terms.now(), ACTOR));
            String name = AnchorNames.anchor(anchorId);
            return credit.map(change -> Applied.ofChange(change.entry().delta(), name, change,
                            standingChanges.changeOf(change, terms, ChangeCause.RECOVERY, Optional.empty())))
                    .orElseGet(() -> Applied.answering(0, name));
        }

        @Override
        public Optional<Integer> firstAnswer(KeptKeys kept) {
            return Optional.empty();
        }
    }
}
