package com.anchorhealth.adapter.web;

import com.anchorhealth.application.anchor.AdjustScoreCommand;
import com.anchorhealth.application.anchor.ListAnchors;
import com.anchorhealth.application.appeal.AppealCommands;
import com.anchorhealth.application.appeal.DecideAppeal;
import com.anchorhealth.application.error.AlreadyExistsException;
import com.anchorhealth.application.error.ApplicationException;
import com.anchorhealth.application.error.FailedPreconditionException;
import com.anchorhealth.application.error.FieldViolation;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.error.PermissionDeniedException;
import com.anchorhealth.application.guild.GuildCommands;
import com.anchorhealth.application.guild.ManageGuilds;
import com.anchorhealth.application.policy.PublishPolicyCommand;
import com.anchorhealth.application.recovery.CompleteLearningTask;
import com.anchorhealth.application.recovery.LearningTaskCommand;
import com.anchorhealth.domain.appeal.Appeal;
import com.anchorhealth.domain.appeal.AppealState;
import com.anchorhealth.domain.policy.DefaultPolicy;
import com.anchorhealth.domain.violation.ViolationState;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.Tier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RefusalWordsTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private static final Labels ENGLISH = Labels.of(Labels.ENGLISH, SHANGHAI);
    private static final Labels CHINESE = Labels.of(Labels.CHINESE, SHANGHAI);
    /**
     * What no manager should read: a code ({@code GUILD_REMOVED}), a constant's name ({@code UPHELD}), a
     * resource's path ({@code anchors/mia}), a field's name ({@code request_id}), a placeholder or a key.
     */
    private static final Pattern NOT_WORDS = Pattern.compile("[A-Z]+_[A-Z_]+|[a-z]+s/|[a-z]+_[a-z]+|\\{|\\b("
            + Stream.of(ViolationState.values(), AppealState.values(), Tier.values()).flatMap(Arrays::stream)
            .map(Enum::name).collect(Collectors.joining("|")) + ")\\b|(refusal|field|state)\\.");

    /**
     * One refusal of each reason a form can meet, as the application raises it: the reasons of
     * refusing guild memberships, appeals, learning tasks, conflicts of interest, a form sent twice
     * with other values, and the resources a form or a page names.
     */
    private static final Map<String, ApplicationException> EVERY_REFUSAL = Map.ofEntries(
            Map.entry(ManageGuilds.ANCHOR_IN_ANOTHER_GUILD, new FailedPreconditionException(
                    ManageGuilds.ANCHOR_IN_ANOTHER_GUILD, "anchors/mia", "mia belongs to guild moons: that guild or a "
                    + "moderator releases it first", Map.of("guild", "moons"))),
            Map.entry(ManageGuilds.GUILD_REMOVED, new FailedPreconditionException(ManageGuilds.GUILD_REMOVED,
                    "guilds/stars", "guild stars was removed; it takes no members")),
            Map.entry(ManageGuilds.NOT_A_MEMBER, new FailedPreconditionException(ManageGuilds.NOT_A_MEMBER,
                    "anchors/mia", "mia is not a member of guild stars", Map.of("guild", "stars"))),
            Map.entry(ManageGuilds.GUILD_EXISTS, new AlreadyExistsException(ManageGuilds.GUILD_EXISTS, "guilds/stars",
                    "guild stars already exists")),
            Map.entry(AlreadyExistsException.REQUEST_ID_REUSED, AlreadyExistsException.requestIdReused("r1",
                    "AddGuildMember", "guilds/stars")),
            Map.entry(Appeal.ALREADY_APPEALED, appealRefusal(Appeal.ALREADY_APPEALED,
                    "the violation was already appealed on 2024-05-01T06:00:00Z; a violation is appealed once",
                    Map.of("filedAt", "2024-05-01T06:00:00Z"))),
            Map.entry(Appeal.NOT_APPEALABLE, appealRefusal(Appeal.NOT_APPEALABLE,
                    "only a counted violation can be appealed; this one is OUT_OF_SCOPE", Map.of("state", "OUT_OF_SCOPE"))),
            Map.entry(Appeal.WINDOW_CLOSED, appealRefusal(Appeal.WINDOW_CLOSED,
                    "the appeal window of 30 days closed at 2024-05-01T06:00:00Z",
                    Map.of("windowDays", "30", "closedAt", "2024-05-01T06:00:00Z"))),
            Map.entry(Appeal.ALREADY_DECIDED, appealRefusal(Appeal.ALREADY_DECIDED,
                    "the appeal was already decided: UPHELD", Map.of("state", "UPHELD"))),
            Map.entry(CompleteLearningTask.LEARNING_RECOVERY_OFF, new FailedPreconditionException(
                    CompleteLearningTask.LEARNING_RECOVERY_OFF, "anchors/mia",
                    "the policy in force grants no recovery for learning tasks")),
            Map.entry(CompleteLearningTask.LEARNING_CREDIT_TOO_SOON, new FailedPreconditionException(
                    CompleteLearningTask.LEARNING_CREDIT_TOO_SOON, "anchors/mia",
                    "one learning credit per 30 days; the last was granted at 2024-05-01T06:00:00Z",
                    Map.of("intervalDays", "30", "lastCreditAt", "2024-05-01T06:00:00Z"))),
            Map.entry(DecideAppeal.DECIDER_FILED_IT, new PermissionDeniedException(DecideAppeal.DECIDER_FILED_IT,
                    "ops filed anchors/mia/violations/v1/appeal and may not decide it: another moderator decides")),
            Map.entry(DecideAppeal.DECIDER_MANAGES_GUILD, new PermissionDeniedException(
                    DecideAppeal.DECIDER_MANAGES_GUILD, "desk manages guild moons, the guild of the anchor of "
                    + "anchors/mia/violations/v1/appeal, and may not decide it: another moderator decides",
                    Map.of("guild", "moons"))),
            Map.entry("ANCHOR_NOT_FOUND", new NotFoundException("Anchor", "anchors/mia")),
            Map.entry("GUILD_NOT_FOUND", new NotFoundException("Guild", "guilds/stars")),
            Map.entry("VIOLATION_NOT_FOUND", new NotFoundException("Violation", "anchors/mia/violations/v1")),
            Map.entry("APPEAL_NOT_FOUND", new NotFoundException("Appeal", "anchors/mia/violations/v1/appeal")),
            Map.entry("POLICY_NOT_FOUND", new NotFoundException("Policy", "policies/7")));

    private static FailedPreconditionException appealRefusal(String type, String description,
                                                             Map<String, String> metadata) {
        return new FailedPreconditionException(type, "anchors/mia/violations/v1/appeal", description, metadata);
    }

    @Test
    void everyReasonHasChineseWordsAndEveryWordedReasonIsOneTheApplicationGives() throws IOException {
        assertEquals(new TreeSet<>(EVERY_REFUSAL.keySet()), new TreeSet<>(RefusalWords.REASONS.keySet()));
        assertEquals(keys("refusal."), new TreeSet<>(RefusalWords.REASONS.keySet()));
        assertEquals(keys("field."), new TreeSet<>(RefusalWords.FIELDS.keySet()));
        assertEquals(Set.of(), english(), "English has no words of its own: it reads as the service says it");
    }

    @Test
    void everyRefusalReadsInChineseWithoutACodeOrAPath() {
        EVERY_REFUSAL.forEach((reason, refusal) -> {
            String words = RefusalWords.sentence(CHINESE, refusal);
            assertFalse(NOT_WORDS.matcher(words).find(), reason + ": " + words);
            assertNotEquals(refusal.getMessage(), words, reason);
        });
    }

    @Test
    void englishReadsAsTheServiceSaysIt() {
        EVERY_REFUSAL.forEach((reason, refusal) -> assertEquals(refusal instanceof NotFoundException notFound
                        ? notFound.resourceName() + " was not found." : refusal.getMessage(),
                RefusalWords.sentence(ENGLISH, refusal), reason));
    }

    @Test
    void aRefusalNamesItsSubjectAndToldValuesInTheManagersTermsAndZone() {
        assertEquals("主播 mia 属于公会 moons：须先由该公会或平台审核员解除关系，才能加入本公会。",
                chinese(ManageGuilds.ANCHOR_IN_ANOTHER_GUILD));
        assertEquals("违规 v1 的申诉期已过：须在记录后 30 天内申诉，已于 2024-05-01 14:00:00 GMT+8 截止。",
                chinese(Appeal.WINDOW_CLOSED));
        assertEquals("只有计分的违规才能申诉；违规 v1 的状态是“不在范围内”。", chinese(Appeal.NOT_APPEALABLE));
        assertEquals("这条申诉已经处理过（申诉已维持），不能再次处理。", chinese(Appeal.ALREADY_DECIDED));
        assertEquals("未找到主播 mia 的违规 v1 的申诉。", chinese("APPEAL_NOT_FOUND"));
        assertEquals("未找到第 7 版规则。", chinese("POLICY_NOT_FOUND"));
    }

    /** A refusal that does not tell a value its words need, or one these words do not know, is the service's sentence. */
    @Test
    void aRefusalTheWordsCannotTellWhollyIsTheServicesSentence() {
        FailedPreconditionException withoutGuild = new FailedPreconditionException(ManageGuilds.ANCHOR_IN_ANOTHER_GUILD,
                "anchors/mia", "mia belongs to guild moons");
        assertEquals("mia belongs to guild moons", RefusalWords.sentence(CHINESE, withoutGuild));
        FailedPreconditionException unknown = new FailedPreconditionException("A_RULE_ADDED_SINCE", "anchors/mia",
                "a rule added since refuses it");
        assertEquals("a rule added since refuses it", RefusalWords.sentence(CHINESE, unknown));
    }

    @Test
    void everyFieldReadsAsItsRuleInChineseAndAsTheServiceSaysItInEnglish() {
        for (String field : RefusalWords.FIELDS.keySet()) {
            FieldViolation violation = new FieldViolation(field, "is refused");
            String words = RefusalWords.field(CHINESE, violation).orElseThrow();
            assertFalse(NOT_WORDS.matcher(words).find(), field + ": " + words);
            assertEquals(Optional.empty(), RefusalWords.field(ENGLISH, violation), field);
        }
        assertEquals(Optional.of("分数（±）：须为 -50 到 -1 或 1 到 50 之间的整数"),
                RefusalWords.field(CHINESE, new FieldViolation("delta", "is required")));
        assertEquals(RefusalWords.field(CHINESE, new FieldViolation("end", "must be first or last")),
                RefusalWords.field(CHINESE, new FieldViolation("ledger-end", "must be first or last")),
                "the end of one of a page's lists");
        assertEquals(RefusalWords.field(CHINESE, new FieldViolation("anchor_id", "x")),
                RefusalWords.field(CHINESE, new FieldViolation("anchor", "x")), "one rule, two names");
        assertEquals(Optional.empty(), RefusalWords.field(CHINESE, new FieldViolation("a_field_added_since", "x")));
    }

    /** Every field the console's forms and lists can have refused, refused as they refuse it, has words. */
    @Test
    void everyFieldAFormCanHaveRefusedHasWords() {
        AnchorId mia = new AnchorId("mia");
        List<Executable> badForms = List.of(
                () -> GuildCommands.Create.of("", "no spaces allowed", " "),
                () -> GuildCommands.Membership.of("r", "no spaces", "no spaces", true),
                () -> GuildCommands.Violation.of("r", "stars", null, " ", Optional.empty()),
                () -> AdjustScoreCommand.of("r", mia, 0, " "),
                () -> AppealCommands.File.of("r", mia, "v1", " "),
                () -> AppealCommands.Decide.of("r", mia, "v1", null, "\u0007"),
                () -> LearningTaskCommand.of("r", "mia", " "),
                () -> PublishPolicyCommand.of("r", DefaultPolicy.candidate(), Optional.empty(), "x".repeat(5000)),
                () -> new ListAnchors.Query(Optional.empty(), Optional.empty(), 50, 10, Optional.of("\u0007")),
                () -> Forms.integer("lots", "min"),
                () -> Forms.requiredInteger("", "max"),
                () -> Forms.choice("GOLD", Tier.class, "tier"));
        List<FieldViolation> refused = new ArrayList<>();
        for (Executable form : badForms) {
            refused.addAll(assertThrows(InvalidRequestException.class, form).violations());
        }
        List<String> unworded = refused.stream().filter(field -> RefusalWords.field(CHINESE, field).isEmpty())
                .map(FieldViolation::field).toList();
        assertEquals(List.of(), unworded);
    }

    private static String chinese(String reason) {
        return RefusalWords.sentence(CHINESE, EVERY_REFUSAL.get(reason));
    }

    /** The keys of the Chinese words that start with {@code prefix}, without it. */
    private static Set<String> keys(String prefix) throws IOException {
        return load("/console/refusals_zh_CN.properties").stringPropertyNames().stream()
                .filter(key -> key.startsWith(prefix)).map(key -> key.substring(prefix.length()))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static Set<String> english() throws IOException {
        return load("/console/refusals.properties").stringPropertyNames();
    }

    private static Properties load(String resource) throws IOException {
        Properties words = new Properties();
        try (Reader reader = new InputStreamReader(RefusalWordsTest.class.getResourceAsStream(resource),
                StandardCharsets.UTF_8)) {
            words.load(reader);
        }
        return words;
    }
}
