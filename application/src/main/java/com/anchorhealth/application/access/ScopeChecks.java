package com.anchorhealth.application.access;

import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.write.AnchorNames;
import com.anchorhealth.domain.vocabulary.AnchorId;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What a scoped caller may see (DESIGN §11): the anchors of its guilds and those guilds. Anything
 * else is answered as if it did not exist, so that a guild manager learns nothing of a rival's
 * anchors, not even that an id is taken. A caller who sees every guild costs no read here.
 */
@Singleton
public final class ScopeChecks {
    private final Anchors anchors;

    @Inject
    public ScopeChecks(Anchors anchors) {
        this.anchors = anchors;
    }

    /** Throws {@link NotFoundException} for the anchor when the scope does not see it (read from the store). */
    public void requireAnchor(Scope scope, AnchorId anchorId) {
        if (scope.restricted()) {
            seen(scope, anchorId, anchors.find(anchorId));
        }
    }

    /** The anchor found, when there is one and the scope sees it; else {@link NotFoundException}. */
    public static AnchorRecord seen(Scope scope, AnchorId anchorId, Optional<AnchorRecord> found) {
        return found.filter(anchor -> sees(scope, anchor)).orElseThrow(() -> anchorNotFound(anchorId));
    }

    /** Throws {@link NotFoundException} for the guild when the scope does not see it. */
    public static void requireGuild(Scope scope, String guildId) {
        if (!scope.seesGuild(guildId)) {
            throw guildNotFound(guildId);
        }
    }

    /** Those of the anchors the scope sees, in one read when it is restricted. */
    public Set<AnchorId> visible(Scope scope, Collection<AnchorId> anchorIds) {
        if (!scope.restricted()) {
            return Set.copyOf(anchorIds);
        }
        return anchors.findAll(anchorIds).stream().filter(found -> sees(scope, found))
                .map(found -> found.profile().anchorId()).collect(Collectors.toUnmodifiableSet());
    }

    public static boolean sees(Scope scope, AnchorRecord anchor) {
        return scope.seesMemberOf(anchor.profile().guildId());
    }

    public static NotFoundException anchorNotFound(AnchorId anchorId) {
        return new NotFoundException("Anchor", AnchorNames.anchor(anchorId));
    }

    public static NotFoundException guildNotFound(String guildId) {
        return new NotFoundException("Guild", AnchorNames.guild(guildId));
    }
}
