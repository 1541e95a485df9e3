package com.anchorhealth.application.violation;

import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.error.ApplicationException;
import com.anchorhealth.application.error.DeadlineExceededException;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.error.StoreTimeoutException;
import com.anchorhealth.application.error.StoreUnavailableException;
import com.anchorhealth.application.guild.GuildPenalties;
import com.anchorhealth.application.port.out.IdempotencyRecord;
import com.anchorhealth.application.port.out.Transactions;
import com.anchorhealth.application.port.out.anchor.AnchorChanges;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.KeptViolation;
import com.anchorhealth.application.port.out.anchor.Locking;
import com.anchorhealth.application.port.out.anchor.NewViolation;
import com.anchorhealth.application.port.out.feed.PositionedChange;
import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.application.write.IdempotentWrites;
import com.anchorhealth.domain.anchor.Anchor;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.violation.RecordedViolation;
import com.anchorhealth.domain.vocabulary.AnchorId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;

/**
 * The one write path of violations: a group of requests (a single call, a batch, or concurrent calls
 * sharing a commit) in one transaction. Their anchors are locked at once in id order, then the guilds
 * they may charge, without waiting for those another transaction holds when the caller says so (their
 * requests answer {@link ItemResult#HELD}); each other request is then answered in request order, as
 * a single call would be: a new violation is priced by the anchor aggregate against the facts on its
 * row (its history is never read), a retry gets the first result rebuilt from the violation its key
 * names, a reused request id or a bad request is refused; then every table is written in one
 * statement, and the standing index learns the new facts after the commit.
 */
@Singleton
public final class ViolationWriter {
    /** How many times a group of several requests runs before it is split into requests written alone. */
    static final int GROUP_RUNS = 3;
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

    /**
     * A valid command, who sends it, whether its caller has stopped waiting (it is then not written),
     * and its idempotency key and fingerprint, derived once from the command: a request is keyed several
     * times on its way, and a class, unlike a record, lets no caller hand in a key of other content.
     */
    public static final class Request {
        private final RecordViolationCommand command;
        private final String actor;
        private final BooleanSupplier abandoned;
        private final IdempotentWrites.Call call;

        public Request(RecordViolationCommand command, String actor, BooleanSupplier abandoned) {
            this.command = command;
            this.actor = actor;
            this.abandoned = abandoned;
            this.call = new IdempotentWrites.Call(actor, OPERATION, command.requestId(), command.fingerprint());
        }

        public RecordViolationCommand command() {
            return command;
        }

        public String actor() {
            return actor;
        }

        public BooleanSupplier abandoned() {
            return abandoned;
        }

        public IdempotentWrites.Call call() {
            return call;
        }
    }

    /**
     * One request's result: the violation, or why it was refused, or {@link #HELD} when another
     * transaction held its anchor or guild and nothing was written for it.
     */
    public record ItemResult(ViolationView violation, RuntimeException error) {
        /** Written by nobody yet: its anchor, or the guild it charges, was held elsewhere. */
        public static final ItemResult HELD = new ItemResult(null, null);

        public boolean succeeded() {
            return violation != null;
        }

        public boolean held() {
            return violation == null && error == null;
        }
    }

    /**
     * Answers each request in order. A database outage, or the deadline, fails them all (nothing was
     * written); any other failure of the shared transaction is one request's own, so each is then
     * written alone and only that one fails. No statement outlives {@code deadline}, across retries.
     * With {@link Locking#SKIP_HELD} nothing waits for a lock: requests whose anchor another
     * transaction holds answer {@link ItemResult#HELD}.
     */
    public List<ItemResult> recordEach(List<Request> requests, Deadline deadline, Locking locking) {
        Group group;
        AtomicBoolean firstRun = new AtomicBoolean(true);
        try {
            // A group that keeps losing races is split (below): only a single request waits out its deadline.
            group = IdempotentWrites.retryingConflicts(deadline, requests.size() == 1 ? Integer.MAX_VALUE : GROUP_RUNS,
                    () -> transactions.inTransaction(deadline, () -> write(requests, locking,
                            !firstRun.getAndSet(false))));
        } catch (StoreUnavailableException | StoreTimeoutException sharedFate) {
            throw sharedFate;
        } catch (RuntimeException failed) {
            if (requests.size() == 1) {
                throw failed;
            }
            return requests.stream().map(request -> alone(request, deadline, locking)).toList();
        }
        // Published after commit: a check never sees a violation that rolled back.
        publisher.publish(group.newest.values(), group.newViolations.stream().map(NewViolation::violation).toList(),
                group.positioned, group.guildsRemoved);
        return Arrays.asList(group.results);
    }

    private ItemResult alone(Request request, Deadline deadline, Locking locking) {
        try {
            return recordEach(List.of(request), deadline, locking).get(0);
        } catch (StoreUnavailableException | StoreTimeoutException sharedFate) {
            throw sharedFate;
        } catch (RuntimeException failed) {
            return new ItemResult(null, failed);
        }
    }

    /** What one transaction decided: every request's result, each changed anchor's newest state, and what it writes. */
    private static final class Group {
        final ItemResult[] results;
        final Map<AnchorId, Anchor> newest = new LinkedHashMap<>();
        final List<ScoreEvent> entries = new ArrayList<>();
        final List<StandingChange> standingChanges = new ArrayList<>();
        final List<NewViolation> newViolations = new ArrayList<>();
        List<PositionedChange> positioned = List.of();
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

        /** A new violation of {@code anchorId}, recorded by {@code request}: the caller's answer. */
        ItemResult add(AnchorId anchorId, ViolationPricing.Priced priced, Request request) {
            Anchor.ViolationChange change = priced.change();
            newViolations.add(new NewViolation(change.violation(), request.actor(), request.call().fingerprint(),
                    change.after().facts()));
            change.entry().ifPresent(entries::add);
            if (change.entry().isPresent() || change.changesChecks()) {
                newest.put(anchorId, change.after());
            }
            priced.standingChange().ifPresent(standingChanges::add);
            return new ItemResult(priced.view(), null);
        }

        AnchorChanges.Written written() {
            return new AnchorChanges.Written(newViolations, entries, List.copyOf(newest.values()), standingChanges);
        }
    }

    /**
     * {@code readKeys}: whether the requests' keys are read before they are written. The first run
     * does not read them: a violation is its own key, unique per caller and request id, so a request
     * whose key was taken (a retry, mostly) fails the write as a conflict, and the run after it reads
     * them. Retries are rare; a read of every group's keys cost each group a statement and a round trip.
     */
    private Group write(List<Request> requests, Locking locking, boolean readKeys) {
        Group group = new Group(requests.size());
        TreeSet<AnchorId> anchorIds = new TreeSet<>(Comparator.comparing(AnchorId::value));
        requests.forEach(request -> anchorIds.add(request.command().anchorId()));
        AnchorChanges.Locked locked = changes.lockAll(anchorIds, locking);
        ViolationPricing.Terms terms = pricing.terms();
        Set<AnchorId> held = new HashSet<>(locked.held());
        held.addAll(anchorsOfHeldGuilds(requests, locked, terms, locking));
        // Read under the locks: a concurrent call with one of these keys has committed by now.
        Map<IdempotencyRecord.Key, KeptViolation> taken = readKeys ? retries.taken(requests) : Map.of();
        Map<IdempotencyRecord.Key, Integer> firstOfKey = new HashMap<>();
        Set<IdempotencyRecord.Key> heldKeys = new HashSet<>();
        for (int i = 0; i < requests.size(); i++) {
            Request request = requests.get(i);
            AnchorId anchorId = request.command().anchorId();
            IdempotentWrites.Call call = request.call();
            if (held.contains(anchorId) || heldKeys.contains(call.key())) {
                // Its key's first use waits with it, so that a repeat is never recorded ahead of its first.
                heldKeys.add(call.key());
                group.results[i] = ItemResult.HELD;
                continue;
            }
            Integer earlier = firstOfKey.putIfAbsent(call.key(), i);
            try {
                if (request.abandoned().getAsBoolean()) {
                    throw new DeadlineExceededException("the caller stopped waiting before the violation was written; "
                            + "a retry with the same request_id records it at most once");
                } else if (earlier != null) {
                    group.results[i] = ViolationRetries.repeatOf(group.results[earlier], requests.get(earlier), call);
                } else if (taken.containsKey(call.key())) {
                    group.results[i] = retries.firstResponse(request, taken.get(call.key()));
                } else {
                    ViolationPricing.Priced priced = pricing.price(group.anchorOf(anchorId, locked.rows()), request, terms);
                    group.results[i] = group.add(anchorId, priced, request);
                }
            } catch (ApplicationException refused) {
                group.results[i] = new ItemResult(null, refused);
            }
        }
        if (group.newViolations.isEmpty()) {
            return group;
        }
        for (NewViolation recorded : group.newViolations) {
            RecordedViolation violation = recorded.violation();
            if (penalties.chargeMember(locked.rows().get(violation.anchorId()).profile().guildId(), violation,
                    terms.policy().guildRules(), terms.now(), recorded.caller())) {
                group.guildsRemoved++;
            }
        }
        group.positioned = changes.writeLast(group.written(), terms.now());
        return group;
    }

    /**
     * Locks the guilds that the group's violations may charge, after its anchors, and answers the
     * anchors whose guild another transaction holds: their requests wait with that guild's writer.
     */
    private Set<AnchorId> anchorsOfHeldGuilds(List<Request> requests, AnchorChanges.Locked locked,
                                             ViolationPricing.Terms terms, Locking locking) {
        Map<String, Set<AnchorId>> membersCharged = new HashMap<>();
        for (Request request : requests) {
            AnchorRecord anchor = locked.rows().get(request.command().anchorId());
            if (anchor != null && ViolationPricing.mayChargeGuild(request.command(), terms)) {
                anchor.profile().guildId().ifPresent(guildId -> membersCharged.computeIfAbsent(guildId,
                        id -> new HashSet<>()).add(anchor.profile().anchorId()));
            }
        }
        Set<AnchorId> waiting = new HashSet<>();
        penalties.lockToCharge(membersCharged.keySet(), locking).forEach(guildId ->
                waiting.addAll(membersCharged.get(guildId)));
        return waiting;
    }
}
