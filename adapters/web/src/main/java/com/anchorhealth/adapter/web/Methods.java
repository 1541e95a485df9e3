package com.anchorhealth.adapter.web;

import java.util.List;

/**
 * The gRPC method each page or form of the console stands for: the visitor may use it when the role
 * table lets their role call that method, exactly as over gRPC.
 */
public final class Methods {
    private static final String ANCHORS = "anchorhealth.v1.AnchorService/";
    private static final String VIOLATIONS = "anchorhealth.v1.ViolationService/";
    private static final String GUILDS = "anchorhealth.v1.GuildService/";
    private static final String POLICIES = "anchorhealth.v1.PolicyService/";

    public static final String LIST_ANCHORS = ANCHORS + "ListAnchors";
    public static final String GET_ANCHOR = ANCHORS + "GetAnchor";
    public static final String COMPLETE_LEARNING_TASK = ANCHORS + "CompleteLearningTask";
    public static final String ADJUST_SCORE = ANCHORS + "AdjustScore";
    public static final String FILE_APPEAL = VIOLATIONS + "FileAppeal";
    public static final String DECIDE_APPEAL = VIOLATIONS + "DecideAppeal";
    public static final String LIST_VIOLATIONS = VIOLATIONS + "ListViolations";
    public static final String LIST_APPEALS = VIOLATIONS + "ListAppeals";
    public static final String CREATE_GUILD = GUILDS + "CreateGuild";
    public static final String LIST_GUILDS = GUILDS + "ListGuilds";
    public static final String ADD_GUILD_MEMBER = GUILDS + "AddGuildMember";
    public static final String REMOVE_GUILD_MEMBER = GUILDS + "RemoveGuildMember";
    public static final String RECORD_GUILD_VIOLATION = GUILDS + "RecordGuildViolation";
    public static final String LIST_GUILD_EVENTS = GUILDS + "ListGuildEvents";
    public static final String LIST_PUBLIC_NOTICES = GUILDS + "ListPublicNotices";
    public static final String GET_POLICY = POLICIES + "GetPolicy";
    public static final String SIMULATE_POLICY = POLICIES + "SimulatePolicy";
    public static final String PUBLISH_POLICY = POLICIES + "PublishPolicy";

    /** Every method the console names, for the test that each has a role. */
    static final List<String> ALL = List.of(LIST_ANCHORS, GET_ANCHOR, COMPLETE_LEARNING_TASK, ADJUST_SCORE, FILE_APPEAL,
            DECIDE_APPEAL, LIST_VIOLATIONS, LIST_APPEALS, CREATE_GUILD, LIST_GUILDS, ADD_GUILD_MEMBER,
            REMOVE_GUILD_MEMBER, RECORD_GUILD_VIOLATION, LIST_GUILD_EVENTS, LIST_PUBLIC_NOTICES, GET_POLICY,
            SIMULATE_POLICY, PUBLISH_POLICY);

    private Methods() {
    }
}
