package com.anchorhealth.adapter.grpc;

import com.anchorhealth.api.v1.AddGuildMemberRequest;
import com.anchorhealth.api.v1.CreateGuildRequest;
import com.anchorhealth.api.v1.GetGuildRequest;
import com.anchorhealth.api.v1.Guild;
import com.anchorhealth.api.v1.GuildServiceGrpc;
import com.anchorhealth.api.v1.ListGuildEventsRequest;
import com.anchorhealth.api.v1.ListGuildEventsResponse;
import com.anchorhealth.api.v1.ListGuildsRequest;
import com.anchorhealth.api.v1.ListGuildsResponse;
import com.anchorhealth.api.v1.ListPublicNoticesRequest;
import com.anchorhealth.api.v1.ListPublicNoticesResponse;
import com.anchorhealth.api.v1.RecordGuildViolationRequest;
import com.anchorhealth.api.v1.RecordGuildViolationResponse;
import com.anchorhealth.api.v1.RemoveGuildMemberRequest;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.guild.GuildCommands;
import com.anchorhealth.application.guild.GuildView;
import com.anchorhealth.application.guild.ListGuildEvents;
import com.anchorhealth.application.guild.ListPublicNotices;
import com.anchorhealth.application.guild.ManageGuilds;
import com.anchorhealth.application.guild.RecordGuildViolation;
import com.anchorhealth.application.list.Page;
import com.anchorhealth.application.list.PageRequest;
import com.anchorhealth.domain.guild.GuildEvent;
import com.anchorhealth.domain.guild.PublicNotice;
import com.anchorhealth.domain.vocabulary.Severity;
import io.grpc.stub.StreamObserver;

/** GuildService: guild administration, guild violations and ledgers, and the public notices of removals. */
public final class GuildGrpcService extends GuildServiceGrpc.GuildServiceImplBase {
    private static final String NOTICES = "publicNotices";

    private final ManageGuilds manageGuilds;
    private final RecordGuildViolation recordGuildViolation;
    private final ListPublicNotices listPublicNotices;
    private final ListGuildEvents listGuildEvents;
    private final PageTokens pageTokens;

    public GuildGrpcService(ManageGuilds manageGuilds, RecordGuildViolation recordGuildViolation,
                            ListPublicNotices listPublicNotices, ListGuildEvents listGuildEvents,
                            PageTokens pageTokens) {
        this.manageGuilds = manageGuilds;
        this.recordGuildViolation = recordGuildViolation;
        this.listPublicNotices = listPublicNotices;
        this.listGuildEvents = listGuildEvents;
        this.pageTokens = pageTokens;
    }

    @Override
    public void createGuild(CreateGuildRequest request, StreamObserver<Guild> observer) {
        GrpcErrors.respond(observer, () -> Messages.guild(manageGuilds.create(GuildCommands.Create.of(
                request.getRequestId(), request.getGuildId(), request.getDisplayName()), Callers.actor(),
                CallDeadlines.current())));
    }

    @Override
    public void getGuild(GetGuildRequest request, StreamObserver<Guild> observer) {
        GrpcErrors.respond(observer, () ->
                Messages.guild(manageGuilds.get(Callers.scope(), Requests.guildName(request.getName(), "name"))));
    }

    @Override
    public void listGuilds(ListGuildsRequest request, StreamObserver<ListGuildsResponse> observer) {
        GrpcErrors.respond(observer, () -> {
            GuildListFilter filter = GuildListFilter.parse(request.getFilter());
            String query = "guilds?" + request.getFilter();
            PageRequest page = pageTokens.pageRequest(request.getPageSize(), request.getPageToken(), query);
            Page<GuildView> found = manageGuilds.list(Callers.scope(), filter.status(), filter.minScore(), filter.maxScore(), page);
            return ListGuildsResponse.newBuilder()
                    .addAllGuilds(found.items().stream().map(Messages::guild).toList())
                    .setNextPageToken(pageTokens.nextToken(found, query))
                    .build();
        });
    }

    @Override
    public void addGuildMember(AddGuildMemberRequest request, StreamObserver<Guild> observer) {
        GrpcErrors.respondWhenDone(observer, () -> manageGuilds.changeMembership(GuildCommands.Membership.of(
                request.getRequestId(), Requests.guildName(request.getGuild(), "guild"), request.getAnchorId(),
                true), Callers.current(), CallDeadlines.current()), Messages::guild);
    }

    @Override
    public void removeGuildMember(RemoveGuildMemberRequest request, StreamObserver<Guild> observer) {
        GrpcErrors.respondWhenDone(observer, () -> manageGuilds.changeMembership(GuildCommands.Membership.of(
                request.getRequestId(), Requests.guildName(request.getGuild(), "guild"), request.getAnchorId(),
                false), Callers.current(), CallDeadlines.current()), Messages::guild);
    }

    @Override
    public void recordGuildViolation(RecordGuildViolationRequest request,
                                     StreamObserver<RecordGuildViolationResponse> observer) {
        GrpcErrors.respond(observer, () -> {
            RecordGuildViolation.Result result = recordGuildViolation.record(GuildCommands.Violation.of(
                    request.getRequestId(), guildId(request), severity(request), request.getDescription(),
                    Requests.instant(request.hasOccurredAt(), request.getOccurredAt(), "occurred_at")),
                    Callers.actor(), CallDeadlines.current());
            RecordGuildViolationResponse.Builder response = RecordGuildViolationResponse.newBuilder()
                    .setGuild(Messages.guild(result.guild()))
                    .setPoints(result.points())
                    .setRemoved(result.removed());
            result.notice().ifPresent(notice -> response.setNotice(Messages.notice(notice)));
            return response.build();
        });
    }

    @Override
    public void listPublicNotices(ListPublicNoticesRequest request,
                                  StreamObserver<ListPublicNoticesResponse> observer) {
        GrpcErrors.respond(observer, () -> {
            PageRequest page = pageTokens.pageRequest(request.getPageSize(), request.getPageToken(), NOTICES);
            Page<PublicNotice> found = listPublicNotices.list(page);
            return ListPublicNoticesResponse.newBuilder()
                    .addAllNotices(found.items().stream().map(Messages::notice).toList())
                    .setNextPageToken(pageTokens.nextToken(found, NOTICES))
                    .build();
        });
    }

    @Override
    public void listGuildEvents(ListGuildEventsRequest request, StreamObserver<ListGuildEventsResponse> observer) {
        GrpcErrors.respond(observer, () -> {
            String guildId = Requests.guildName(request.getParent(), "parent");
            PageRequest page = pageTokens.pageRequest(request.getPageSize(), request.getPageToken(),
                    request.getParent());
            Page<GuildEvent> found = listGuildEvents.list(Callers.scope(), guildId, page);
            return ListGuildEventsResponse.newBuilder()
                    .addAllGuildEvents(found.items().stream().map(Messages::guildEvent).toList())
                    .setNextPageToken(pageTokens.nextToken(found, request.getParent()))
                    .build();
        });
    }

    /**
     * The guild, named by {@code guild} like the other guild calls, or by the deprecated {@code guild_id}
     * that v1 keeps accepting; when both are set they must agree. Neither is left to the command's check.
     */
    @SuppressWarnings("deprecation")
    private static String guildId(RecordGuildViolationRequest request) {
        String deprecatedId = request.getGuildId();
        if (request.getGuild().isEmpty()) {
            return deprecatedId;
        }
        String named = Requests.guildName(request.getGuild(), "guild");
        if (!deprecatedId.isEmpty() && !deprecatedId.equals(named)) {
            throw InvalidRequestException.of("guild_id", "names another guild than guild; set guild alone");
        }
        return named;
    }

    /** Unspecified is left to the command's check; an unknown number is refused here. */
    private static Severity severity(RecordGuildViolationRequest request) {
        return switch (request.getSeverity()) {
            case SEVERITY_UNSPECIFIED -> null;
            case MINOR -> Severity.MINOR;
            case MODERATE -> Severity.MODERATE;
            case SERIOUS -> Severity.SERIOUS;
            case SEVERE -> Severity.SEVERE;
            case UNRECOGNIZED -> throw InvalidRequestException.of("severity",
                    "unknown severity " + request.getSeverityValue());
        };
    }
}
