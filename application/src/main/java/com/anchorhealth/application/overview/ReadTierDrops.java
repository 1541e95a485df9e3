package com.anchorhealth.application.overview;

import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.feed.StandingChange;
import com.anchorhealth.application.port.out.feed.StandingOutbox;
import com.anchorhealth.domain.vocabulary.AnchorId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every tier drop the change feed still holds (its retention), newest first, a keyset page at a time:
 * the overview's "see all". A page reads the drops it shows (and one more, to know whether another
 * page follows) and their anchors' names, however long the feed; its keys are feed positions.
 */
@Singleton
public final class ReadTierDrops {
    private final StandingOutbox outbox;
    private final Anchors anchors;

    @Inject
    public ReadTierDrops(StandingOutbox outbox, Anchors anchors) {
        this.outbox = outbox;
        this.anchors = anchors;
    }

    /** A page of the drops, with the display names of the anchors it names. */
    public record Drops(Page<StandingChange> drops, Map<AnchorId, String> names) {
        public String nameOf(AnchorId anchorId) {
            return names.getOrDefault(anchorId, anchorId.value());
        }
    }

    /** The drops of the anchors the scope sees (the members of its guilds, for a restricted scope). */
    public Drops read(Scope scope, PageRequest request) {
        Page<StandingChange> page = request.readAlignedToStart(pageRequest -> outbox.tierDrops(scope.guilds(),
                pageRequest));
        Map<AnchorId, String> names = anchors.findAll(page.items().stream().map(StandingChange::anchorId)
                        .distinct().toList()).stream()
                .collect(Collectors.toMap(record -> record.profile().anchorId(), record -> record.profile().displayName()));
        return new Drops(page, names);
    }
}
