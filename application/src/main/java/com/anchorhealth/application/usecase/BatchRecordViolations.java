package com.anchorhealth.application.usecase;

import com.anchorhealth.application.command.RecordViolationCommand;
import com.anchorhealth.application.error.ApplicationException;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.port.out.AnchorRecord;
import com.anchorhealth.application.port.out.Anchors;
import com.anchorhealth.application.port.out.ChangeCause;
import com.anchorhealth.application.port.out.Guilds;
import com.anchorhealth.application.port.out.IdGenerator;
import com.anchorhealth.application.port.out.IdempotencyKeys;
import com.anchorhealth.application.port.out.IdempotencyRecord;
import com.anchorhealth.application.port.out.Ledger;
import com.anchorhealth.application.port.out.PublicNotices;
import com.anchorhealth.application.port.out.StandingChange;
import com.anchorhealth.application.port.out.StandingOutbox;
import com.anchorhealth.application.port.out.Transactions;
import com.anchorhealth.application.port.out.Violations;
import com.anchorhealth.application.standing.PolicyBook;
import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.policy.Policy;
import com.anchorhealth.domain.sanction.StandingFacts;
import com.anchorhealth.domain.score.AnchorScore;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.violation.RecordedViolation;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;

/**
 * Records up to {@value #MAX_ITEMS} violations; each item succeeds or fails on its own, with the
 * same idempotency as a single call, and results come back in request order.
 *
 * <p>New items are written together, in one transaction with multi-row statements: their anchors
 * locked at once (in id order, so batches cannot deadlock each other or single calls), the earlier
 * violations read at once, every rule applied in memory in request order, then each table written
 * in one statement. Items already recorded (a retry) and repeats within the batch are answered as
 * a single call answers them, after the commit.
 */
public final class BatchRecordViolations {
    public static final int MAX_ITEMS = 1000;

    private final RecordViolation recordViolation;
    private final Transactions transactions;
    private final Anchors anchors;
    private final Violations violations;
    private final Ledger ledger;
    private final IdempotencyKeys keys;
    private final StandingOutbox outbox;
    private final StandingChangeWriter changes;
    private final IdGenerator ids;
    private final GuildPenalties penalties;
    private final PolicyBook policies;
    private final StandingIndex index;
    private final Clock clock;

    public BatchRecordViolations(RecordViolation recordViolation, Transactions transactions, Anchors anchors,
                                 Violations violations, Ledger ledger, IdempotencyKeys keys, StandingOutbox outbox,
                                 IdGenerator ids, Guilds guilds, PublicNotices notices, PolicyBook policies,
                                 StandingIndex index, Clock clock) {
        this.recordViolation = recordViolation;
        this.transactions = transactions;
        this.anchors = anchors;
        this.violations = violations;
        this.ledger = ledger;
        this.keys = keys;
        this.outbox = outbox;
        this.changes = new StandingChangeWriter(outbox, ids);
        this.ids = ids;
        this.penalties = new GuildPenalties(guilds, anchors, notices, ids);
        this.policies = policies;
        this.index = index;
        this.clock = clock;
    }

    /** One item's result: the violation, or why it was refused. */
    public record ItemResult(ViolationView violation, ApplicationException error) {
        public boolean succeeded() {
            return violation != null;
        }
    }

    /**
     * {@code items} build each command; a builder that throws {@link InvalidRequestException} fails
     * only its item, with field names prefixed by {@code requests[i].}. A database outage fails the
     * whole call, since every later item would fail the same way.
     */
    public List<ItemResult> recordAll(List<Supplier<RecordViolationCommand>> items, String actor) {
        if (items.isEmpty() || items.size() > MAX_ITEMS) {
            throw InvalidRequestException.of("requests", "must hold 1-" + MAX_ITEMS + " items");
        }
        ItemResult[] results = new ItemResult[items.size()];
        List<Integer> valid = new ArrayList<>();
        List<Request> requests = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            try {
                requests.add(new Request(items.get(i).get(), actor));
                valid.add(i);
            } catch (InvalidRequestException e) {
                results[i] = prefixed(new ItemResult(null, e), i);
            }
        }
        List<ItemResult> recorded = recordEach(requests);
        for (int k = 0; k < valid.size(); k++) {
            results[valid.get(k)] = prefixed(recorded.get(k), valid.get(k));
        }
        return Arrays.asList(results);
    }

    /** A valid command and who sends it. */
    public record Request(RecordViolationCommand command, String actor) {
    }

    /**
     * Records each request as a single call would (the same results and errors, unprefixed), the new
     * ones together in one transaction. Also the write of group commit, where each request is
     * another caller's.
     */
    public List<ItemResult> recordEach(List<Request> requests) {
        ItemResult[] results = new ItemResult[requests.size()];
        Map<Integer, Written> written = Idempotency.retryingConflicts(() -> transactions.inTransaction(() ->
                writeNew(requests)));
        Map<AnchorId, Written> lastOfAnchor = new LinkedHashMap<>();
        written.forEach((i, item) -> {
            results[i] = item.result();
            lastOfAnchor.put(item.anchorId(), item);
        });
        // Published after commit: a check never sees a violation that rolled back.
        lastOfAnchor.values().forEach(item -> index.publish(item.anchorId(), item.sequence(), item.facts()));
        for (int i = 0; i < results.length; i++) {
            if (results[i] == null) {
                results[i] = recordedAlready(requests.get(i));
            }
        }
        return Arrays.asList(results);
    }

    /** A newly written item: its result, and the facts the standing index learns after commit. */
    private record Written(ItemResult result, AnchorId anchorId, int sequence, StandingFacts facts) {
    }

    /**
     * Writes the items that are new (first of their request id in the batch, and not recorded
     * before) and pass the rules; leaves the others, written or refused alike, to
     * {@link #recordedAlready}, which answers them as a single call would.
     */
    private Map<Integer, Written> writeNew(List<Request> requests) {
        List<RecordViolationCommand> commands = requests.stream().map(Request::command).toList();
        List<Integer> fresh = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < commands.size(); i++) {
            if (seen.add(commands.get(i).requestId())) {
                fresh.add(i);
            }
        }
        if (fresh.isEmpty()) {
            return Map.of();
        }
        Set<AnchorId> anchorIds = new TreeSet<>((a, b) -> a.value().compareTo(b.value()));
        fresh.forEach(i -> anchorIds.add(commands.get(i).anchorId()));
        Map<AnchorId, AnchorRecord> locked = new LinkedHashMap<>(anchors.lockAll(anchorIds));
        // Read under the locks: a concurrent call with one of these ids has committed by now.
        Map<String, IdempotencyRecord> taken = keys.findAll(fresh.stream().map(i -> commands.get(i).requestId()).toList());
        fresh.removeIf(i -> taken.containsKey(commands.get(i).requestId()));
        Map<AnchorId, List<RecordedViolation>> earlier = new LinkedHashMap<>(violations.listAllOf(locked.keySet()));

        Instant now = clock.instant();
        Policy policy = policies.inForceAt(now);
        List<RecordedViolation> newViolations = new ArrayList<>();
        List<ScoreEvent> deductions = new ArrayList<>();
        List<StandingChange> standingChanges = new ArrayList<>();
        List<IdempotencyRecord> newKeys = new ArrayList<>();
        Map<AnchorId, AnchorScore> changedScores = new LinkedHashMap<>();
        Map<Integer, Written> written = new LinkedHashMap<>();
        for (int i : fresh) {
            RecordViolationCommand command = commands.get(i);
            String actor = requests.get(i).actor();
            AnchorRecord anchor = locked.get(command.anchorId());
            if (anchor == null) {
                continue;
            }
            ViolationRecording.Computed computed;
            try {
                computed = ViolationRecording.compute(command, anchor,
                        earlier.getOrDefault(command.anchorId(), List.of()), policy, ids.newId(), now, actor);
            } catch (InvalidRequestException e) {
                continue;
            }
            RecordedViolation violation = computed.violation();
            newViolations.add(violation);
            computed.recorded().deduction().ifPresent(deduction -> {
                deductions.add(deduction);
                changedScores.put(command.anchorId(), computed.scoreAfter());
            });
            locked.put(command.anchorId(), new AnchorRecord(anchor.profile(), computed.scoreAfter(),
                    anchor.createdAt(), now));
            earlier.put(command.anchorId(), computed.all());
            changes.changeOf(Optional.of(computed.before()), computed.after(), computed.scoreAfter().ledgerSequence(),
                    ChangeCause.VIOLATION_RECORDED, Optional.of(violation.violationId())).ifPresent(standingChanges::add);
            newKeys.add(new IdempotencyRecord(command.requestId(), RecordViolation.OPERATION, command.fingerprint(),
                    AnchorNames.violation(command.anchorId(), violation.violationId()), now, actor));
            written.put(i, new Written(new ItemResult(new ViolationView(violation, computed.after()), null),
                    command.anchorId(), computed.scoreAfter().ledgerSequence(), computed.factsAfter()));
        }
        violations.insertAll(newViolations);
        ledger.appendAll(deductions);
        anchors.updateScores(List.copyOf(changedScores.values()), now);
        // Guild rows are locked after every anchor row, the order every writer keeps.
        newViolations.forEach(violation -> penalties.chargeMember(
                locked.get(violation.anchorId()).profile().guildId(), violation, policy.guildRules(), now));
        outbox.appendAll(standingChanges);
        keys.insertAll(newKeys);
        return written;
    }

    /** A retry, a repeat within the batch, or an item the rules refuse: answered as a single call. */
    private ItemResult recordedAlready(Request request) {
        try {
            return new ItemResult(recordViolation.record(request.command(), request.actor()), null);
        } catch (ApplicationException e) {
            return new ItemResult(null, e);
        }
    }

    /** A batch item's field names are prefixed by its index: {@code requests[i].}. */
    private static ItemResult prefixed(ItemResult result, int index) {
        if (result.error() instanceof InvalidRequestException invalid) {
            return new ItemResult(null, new InvalidRequestException(invalid.violations().stream()
                    .map(v -> v.prefixed("requests[" + index + "].")).toList()));
        }
        return result;
    }
}
