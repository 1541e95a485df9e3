package com.anchorhealth.server;

import com.anchorhealth.adapter.grpc.ProtoPolicyCodec;
import com.anchorhealth.adapter.persistence.Database;
import com.anchorhealth.application.anchor.GetAnchor;
import com.anchorhealth.application.anchor.UpsertAnchor;
import com.anchorhealth.application.anchor.UpsertAnchorCommand;
import com.anchorhealth.application.anchor.VerifyScores;
import com.anchorhealth.application.appeal.AppealCommands;
import com.anchorhealth.application.appeal.DecideAppeal;
import com.anchorhealth.application.appeal.FileAppeal;
import com.anchorhealth.application.call.Caller;
import com.anchorhealth.application.call.Deadline;
import com.anchorhealth.application.call.Scope;
import com.anchorhealth.application.capability.CheckCapability;
import com.anchorhealth.application.error.FailedPreconditionException;
import com.anchorhealth.application.guild.GuildCommands;
import com.anchorhealth.application.guild.ListPublicNotices;
import com.anchorhealth.application.guild.ManageGuilds;
import com.anchorhealth.application.guild.RecordGuildViolation;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.application.policy.InitializePolicy;
import com.anchorhealth.application.port.out.anchor.Ledger;
import com.anchorhealth.application.recovery.CompleteLearningTask;
import com.anchorhealth.application.recovery.LearningTaskCommand;
import com.anchorhealth.application.recovery.RecoverScores;
import com.anchorhealth.application.violation.RecordViolation;
import com.anchorhealth.application.write.GroupCommit;
import com.anchorhealth.application.violation.RecordViolationCommand;
import com.anchorhealth.application.violation.ViolationView;
import com.anchorhealth.domain.appeal.AppealDecision;
import com.anchorhealth.domain.guild.GuildStatus;
import com.anchorhealth.domain.sanction.CapabilityDecision;
import com.anchorhealth.domain.sanction.Standing;
import com.anchorhealth.domain.score.ScoreEvent;
import com.anchorhealth.domain.score.ScoreEventKind;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Capability;
import com.anchorhealth.domain.vocabulary.Certification;
import com.anchorhealth.domain.vocabulary.Severity;
import com.anchorhealth.domain.vocabulary.Tier;
import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.util.Modules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The governance story through the real application services on H2, with a clock the story moves:
 * a trial that deducts without penalising, enforcement that keeps the trial scores, an appeal that
 * lifts an anchor back over 40, a guild that falls to 50 and is removed with its notice, and
 * recovery by time (run twice) and by learning.
 */
class GovernanceScenarioTest {
    private static final Instant TRIAL_START = Instant.parse("2026-01-05T00:00:00Z");
    private static final Instant ENFORCED_FROM = TRIAL_START.plus(Duration.ofDays(14));
    private static final String POLICY = """
            {"phases": {"trial_start": "2026-01-05T00:00:00Z", "enforced_from": "2026-01-19T00:00:00Z",
                        "time_zone": "UTC", "rollout": [{"from": "2026-01-05T00:00:00Z", "percent": 100}]},
             "recovery": {"time_based": true, "learning_tasks": true}}
            """;

    private final MovableClock clock = new MovableClock(TRIAL_START.plus(Duration.ofDays(1)));
    private Injector injector;

    @BeforeEach
    void startApplication() {
        Settings settings = new Settings("127.0.0.1", 0, Path.of("unused"),
                Optional.of("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"), "sa", "", Optional.empty(),
                Optional.empty(), Optional.empty());
        injector = Guice.createInjector(Modules.override(new PersistenceModule(), new ApplicationModule(),
                new GrpcModule(), new MetricsModule()).with(new AbstractModule() {
                    @Provides
                    @Singleton
                    Settings settings() {
                        return settings;
                    }

                    @Provides
                    @Singleton
                    Clock clock() {
                        return clock;
                    }
                }));
        get(InitializePolicy.class).initialize(Optional.of(get(ProtoPolicyCodec.class).readPolicyFile(POLICY)));
    }

    @AfterEach
    void closeDatabase() {
        get(Database.class).close();
    }

    @Test
    void trialEnforcementAppealGuildRemovalAndRecovery() {
        // The trial: deductions count, sanctions only say what they would deny.
        get(ManageGuilds.class).create(GuildCommands.Create.of(request(), "starlight", "Starlight Agency"),
                "back-office", deadline());
        register("mia", "starlight");
        register("kai", null);
        List<ViolationView> miaViolations = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            miaViolations.add(violation("mia", "PORNOGRAPHY"));             // SEVERE at level 4: 8 points
        }
        for (int i = 0; i < 12; i++) {
            violation("kai", "PORNOGRAPHY");
        }
        Standing trial = standing("mia");
        assertEquals(36, trial.score());
        assertEquals(Tier.RESTRICTED, trial.tier());
        assertFalse(trial.enforced());
        assertTrue(trial.deniedCapabilities().contains(Capability.PK), "what would be denied");
        CapabilityDecision pkInTrial = check("mia", Capability.PK);
        assertTrue(pkInTrial.allowed());
        assertFalse(pkInTrial.allowedIfEnforced());
        assertEquals(84, guildScore(), "each SEVERE member violation costs the guild 2");

        // Enforcement keeps the trial scores and now denies.
        clock.moveTo(ENFORCED_FROM.plus(Duration.ofDays(1)));
        assertEquals(36, standing("mia").score());
        CapabilityDecision pkEnforced = check("mia", Capability.PK);
        assertTrue(pkEnforced.enforced());
        assertFalse(pkEnforced.allowed());

        // An appeal lifts mia back over 40 and gives the guild its 2 points back.
        String violationId = miaViolations.get(0).violation().violationId();
        GroupCommit.await(get(FileAppeal.class).file(AppealCommands.File.of(request(), new AnchorId("mia"),
                violationId, "a film clip"), Caller.unidentified("mia"), deadline()));
        GroupCommit.await(get(DecideAppeal.class).decide(AppealCommands.Decide.of(request(), new AnchorId("mia"),
                violationId, AppealDecision.OVERTURN, "licensed"), Caller.unidentified("back-office"), deadline()));
        assertEquals(44, standing("mia").score());
        assertTrue(check("mia", Capability.PK).allowed());
        assertEquals(86, guildScore());

        // The guild falls to 50 and is removed in that transaction, with its notice; mia is released.
        RecordGuildViolation guildViolations = get(RecordGuildViolation.class);
        for (Severity severity : List.of(Severity.SEVERE, Severity.SERIOUS, Severity.MINOR, Severity.MINOR)) {
            assertFalse(guildViolations.record(guildViolation(severity), "back-office", deadline()).removed());
        }
        RecordGuildViolation.Result removal = guildViolations.record(guildViolation(Severity.MINOR), "back-office",
                deadline());
        assertTrue(removal.removed());
        assertEquals(50, removal.guild().guild().score());
        assertEquals(GuildStatus.REMOVED, removal.guild().guild().status());
        assertEquals(Optional.empty(), get(GetAnchor.class).get(Scope.EVERY_GUILD, new AnchorId("mia"), Optional.empty()).record()
                .profile().guildId());
        assertEquals("guilds/starlight", get(ListPublicNotices.class).list(PageRequest.first(1)).items().get(0)
                .subject());

        // Recovery by time: 30 clean days are worth 1 point at or above 10, 7 clean days below 10.
        clock.moveTo(TRIAL_START.plus(Duration.ofDays(1 + 31)));
        RecoverScores.Run first = get(RecoverScores.class).runOnce();
        assertEquals(new RecoverScores.Run(2, 2, 1 + 4), first, "mia +1; kai from 4: +1 per 7 days, four times");
        assertEquals(45, standing("mia").score());
        assertEquals(8, standing("kai").score());
        assertEquals(new RecoverScores.Run(2, 0, 0), get(RecoverScores.class).runOnce(), "safe to run twice");

        // Recovery by learning: +1, at most once per 30 days.
        CompleteLearningTask learning = get(CompleteLearningTask.class);
        assertEquals(46, GroupCommit.await(learning.complete(LearningTaskCommand.of(request(), "mia", "course-1"),
                "academy", deadline())).standing().score());
        FailedPreconditionException tooSoon = assertThrows(FailedPreconditionException.class, () -> GroupCommit.await(
                learning.complete(LearningTaskCommand.of(request(), "mia", "course-2"), "academy", deadline())));
        assertEquals("LEARNING_CREDIT_TOO_SOON", tooSoon.type());
        List<ScoreEvent> ledger = get(Ledger.class).ledgerOf(new AnchorId("mia"));
        assertEquals(List.of(ScoreEventKind.RECOVERY, ScoreEventKind.RECOVERY),
                ledger.subList(ledger.size() - 2, ledger.size()).stream().map(ScoreEvent::kind).toList());
        assertEquals(0, get(VerifyScores.class).verify(Optional.empty()).mismatches().size());
    }

    /** Clean time runs from when a violation was recorded: a report dated long ago earns nothing at the next run. */
    @Test
    void aBackdatedViolationEarnsNoRecoveryUntilItsCleanTimeHasPassed() {
        clock.moveTo(ENFORCED_FROM.plus(Duration.ofDays(400)));
        register("zoe", null);
        Instant longAgo = ENFORCED_FROM.plus(Duration.ofDays(1));
        GroupCommit.await(get(RecordViolation.class).record(RecordViolationCommand.of(request(), "zoe", "PORNOGRAPHY",
                Optional.of(longAgo), "", "moderation", List.of()), "moderation", deadline()));
        assertEquals(92, standing("zoe").score());

        assertEquals(0, get(RecoverScores.class).runOnce().anchorsCredited(),
                "it occurred 399 days ago, but was recorded just now");
        clock.moveTo(clock.instant().plus(Duration.ofDays(31)));
        assertEquals(1, get(RecoverScores.class).runOnce().points());
        assertEquals(93, standing("zoe").score());
    }

    /** As of an instant, each violation counts as it stood then: one overturned later still revoked selling. */
    @Test
    void asOfShowsEachViolationInTheStateItHadThen() {
        clock.moveTo(ENFORCED_FROM.plus(Duration.ofDays(1)));
        register("lea", null);
        String violationId = violation("lea", "COUNTERFEIT_GOODS").violation().violationId();
        Instant whileItStood = clock.instant().plus(Duration.ofHours(1));
        clock.moveTo(clock.instant().plus(Duration.ofDays(2)));
        GroupCommit.await(get(FileAppeal.class).file(AppealCommands.File.of(request(), new AnchorId("lea"),
                violationId, "genuine goods"), Caller.unidentified("lea"), deadline()));
        GroupCommit.await(get(DecideAppeal.class).decide(AppealCommands.Decide.of(request(), new AnchorId("lea"),
                violationId, AppealDecision.OVERTURN, "receipts shown"), Caller.unidentified("back-office"),
                deadline()));
        assertFalse(standing("lea").deniedCapabilities().contains(Capability.ECOMMERCE_SELLING), "restored now");

        Standing then = get(GetAnchor.class).get(Scope.EVERY_GUILD, new AnchorId("lea"), Optional.of(whileItStood)).standing();

        assertEquals(94, then.score());
        assertTrue(then.deniedCapabilities().contains(Capability.ECOMMERCE_SELLING), "revoked then");
        assertTrue(then.lastViolationAt().isPresent());
    }

    private <T> T get(Class<T> type) {
        return injector.getInstance(type);
    }

    private void register(String anchorId, String guildId) {
        GroupCommit.await(get(UpsertAnchor.class).upsert(UpsertAnchorCommand.of(request(), anchorId, anchorId,
                Certification.NONE, 4, 1_000, 50, guildId == null ? "" : guildId), Caller.unidentified("platform"),
                deadline()));
    }

    private ViolationView violation(String anchorId, String type) {
        return GroupCommit.await(get(RecordViolation.class).record(RecordViolationCommand.of(request(), anchorId, type,
                Optional.empty(), "", "moderation", List.of()), "moderation", deadline()));
    }

    private Standing standing(String anchorId) {
        return get(GetAnchor.class).get(Scope.EVERY_GUILD, new AnchorId(anchorId), Optional.empty()).standing();
    }

    private CapabilityDecision check(String anchorId, Capability capability) {
        return get(CheckCapability.class).check(Scope.EVERY_GUILD, new CheckCapability.Query(new AnchorId(anchorId), capability,
                Optional.empty()));
    }

    private int guildScore() {
        return get(ManageGuilds.class).get(Scope.EVERY_GUILD, "starlight").guild().score();
    }

    private static GuildCommands.Violation guildViolation(Severity severity) {
        return GuildCommands.Violation.of(request(), "starlight", severity, "unpaid anchor contracts",
                Optional.empty());
    }

    private static String request() {
        return UUID.randomUUID().toString();
    }

    /** The scenario's calls come from callers that set no deadline. */
    private static Deadline deadline() {
        return Deadline.ofCallerWithoutOne();
    }

    /** A clock the scenario moves forward; ticks in milliseconds like the production clock. */
    private static final class MovableClock extends Clock {
        private volatile Instant now;

        MovableClock(Instant start) {
            this.now = start;
        }

        void moveTo(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            now = now.plusMillis(1);
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException();
        }
    }
}
