package com.anchorhealth.application.violation;

import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.error.ApplicationException;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.guild.GuildPenalties;
import com.anchorhealth.application.port.out.AnchorChanges;
import com.anchorhealth.application.port.out.AnchorRecord;
import com.anchorhealth.application.port.out.IdempotencyRecord;
import com.anchorhealth.application.port.out.StandingChange;
import com.anchorhealth.application.port.out.Transactions;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.application.write.IdempotentWrites;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.vocabulary.AnchorId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The one write path of violations: a group of requests (a single call, a batch, or concurrent calls
 * sharing a commit) in one transaction. Their anchors are locked at once in id order; each request
 * is then answered in request order, as a single call would be: a new violation is priced by the
 * anchor aggregate against the facts on its row (its history is never read), a retry gets the first
 * result, a reused request id or a bad request is refused; then every table is written in one
 * statement, and the standing index learns the new facts after the commit.
 */
@Singleton
public final class ViolationWriter {
    static final String OPERATION = "RecordViolation";

    private final Transactions transactions;
    private final AnchorChanges changes;
    private final ViolationRetries retries;
    private final ViolationPricing pricing;
    private final GuildPenalties penalties;
    private final ViolationPublisher publisher;

    @Inject
    ViolationWriter(Transactions transactions, AnchorChanges changes, ViolationRetries retries,
                    ViolationPricing pricing, GuildPenalties penalties, ViolationPublisher publisher) {
        this.transactions = transactions;
        this.changes = changes;
        this.retries = retries;
        this.pricing = pricing;
        this.penalties = penalties;
        this.publisher = publisher;
    }

    /** A valid command and who sends it. */
    public record Request(RecordViolationCommand command, String actor) {
        IdempotentWrites.Call call() {
            return new IdempotentWrites.Call(actor, OPERATION, command.requestId(), command.fingerprint());
        }
    }

    /** One request's result: the violation, or why it was refused. */
    public record ItemResult(ViolationView violation, ApplicationException error) {
        public boolean succeeded() {
            return violation != null;
        }
    }

    /**
     * Answers each request in order; a database failure fails them all (nothing was written). No
     * statement outlives {@code patience}.
     */
    public List<ItemResult> recordEach(List<Request> requests, Duration patience) {
        Deadline deadline = Deadline.after(patience);
        Group group = IdempotentWrites.retryingConflicts(() -> transactions.inTransaction(deadline,
                () -> write(requests)));
        // Published after commit: a check never sees a violation that rolled back.
        publisher.publish(group.newest.values(), group.recorded, group.guildsRemoved);
        return Arrays.asList(group.results);
    }

    /** What one transaction decided: every request's result, each changed anchor's newest state, and what it writes. */
    private static final class Group {
        final ItemResult[] results;
        final Map<AnchorId, Anchor> newest = new LinkedHashMap<>();
        final List<RecordedViolation> recorded = new ArrayList<>();
        final List<ScoreEvent> entries = new ArrayList<>();
        final List<StandingChange> outbox = new ArrayList<>();
        final List<IdempotencyRecord> newKeys = new ArrayList<>();
        int guildsRemoved;

        Group(int size) {
            results = new ItemResult[size];
        }

        /** The anchor as the group has left it so far, so that each request follows the ones before it. */
        Anchor anchorOf(AnchorId anchorId, Map<AnchorId, AnchorRecord> locked) {
            AnchorRecord record = locked.get(anchorId);
            if (record == null) {
                throw new NotFoundException("Anchor", AnchorNames.anchor(anchorId));
            }
            return newest.getOrDefault(anchorId, record.anchor());
        }

        /** A new violation of {@code anchorId} and the key it leaves: the caller's answer. */
        ItemResult add(AnchorId anchorId, ViolationPricing.Priced priced, IdempotencyRecord key) {
            Anchor.ViolationChange change = priced.change();
            recorded.add(change.violation());
            change.entry().ifPresent(entries::add);
            if (change.entry().isPresent() || change.changesChecks()) {
                newest.put(anchorId, change.after());
            }
            priced.outboxRow().ifPresent(outbox::add);
            newKeys.add(key);
            return new ItemResult(priced.view(), null);
        }

        AnchorChanges.Written written() {
            return new AnchorChanges.Written(recorded, entries, List.copyOf(newest.values()), outbox, newKeys);
        }
    }

    private Group write(List<Request> requests) {
        Group group = new Group(requests.size());
        TreeSet<AnchorId> anchorIds = new TreeSet<>(Comparator.comparing(AnchorId::value));
        requests.forEach(request -> anchorIds.add(request.command().anchorId()));
        Map<AnchorId, AnchorRecord> locked = changes.lockAll(anchorIds);
        // Read under the locks: a concurrent call with one of these keys has committed by now.
        Map<IdempotencyRecord.Key, IdempotencyRecord> taken = retries.taken(requests);
        Map<IdempotencyRecord.Key, Integer> firstOfKey = new HashMap<>();
        ViolationPricing.Terms terms = pricing.terms();
        for (int i = 0; i < requests.size(); i++) {
            Request request = requests.get(i);
            AnchorId anchorId = request.command().anchorId();
            IdempotentWrites.Call call = request.call();
            Integer earlier = firstOfKey.putIfAbsent(call.key(), i);
            try {
                if (earlier != null) {
                    group.results[i] = ViolationRetries.repeatOf(group.results[earlier], requests.get(earlier), call);
                } else if (taken.containsKey(call.key())) {
                    group.results[i] = retries.firstResponse(request, taken.get(call.key()));
                } else {
                    ViolationPricing.Priced priced = pricing.price(group.anchorOf(anchorId, locked), request, terms);
                    group.results[i] = group.add(anchorId, priced, retries.key(request, priced.view()));
                }
            } catch (ApplicationException refused) {
                group.results[i] = new ItemResult(null, refused);
            }
        }
        if (group.newKeys.isEmpty()) {
            return group;
        }
        // Guild rows are locked after every anchor row, the order every writer keeps.
        for (int i = 0; i < group.recorded.size(); i++) {
            RecordedViolation violation = group.recorded.get(i);
            // Each new violation has its request key at the same position, naming the caller who recorded it.
            if (penalties.chargeMember(locked.get(violation.anchorId()).profile().guildId(), violation,
                    terms.policy().guildRules(), terms.now(), group.newKeys.get(i).actor())) {
                group.guildsRemoved++;
            }
        }
        changes.write(group.written(), terms.now());
        return group;
    }
}
