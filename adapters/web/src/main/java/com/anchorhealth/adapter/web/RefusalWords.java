package com.anchorhealth.adapter.web;

import com.anchorhealth.application.anchor.ListAnchors;
import com.anchorhealth.application.appeal.AppealCommands;
import com.anchorhealth.application.appeal.DecideAppeal;
import com.anchorhealth.application.error.AlreadyExistsException;
import com.anchorhealth.application.error.ApplicationException;
import com.anchorhealth.application.error.FailedPreconditionException;
import com.anchorhealth.application.error.FieldViolation;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.error.PermissionDeniedException;
import com.anchorhealth.application.guild.GuildCommands;
import com.anchorhealth.application.guild.ManageGuilds;
import com.anchorhealth.application.recovery.CompleteLearningTask;
import com.anchorhealth.application.recovery.LearningTaskCommand;
import com.anchorhealth.domain.appeal.Appeal;
import com.anchorhealth.domain.score.ScoreAdjustment;
import com.anchorhealth.domain.vocabulary.AnchorId;
import com.anchorhealth.domain.vocabulary.AnchorProfile;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Why the service refused a form, in the visitor's language: "主播 mia 属于公会 moons：须先由该公会或平台审核员
 * 解除关系…", never {@code FAILED_PRECONDITION} or {@code anchors/mia}. Each refusal is read from what the
 * application gives machine-readable — its reason ({@code ANCHOR_IN_ANOTHER_GUILD}, {@code GUILD_NOT_FOUND}),
 * the ids of the resource it names, the values of its metadata — and each bad field from its name, whose
 * words state the field's rule with the application's own limits; never from the English of a message.
 * The words are {@code console/refusals*.properties}: English has none, and shows the service's own
 * sentences, as it always has. A refusal these words do not know yet shows as the service says it.
 */
public final class RefusalWords {
    /** How one value of a refusal's sentence reads. */
    private interface Argument {
        /** Throws when the refusal lacks the value: the sentence is then the service's own. */
        Object of(Labels t, Refusal refusal);
    }

    /**
     * What a refusal tells: its reason, the resource it names ({@code anchors/mia/violations/v1}: the ids
     * {@code mia} and {@code v1}), and its metadata.
     */
    private record Refusal(String reason, String resourceName, Map<String, String> metadata) {
        /** The ids of the name, which alternate with the collections' names. */
        String id(int index) {
            String[] segments = resourceName.split("/");
            return segments[2 * index + 1];
        }

        String value(String key) {
            String value = metadata.get(key);
            if (value == null) {
                throw new IllegalArgumentException(reason + " without " + key);
            }
            return value;
        }
    }

    /** Every refusal a form can meet, by its reason, with the values its sentence tells in their order. */
    static final Map<String, List<Argument>> REASONS = Map.ofEntries(
            Map.entry(ManageGuilds.ANCHOR_IN_ANOTHER_GUILD, List.of(id(0), value("guild"))),
            Map.entry(ManageGuilds.GUILD_REMOVED, List.of(id(0))),
            Map.entry(ManageGuilds.NOT_A_MEMBER, List.of(id(0), value("guild"))),
            Map.entry(ManageGuilds.GUILD_EXISTS, List.of(id(0))),
            Map.entry(AlreadyExistsException.REQUEST_ID_REUSED, List.of()),
            Map.entry(Appeal.ALREADY_APPEALED, List.of(id(1), time("filedAt"))),
            Map.entry(Appeal.NOT_APPEALABLE, List.of(id(1), named("state", "state"))),
            Map.entry(Appeal.WINDOW_CLOSED, List.of(id(1), number("windowDays"), time("closedAt"))),
            Map.entry(Appeal.ALREADY_DECIDED, List.of(named("appeal-state", "state"))),
            Map.entry(CompleteLearningTask.LEARNING_RECOVERY_OFF, List.of()),
            Map.entry(CompleteLearningTask.LEARNING_CREDIT_TOO_SOON, List.of(number("intervalDays"),
                    time("lastCreditAt"))),
            Map.entry(DecideAppeal.DECIDER_FILED_IT, List.of()),
            Map.entry(DecideAppeal.DECIDER_MANAGES_GUILD, List.of(value("guild"))),
            Map.entry(NotFoundException.reasonOf("Anchor"), List.of(id(0))),
            Map.entry(NotFoundException.reasonOf("Guild"), List.of(id(0))),
            Map.entry(NotFoundException.reasonOf("Violation"), List.of(id(0), id(1))),
            Map.entry(NotFoundException.reasonOf("Appeal"), List.of(id(0), id(1))),
            Map.entry(NotFoundException.reasonOf("Policy"), List.of(id(0))));

    /**
     * Every field a form or a list's query can have refused, by its name, with the limits its rule
     * states (the application's, never restated here).
     */
    static final Map<String, List<Object>> FIELDS = Map.ofEntries(
            Map.entry("request_id", List.of()),
            Map.entry("anchor_id", List.of(AnchorId.MAX_LENGTH)),
            Map.entry("guild_id", List.of(AnchorId.MAX_LENGTH)),
            Map.entry("display_name", List.of(AnchorProfile.MAX_DISPLAY_NAME_LENGTH)),
            Map.entry("severity", List.of()),
            Map.entry("description", List.of(GuildCommands.MAX_DESCRIPTION_LENGTH)),
            Map.entry("delta", List.of(ScoreAdjustment.MAX_POINTS)),
            Map.entry("reason", List.of(ScoreAdjustment.MAX_REASON_LENGTH)),
            Map.entry("statement", List.of(AppealCommands.MAX_TEXT_LENGTH)),
            Map.entry("decision", List.of()),
            // Two forms send a note, with two limits: the words say what both refuse.
            Map.entry("note", List.of()),
            Map.entry("task_id", List.of(LearningTaskCommand.MAX_TASK_ID_LENGTH)),
            Map.entry("tier", List.of()),
            Map.entry("status", List.of()),
            Map.entry("state", List.of()),
            Map.entry("min", List.of()),
            Map.entry("max", List.of()),
            Map.entry("min_score", List.of()),
            Map.entry("text", List.of(ListAnchors.Query.MAX_TEXT_LENGTH)),
            Map.entry("sort", List.of()),
            Map.entry("end", List.of()),
            Map.entry("page_token", List.of()),
            Map.entry("simulated", List.of()));

    /** Fields that one form names otherwise: the same rule under another name. */
    private static final Map<String, String> SAME_FIELDS = Map.of("anchor", "anchor_id", "guild", "guild_id");

    private RefusalWords() {
    }

    /** The sentence of a refusal (not found, a state or rule that forbids it, a conflict of interest). */
    static String sentence(Labels t, ApplicationException refused) {
        if (refused instanceof NotFoundException notFound) {
            return worded(t, new Refusal(notFound.reason(), notFound.resourceName(), Map.of()))
                    .orElseGet(() -> t.t("error.not-found", notFound.resourceName()));
        }
        Optional<Refusal> refusal = refused instanceof FailedPreconditionException precondition
                ? Optional.of(new Refusal(precondition.type(), precondition.subject(), precondition.metadata()))
                : refused instanceof AlreadyExistsException exists
                ? Optional.of(new Refusal(exists.reason(), exists.resourceName(), Map.of()))
                : refused instanceof PermissionDeniedException denied
                ? Optional.of(new Refusal(denied.reason(), "", denied.metadata()))
                : Optional.empty();
        return refusal.flatMap(known -> worded(t, known)).orElseGet(refused::getMessage);
    }

    /**
     * A refused field and its rule in words, where the language has them: "分数（±）：须为 -50 到 -1 或 1 到 50
     * 之间的整数". The end of one of a page's lists ({@code ledger-end}) is an end like any other.
     */
    public static Optional<String> field(Labels t, FieldViolation violation) {
        String named = violation.field().substring(violation.field().lastIndexOf('-') + 1);
        String field = SAME_FIELDS.getOrDefault(named, named);
        List<Object> limits = FIELDS.get(field);
        return limits == null ? Optional.empty() : t.refusal("field." + field, limits.toArray());
    }

    /** The refusal's sentence in the visitor's language, when it has one and the refusal tells every value. */
    private static Optional<String> worded(Labels t, Refusal refusal) {
        List<Argument> arguments = REASONS.get(refusal.reason());
        if (arguments == null) {
            return Optional.empty();
        }
        List<Object> values = new ArrayList<>();
        try {
            for (Argument argument : arguments) {
                values.add(argument.of(t, refusal));
            }
        } catch (RuntimeException incomplete) {
            return Optional.empty();
        }
        return t.refusal("refusal." + refusal.reason(), values.toArray());
    }

    private static Argument id(int index) {
        return (t, refusal) -> refusal.id(index);
    }

    private static Argument value(String key) {
        return (t, refusal) -> refusal.value(key);
    }

    /** A count the sentence groups as the language does. */
    private static Argument number(String key) {
        return (t, refusal) -> t.number(Long.parseLong(refusal.value(key)));
    }

    /** A time, told in the platform's zone with its offset. */
    private static Argument time(String key) {
        return (t, refusal) -> t.time(Instant.parse(refusal.value(key)));
    }

    /** A constant of the domain (a state) by its label in {@code group}. */
    private static Argument named(String group, String key) {
        return (t, refusal) -> t.t(group + "." + refusal.value(key));
    }
}
