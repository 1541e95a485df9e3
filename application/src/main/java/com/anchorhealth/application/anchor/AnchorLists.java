package com.anchorhealth.application.anchor;

import com.anchorhealth.application.list.ListCount;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.anchor.AnchorFilter;
import com.anchorhealth.application.port.out.anchor.AnchorOrder;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.anchor.ScoreKey;
import com.anchorhealth.application.standing.StandingIndex;
import com.anchorhealth.domain.vocabulary.AnchorId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Keyset pages of anchors, read where they cost least. The standing index, which holds every anchor's
 * score, orders and filters by score: a list in score order, or filtered by score alone, is a pass
 * over the index, and only its page's rows are read from the store. The store keeps no index of
 * scores, which every deduction would move; it orders by id and name and filters by guild and text,
 * and lists that do so are read from it. A list from the index sees another instance's writes once
 * the index has learnt them (within the feed's poll), the rows on it as they are stored.
 */
@Singleton
public final class AnchorLists {
    private final Anchors anchors;
    private final StandingIndex index;

    @Inject
    public AnchorLists(Anchors anchors, StandingIndex index) {
        this.anchors = anchors;
        this.index = index;
    }

    public Page<AnchorRecord> list(AnchorFilter filter, AnchorOrder order, PageRequest page) {
        Optional<StandingIndex.Order> fromIndex = indexOrderOf(filter, order);
        if (fromIndex.isEmpty()) {
            return anchors.list(filter, order, page);
        }
        StandingIndex.Order read = page.backward() ? fromIndex.get().reversed() : fromIndex.get();
        List<ScoreKey> places = index.places(filter.minScore(), filter.maxScore(), read,
                page.key().map(key -> placeOf(key, read)), page.size() + 1);
        Map<String, AnchorRecord> rows = anchors.findAll(places.stream()
                        .map(place -> new AnchorId(place.anchorId())).toList()).stream()
                .collect(Collectors.toMap(row -> row.profile().anchorId().value(), Function.identity()));
        List<Placed> found = new ArrayList<>();
        for (ScoreKey place : places) {
            AnchorRecord row = rows.get(place.anchorId());
            if (row != null) {
                found.add(new Placed(place, row));
            }
        }
        return Page.ofRead(page, found, placed -> keyOf(placed.place(), read)).map(Placed::row);
    }

    public ListCount count(AnchorFilter filter, AnchorOrder order, Optional<String> before) {
        Optional<StandingIndex.Order> fromIndex = indexOrderOf(filter, order);
        if (fromIndex.isEmpty()) {
            return anchors.count(filter, order, before);
        }
        return index.count(filter.minScore(), filter.maxScore(), fromIndex.get(),
                before.map(key -> placeOf(key, fromIndex.get())));
    }

    /** An anchor on a page, where the index placed it. */
    private record Placed(ScoreKey place, AnchorRecord row) {
    }

    /**
     * The index's order for a list it answers: in score order, or filtered by score alone, with
     * neither a guild nor a text; none for the lists the store answers.
     */
    private static Optional<StandingIndex.Order> indexOrderOf(AnchorFilter filter, AnchorOrder order) {
        if (filter.guildIds().isPresent() || filter.text().isPresent()) {
            return Optional.empty();
        }
        boolean scoreFiltered = filter.minScore() > Integer.MIN_VALUE || filter.maxScore() < Integer.MAX_VALUE;
        return switch (order) {
            case SCORE_ASCENDING -> Optional.of(new StandingIndex.Order(true, true));
            case SCORE_DESCENDING -> Optional.of(new StandingIndex.Order(true, false));
            case ID -> scoreFiltered ? Optional.of(new StandingIndex.Order(false, true)) : Optional.empty();
            case NAME -> Optional.empty();
        };
    }

    /** A page's key, as the store's lists spell theirs: the id alone in id order, else score and id. */
    private static String keyOf(ScoreKey place, StandingIndex.Order order) {
        return order.byScore() ? place.spelled() : place.anchorId();
    }

    private static ScoreKey placeOf(String key, StandingIndex.Order order) {
        return order.byScore() ? ScoreKey.parse(key) : new ScoreKey(0, key);
    }
}
