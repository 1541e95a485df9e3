package com.anchorhealth.adapter.persistence;

import com.anchorhealth.adapter.persistence.jooq.tables.records.PublicNoticesRecord;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.port.out.guild.PublicNotices;
import com.anchorhealth.domain.guild.PublicNotice;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.impl.DSL;

import java.util.List;
import java.util.Optional;

import static com.anchorhealth.adapter.persistence.jooq.Tables.PUBLIC_NOTICES;

/** Public notices, newest first by their time-ordered ids. */
public final class JooqPublicNotices implements PublicNotices {
    private static final Keyset NEWEST_FIRST = Keyset.descending(PUBLIC_NOTICES.NOTICE_ID);
    private final DSLContext dsl;

    public JooqPublicNotices(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public void publish(PublicNotice notice) {
        StoreErrors.translating(() -> dsl.insertInto(PUBLIC_NOTICES)
                .set(PUBLIC_NOTICES.NOTICE_ID, notice.noticeId())
                .set(PUBLIC_NOTICES.KIND, notice.kind())
                .set(PUBLIC_NOTICES.SUBJECT, notice.subject())
                .set(PUBLIC_NOTICES.SCORE, notice.score())
                .set(PUBLIC_NOTICES.PUBLISHED_AT, Times.toMillis(notice.publishedAt()))
                .set(PUBLIC_NOTICES.REASON, notice.reason())
                .execute());
    }

    @Override
    public Optional<PublicNotice> findBySubject(String subject) {
        return StoreErrors.translating(() -> dsl.selectFrom(PUBLIC_NOTICES)
                .where(PUBLIC_NOTICES.SUBJECT.eq(subject))
                .orderBy(PUBLIC_NOTICES.NOTICE_ID)
                .limit(1)
                .fetchOptional(JooqPublicNotices::toNotice));
    }

    @Override
    public Page<PublicNotice> listNewestFirst(PageRequest page) {
        return StoreErrors.translating(() -> NEWEST_FIRST.read(page, List::of, (seek, orderBy) ->
                dsl.selectFrom(PUBLIC_NOTICES).where(seek).orderBy(orderBy).limit(page.size() + 1)
                        .fetch(JooqPublicNotices::toNotice), PublicNotice::noticeId));
    }

    private static PublicNotice toNotice(PublicNoticesRecord row) {
        return new PublicNotice(row.getNoticeId(), row.getKind(), row.getSubject(), row.getScore(),
                Times.fromMillis(row.getPublishedAt()), row.getReason());
    }
}
