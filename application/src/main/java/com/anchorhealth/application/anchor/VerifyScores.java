package com.anchorhealth.application.anchor;

import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.anchor.Ledger;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreFold;
import com.anchorhealth.domain.vocabulary.AnchorId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Admin: checks that every stored score equals the fold of its ledger. */
@Singleton
public final class VerifyScores {
    /** Anchors whose ledgers are read in one round trip. */
    static final int CHUNK = 500;

    private final Anchors anchors;
    private final Ledger ledger;

    @Inject
    public VerifyScores(Anchors anchors, Ledger ledger) {
        this.anchors = anchors;
        this.ledger = ledger;
    }

    public record Mismatch(AnchorId anchorId, int storedScore, int foldedScore) {
    }

    public record Report(long anchorsChecked, List<Mismatch> mismatches) {
        public Report {
            mismatches = List.copyOf(mismatches);
        }
    }

    /** One anchor, or every anchor when {@code anchorId} is empty. */
    public Report verify(Optional<AnchorId> anchorId) {
        if (anchorId.isPresent()) {
            AnchorRecord record = anchors.find(anchorId.get())
                    .orElseThrow(() -> new NotFoundException("Anchor", AnchorNames.anchor(anchorId.get())));
            return new Report(1, compare(List.of(record)));
        }
        List<Mismatch> mismatches = new ArrayList<>();
        List<AnchorRecord> chunk = new ArrayList<>(CHUNK);
        long[] checked = {0};
        anchors.forEach(record -> {
            chunk.add(record);
            checked[0]++;
            if (chunk.size() == CHUNK) {
                mismatches.addAll(compare(chunk));
                chunk.clear();
            }
        });
        mismatches.addAll(compare(chunk));
        return new Report(checked[0], mismatches);
    }

    private List<Mismatch> compare(List<AnchorRecord> records) {
        if (records.isEmpty()) {
            return List.of();
        }
        Map<AnchorId, List<ScoreEvent>> ledgers =
                ledger.ledgersOf(records.stream().map(record -> record.profile().anchorId()).toList());
        List<Mismatch> mismatches = new ArrayList<>();
        for (AnchorRecord record : records) {
            AnchorId id = record.profile().anchorId();
            int folded = ScoreFold.fold(ledgers.getOrDefault(id, List.of())).score();
            if (folded != record.score().score()) {
                mismatches.add(new Mismatch(id, record.score().score(), folded));
            }
        }
        return mismatches;
    }
}
