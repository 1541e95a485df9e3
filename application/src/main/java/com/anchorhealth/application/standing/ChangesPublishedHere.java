package com.anchorhealth.application.standing;

import jakarta.inject.Singleton;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The standing changes this server published to its index as it committed them: the feed's tailer,
 * meeting them again, need not read their anchors back. Bounded: past its cap it forgets them all
 * (a change the tailer met before its writer could add it is never taken), and the tailer then reads
 * those anchors as it reads another server's.
 */
@Singleton
public final class ChangesPublishedHere {
    static final int CAP = 100_000;

    private final Set<String> changeIds = ConcurrentHashMap.newKeySet();

    /** Once the changes are committed and their anchors' facts are in the index. */
    public void add(Collection<String> published) {
        if (changeIds.size() + published.size() > CAP) {
            changeIds.clear();
        }
        changeIds.addAll(published);
    }

    /** Whether this server published the change itself; it is forgotten either way. */
    public boolean take(String changeId) {
        return changeIds.remove(changeId);
    }
}
