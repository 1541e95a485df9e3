package com.anchorhealth.application.write;

import com.anchorhealth.application.port.out.anchor.AnchorRecord;
import com.anchorhealth.domain.vocabulary.AnchorId;

import java.util.Optional;
import java.util.Set;

/**
 * A change to an anchor by a call whose request key is kept with its first answer (every method but
 * RecordViolation, whose key is the violation it records): a retry answers with that answer.
 */
public abstract class KeyedChange<T> implements AnchorWrite<T> {
    private final AnchorId anchorId;
    private final IdempotentWrites.Call call;
    private final Class<T> answerType;

    protected KeyedChange(AnchorId anchorId, IdempotentWrites.Call call, Class<T> answerType) {
        this.anchorId = anchorId;
        this.call = call;
        this.answerType = answerType;
    }

    @Override
    public final AnchorId anchorId() {
        return anchorId;
    }

    @Override
    public final Optional<IdempotentWrites.Call> call() {
        return Optional.of(call);
    }

    /** None, unless the change writes a guild's rows. */
    @Override
    public Set<String> guildsToLock(Optional<AnchorRecord> anchor, WriteTerms terms) {
        return Set.of();
    }

    @Override
    public final Optional<T> firstAnswer(KeptKeys kept) {
        return kept.response(call, answerType, this::keptWithoutResponse);
    }

    /** A retry's answer where the key was kept before answers were: the resource {@code resourceName} as it is now. */
    protected abstract T keptWithoutResponse(String resourceName);
}
