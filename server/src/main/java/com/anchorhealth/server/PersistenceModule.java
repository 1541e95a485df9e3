package com.anchorhealth.server;

import com.anchorhealth.adapter.persistence.CaseInsensitiveDatabaseException;
import com.anchorhealth.adapter.persistence.Database;
import com.anchorhealth.adapter.persistence.DatabaseInUseException;
import com.anchorhealth.adapter.persistence.DatabaseRefusedException;
import com.anchorhealth.adapter.persistence.DatabaseSettings;
import com.anchorhealth.adapter.persistence.JooqAnchorChanges;
import com.anchorhealth.adapter.persistence.JooqAnchorSessions;
import com.anchorhealth.adapter.persistence.JooqAnchors;
import com.anchorhealth.adapter.persistence.JooqAppeals;
import com.anchorhealth.adapter.persistence.JooqConsoleSessions;
import com.anchorhealth.adapter.persistence.JooqGuilds;
import com.anchorhealth.adapter.persistence.JooqIdempotencyKeys;
import com.anchorhealth.adapter.persistence.JooqLedger;
import com.anchorhealth.adapter.persistence.JooqPolicyVersions;
import com.anchorhealth.adapter.persistence.JooqPublicNotices;
import com.anchorhealth.adapter.persistence.JooqRecoveryCredits;
import com.anchorhealth.adapter.persistence.JooqReplayHistories;
import com.anchorhealth.adapter.persistence.JooqServiceSecrets;
import com.anchorhealth.adapter.persistence.JooqStandingFeed;
import com.anchorhealth.adapter.persistence.JooqStandingOutbox;
import com.anchorhealth.adapter.persistence.JooqTransactions;
import com.anchorhealth.adapter.persistence.JooqViolations;
import com.anchorhealth.adapter.persistence.JsonResponseSnapshots;
import com.anchorhealth.application.port.out.IdempotencyKeys;
import com.anchorhealth.application.port.out.ResponseSnapshots;
import com.anchorhealth.application.port.out.Transactions;
import com.anchorhealth.application.port.out.anchor.AnchorChanges;
import com.anchorhealth.application.port.out.anchor.Anchors;
import com.anchorhealth.application.port.out.anchor.Ledger;
import com.anchorhealth.application.port.out.anchor.RecoveryCredits;
import com.anchorhealth.application.port.out.anchor.SpilledSessions;
import com.anchorhealth.application.port.out.anchor.Violations;
import com.anchorhealth.application.port.out.appeal.Appeals;
import com.anchorhealth.application.port.out.feed.StandingFeed;
import com.anchorhealth.application.port.out.feed.StandingOutbox;
import com.anchorhealth.application.port.out.guild.Guilds;
import com.anchorhealth.application.port.out.guild.PublicNotices;
import com.anchorhealth.application.port.out.policy.PolicyCodec;
import com.anchorhealth.application.port.out.policy.PolicyVersions;
import com.anchorhealth.application.port.out.policy.ReplayHistories;
import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;

/** The ports, implemented with jOOQ over MySQL/MariaDB or the embedded H2 database. */
final class PersistenceModule extends AbstractModule {

    /**
     * Opens the pool and migrates the schema before anything uses the store; an embedded database
     * that another server has open, a MySQL/MariaDB database that compares ids regardless of case, or
     * one that refuses the login (user, password, no such database), stops the server at once.
     */
    @Provides
    @Singleton
    Database database(Settings settings) {
        String url = settings.databaseUrl().orElseGet(() -> DatabaseSettings.embeddedUrl(settings.dataDir()));
        Database database = new Database(new DatabaseSettings(url, settings.databaseUser(),
                settings.databasePassword()));
        try {
            database.migrate();
        } catch (DatabaseInUseException e) {
            database.close();
            String flag = settings.databaseUrl().isPresent() ? "--database-url" : "--data-dir " + settings.dataDir();
            throw new SettingsException(flag + " is in use by another server (" + e.getMessage()
                    + "): stop that server, or give this one a directory of its own");
        } catch (CaseInsensitiveDatabaseException e) {
            database.close();
            throw new SettingsException("--database-url: " + e.getMessage());
        } catch (DatabaseRefusedException e) {
            database.close();
            throw new SettingsException("--database-url, --database-user, --database-password: " + e.getMessage());
        }
        return database;
    }

    @Provides
    @Singleton
    Transactions transactions(Database database) {
        return new JooqTransactions(database.dsl(), database.failsOver());
    }

    @Provides
    @Singleton
    Anchors anchors(Database database) {
        return new JooqAnchors(database.dsl());
    }

    @Provides
    @Singleton
    SpilledSessions spilledSessions(Database database) {
        return new JooqAnchorSessions(database.dsl());
    }

    @Provides
    @Singleton
    AnchorChanges anchorChanges(Database database) {
        return new JooqAnchorChanges(database.dsl());
    }

    @Provides
    @Singleton
    Violations violations(Database database) {
        return new JooqViolations(database.dsl());
    }

    @Provides
    @Singleton
    ReplayHistories replayHistories(Database database) {
        return new JooqReplayHistories(database.dsl());
    }

    @Provides
    @Singleton
    Appeals appeals(Database database) {
        return new JooqAppeals(database.dsl());
    }

    @Provides
    @Singleton
    Guilds guilds(Database database) {
        return new JooqGuilds(database.dsl());
    }

    @Provides
    @Singleton
    PublicNotices publicNotices(Database database) {
        return new JooqPublicNotices(database.dsl());
    }

    @Provides
    @Singleton
    RecoveryCredits recoveryCredits(Database database) {
        return new JooqRecoveryCredits(database.dsl());
    }

    @Provides
    @Singleton
    Ledger ledger(Database database) {
        return new JooqLedger(database.dsl());
    }

    @Provides
    @Singleton
    IdempotencyKeys idempotencyKeys(Database database) {
        return new JooqIdempotencyKeys(database.dsl());
    }

    @Provides
    @Singleton
    ResponseSnapshots responseSnapshots(PolicyCodec policies) {
        return new JsonResponseSnapshots(policies);
    }

    @Provides
    @Singleton
    StandingOutbox standingOutbox(Database database) {
        return new JooqStandingOutbox(database.dsl());
    }

    @Provides
    @Singleton
    PolicyVersions policyVersions(Database database, PolicyCodec codec) {
        return new JooqPolicyVersions(database.dsl(), codec);
    }

    @Provides
    @Singleton
    JooqServiceSecrets serviceSecrets(Database database) {
        return new JooqServiceSecrets(database.dsl());
    }

    @Provides
    @Singleton
    JooqConsoleSessions consoleSessions(Database database) {
        return new JooqConsoleSessions(database.dsl());
    }

    @Provides
    @Singleton
    StandingFeed standingFeed(Database database) {
        return new JooqStandingFeed(database.dsl());
    }
}
