package com.anchorhealth.application.guild;

import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.guild.PublicNotices;
import com.anchorhealth.domain.guild.PublicNotice;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;

import java.util.Optional;

/** Public notices, newest first: readable by anyone allowed to read. */
@Singleton
public final class ListPublicNotices {
    private final PublicNotices notices;

    @Inject
    public ListPublicNotices(PublicNotices notices) {
        this.notices = notices;
    }

    public Page<PublicNotice> list(PageRequest page) {
        return notices.listNewestFirst(page);
    }

    /** The notice about a subject ({@code guilds/x}), if one was published. */
    public Optional<PublicNotice> about(String subject) {
        return notices.findBySubject(subject);
    }
}
