package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.port.out.policy.PolicyCodec;
import com.anchorhealth.application.port.out.policy.PolicyPublication;
import com.anchorhealth.application.port.out.policy.PolicyVersions;
import com.anchorhealth.domain.policy.Policy;
import org.jooq.DSLContext;

import java.util.List;
import java.util.Map;

import static com.anchorhealth.adapter.persistence.jooq.Tables.POLICY_VERSIONS;

/** Published policies, each stored whole as its document with its publication, never updated. */
public final class JooqPolicyVersions implements PolicyVersions {
    private final DSLContext dsl;
    private final PolicyCodec codec;

    public JooqPolicyVersions(DSLContext dsl, PolicyCodec codec) {
        this.dsl = dsl;
        this.codec = codec;
    }

    @Override
    public List<Policy> all() {
        return publishedAfter(0);
    }

    @Override
    public List<Policy> publishedAfter(long version) {
        return StoreErrors.translating(() -> dsl.select(POLICY_VERSIONS.DOCUMENT)
                .from(POLICY_VERSIONS)
                .where(POLICY_VERSIONS.VERSION.gt(version))
                .orderBy(POLICY_VERSIONS.VERSION)
                .fetch(row -> codec.decode(row.value1())));
    }

    @Override
    public Map<Long, PolicyPublication> publications() {
        return StoreErrors.translating(() -> dsl.select(POLICY_VERSIONS.VERSION, POLICY_VERSIONS.PUBLISHED_AT,
                        POLICY_VERSIONS.AUTHOR, POLICY_VERSIONS.NOTE)
                .from(POLICY_VERSIONS)
                .fetchMap(row -> row.value1(), row -> new PolicyPublication(Times.fromMillis(row.value2()),
                        row.value3(), row.value4())));
    }

    @Override
    public void insert(Policy policy, PolicyPublication publication) {
        StoreErrors.translating(() -> dsl.insertInto(POLICY_VERSIONS)
                .set(POLICY_VERSIONS.VERSION, policy.version())
                .set(POLICY_VERSIONS.EFFECTIVE_AT, Times.toMillis(policy.effectiveAt()))
                .set(POLICY_VERSIONS.PUBLISHED_AT, Times.toMillis(publication.publishedAt()))
                .set(POLICY_VERSIONS.AUTHOR, publication.author())
                .set(POLICY_VERSIONS.NOTE, publication.note())
                .set(POLICY_VERSIONS.DOCUMENT, codec.encode(policy))
                .execute());
    }
}
