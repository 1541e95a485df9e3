package com.anchorhealth.application.usecase;

import com.anchorhealth.application.port.out.Page;
import com.anchorhealth.application.port.out.PageRequest;
import com.anchorhealth.application.port.out.PublicNotices;
import com.anchorhealth.domain.guild.PublicNotice;

/** Public notices, newest first: readable by anyone allowed to read. */
public final class ListPublicNotices {
    private final PublicNotices notices;

    public ListPublicNotices(PublicNotices notices) {
        this.notices = notices;
    }

    public Page<PublicNotice> list(PageRequest page) {
        return notices.listNewestFirst(page);
    }
}
