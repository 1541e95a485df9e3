package com.anchorhealth.application.overview;

import com.anchorhealth.application.access.ScopeChecks;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.port.out.Anchors;
import com.anchorhealth.application.port.out.CountedPage;
import com.anchorhealth.application.port.out.Page;
import com.anchorhealth.application.port.out.PageRequest;
import com.anchorhealth.application.port.out.StandingChange;
import com.anchorhealth.application.port.out.StandingOutbox;
import com.anchorhealth.domain.vocabulary.AnchorId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Every tier drop the change feed still holds (its retention), newest first, a page at a time: the
 * overview's "see all". The outbox answers the newest drops only, so the list is read whole (up to
 * {@link #MOST}) and paged here; its keys are change ids.
 */
@Singleton
public final class ReadTierDrops {
    /** The most drops the list holds: the newest this many, when the feed holds more. */
    public static final int MOST = 10_000;

    private final StandingOutbox outbox;
    private final Anchors anchors;
    private final ScopeChecks scopeChecks;

    @Inject
    public ReadTierDrops(StandingOutbox outbox, Anchors anchors, ScopeChecks scopeChecks) {
        this.outbox = outbox;
        this.anchors = anchors;
        this.scopeChecks = scopeChecks;
    }

    /**
     * A page of the drops, counted, with the display names of the anchors it names; {@code truncated}
     * when the feed holds more than {@link #MOST} drops (the oldest are left out).
     */
    public record Drops(CountedPage<StandingChange> drops, Map<AnchorId, String> names, boolean truncated) {
        public String nameOf(AnchorId anchorId) {
            return names.getOrDefault(anchorId, anchorId.value());
        }
    }

    /** The drops of the anchors the scope sees. */
    public Drops read(Scope scope, PageRequest request) {
        List<StandingChange> held = outbox.tierDropsSince(Instant.EPOCH, MOST);
        Set<AnchorId> visible = scopeChecks.visible(scope, held.stream().map(StandingChange::anchorId).toList());
        List<StandingChange> drops = held.stream().filter(drop -> visible.contains(drop.anchorId())).toList();
        Page<StandingChange> page = request.readAlignedToStart(pageRequest -> pageOf(drops, pageRequest));
        long before = page.items().isEmpty() ? 0 : drops.indexOf(page.items().get(0));
        Map<AnchorId, String> names = anchors.findAll(page.items().stream().map(StandingChange::anchorId)
                        .distinct().toList()).stream()
                .collect(Collectors.toMap(record -> record.profile().anchorId(), record -> record.profile().displayName()));
        return new Drops(new CountedPage<>(page, drops.size(), before), names, held.size() == MOST);
    }

    /** A keyset page of a list held in memory, as the store pages its lists (a key no longer held: none). */
    private static Page<StandingChange> pageOf(List<StandingChange> list, PageRequest request) {
        int at = request.key().map(key -> indexOf(list, key)).orElse(request.backward() ? list.size() : -1);
        if (at < 0 && request.key().isPresent()) {
            return new Page<>(List.of(), Optional.empty());
        }
        int from = request.backward() ? Math.max(0, at - request.size()) : at + 1;
        int to = request.backward() ? at : Math.min(list.size(), from + request.size());
        List<StandingChange> items = list.subList(from, to);
        if (items.isEmpty()) {
            return new Page<>(List.of(), Optional.empty());
        }
        Optional<String> first = Optional.of(items.get(0).changeId());
        Optional<String> last = Optional.of(items.get(items.size() - 1).changeId());
        boolean keyed = request.key().isPresent();
        return request.backward()
                ? new Page<>(items, keyed ? last : Optional.empty(), from > 0 ? first : Optional.empty())
                : new Page<>(items, to < list.size() ? last : Optional.empty(), keyed ? first : Optional.empty());
    }

    private static int indexOf(List<StandingChange> list, String changeId) {
        for (int i = 0; i < list.size(); i++) {
            if (list.get(i).changeId().equals(changeId)) {
                return i;
            }
        }
        return -1;
    }
}
