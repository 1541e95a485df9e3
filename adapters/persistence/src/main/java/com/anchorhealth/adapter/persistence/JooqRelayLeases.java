package com.anchorhealth.adapter.persistence;

import com.anchorhealth.application.port.out.feed.RelayLeases;
import org.jooq.DSLContext;

import java.time.Duration;
import java.time.Instant;

import static com.anchorhealth.adapter.persistence.jooq.Tables.FEED_RELAYS;

/**
 * The relays' progress and leases in {@code feed_relays}. Taking a lease is one conditional update of
 * the relay's row, so two instances never both hold it.
 */
public final class JooqRelayLeases implements RelayLeases {
    private final DSLContext dsl;

    public JooqRelayLeases(DSLContext dsl) {
        this.dsl = dsl;
    }

    @Override
    public Lease acquire(String relay, String holder, Instant now, Duration term, long startAfter) {
        return StoreErrors.translating(() -> {
            dsl.insertInto(FEED_RELAYS)
                    .set(FEED_RELAYS.RELAY_NAME, relay)
                    .set(FEED_RELAYS.RELAYED_THROUGH, startAfter)
                    .set(FEED_RELAYS.LEASE_EXPIRES_AT, 0L)
                    .onDuplicateKeyIgnore()
                    .execute();
            int taken = dsl.update(FEED_RELAYS)
                    .set(FEED_RELAYS.LEASE_HOLDER, holder)
                    .set(FEED_RELAYS.LEASE_EXPIRES_AT, now.plus(term).toEpochMilli())
                    .where(FEED_RELAYS.RELAY_NAME.eq(relay))
                    .and(FEED_RELAYS.LEASE_HOLDER.eq(holder)
                            .or(FEED_RELAYS.LEASE_HOLDER.isNull())
                            .or(FEED_RELAYS.LEASE_EXPIRES_AT.lt(now.toEpochMilli())))
                    .execute();
            long relayedThrough = dsl.select(FEED_RELAYS.RELAYED_THROUGH).from(FEED_RELAYS)
                    .where(FEED_RELAYS.RELAY_NAME.eq(relay))
                    .fetchSingle(FEED_RELAYS.RELAYED_THROUGH);
            return new Lease(taken == 1, relayedThrough);
        });
    }

    @Override
    public boolean advance(String relay, String holder, long position) {
        return StoreErrors.translating(() -> dsl.update(FEED_RELAYS)
                .set(FEED_RELAYS.RELAYED_THROUGH, position)
                .where(FEED_RELAYS.RELAY_NAME.eq(relay))
                .and(FEED_RELAYS.LEASE_HOLDER.eq(holder))
                .execute()) == 1;
    }

    @Override
    public void release(String relay, String holder) {
        StoreErrors.translating(() -> dsl.update(FEED_RELAYS)
                .setNull(FEED_RELAYS.LEASE_HOLDER)
                .set(FEED_RELAYS.LEASE_EXPIRES_AT, 0L)
                .where(FEED_RELAYS.RELAY_NAME.eq(relay))
                .and(FEED_RELAYS.LEASE_HOLDER.eq(holder))
                .execute());
    }
}
