package com.anchorhealth.application.port.out.guild;

import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.domain.guild.PublicNotice;

import java.util.Optional;

/** Public notices; ids sort by publication time. */
public interface PublicNotices {
    void publish(PublicNotice notice);

    /** The notice about a subject (a guild is removed once), if any. */
    Optional<PublicNotice> findBySubject(String subject);

    /** Newest first; page keys are notice ids. */
    Page<PublicNotice> listNewestFirst(PageRequest page);
}
