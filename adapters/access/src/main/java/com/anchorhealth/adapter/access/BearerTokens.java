package com.anchorhealth.adapter.access;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The bearer tokens the server accepts, from the text of a tokens file: one token per line,
 * {@code <sha256 hex of the token> <role> <actor name> [<guild id>,<guild id>…]}, with blank lines and
 * {@code #} comments ignored. The guilds, which a {@code guild_manager} line must name and a
 * {@code reader} line may, are all its holder sees. Only hashes are stored, so the file reveals no token.
 */
public final class BearerTokens {
    private static final Pattern FIELDS = Pattern.compile("\\s+");
    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-fA-F]{64}");
    /** The actor is recorded with every write (ledger column of 128 characters). */
    private static final Pattern ACTOR_NAME = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Pattern GUILD_IDS = Pattern.compile("[A-Za-z0-9._-]{1,64}(,[A-Za-z0-9._-]{1,64})*");
    private static final String LINE_FORMAT = "<sha256 hex of the token> <role> <actor> [<guild id>,…]";
    private static final BearerTokens NONE = new BearerTokens(List.of());
    /** sha256 of no bytes: listed, it would let {@code authorization: Bearer } in. */
    private static final String EMPTY_TOKEN_HASH = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    /**
     * Who holds a token: the actor recorded as the author of writes, the role, and the guilds the
     * holder is limited to (empty: every guild).
     */
    public record Holder(byte[] tokenHash, String actor, Role role, Set<String> guilds) {
        public Holder {
            guilds = Set.copyOf(guilds);
        }

        public boolean scoped() {
            return !guilds.isEmpty();
        }
    }

    private final List<Holder> holders;

    private BearerTokens(List<Holder> holders) {
        this.holders = List.copyOf(holders);
    }

    /** No tokens configured: calls are not authenticated. */
    public static BearerTokens none() {
        return NONE;
    }

    /** Throws IllegalArgumentException naming the first bad line, or when the text holds no token. */
    public static BearerTokens parse(String text) {
        List<Holder> holders = new ArrayList<>();
        String[] lines = text.split("\\R", -1);
        for (int number = 1; number <= lines.length; number++) {
            String line = lines[number - 1].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            Holder holder = holder(line, number);
            if (holders.stream().anyMatch(known -> Arrays.equals(known.tokenHash(), holder.tokenHash()))) {
                throw new IllegalArgumentException("line " + number + ": the same token hash is listed twice");
            }
            holders.add(holder);
        }
        if (holders.isEmpty()) {
            throw new IllegalArgumentException("holds no tokens (one line per token: " + LINE_FORMAT + ")");
        }
        return new BearerTokens(holders);
    }

    private static Holder holder(String line, int number) {
        String[] fields = FIELDS.split(line);
        if (fields.length != 3 && fields.length != 4) {
            throw new IllegalArgumentException("line " + number + ": expected " + LINE_FORMAT + ", got "
                    + fields.length + " fields");
        }
        if (!SHA256_HEX.matcher(fields[0]).matches()) {
            throw new IllegalArgumentException("line " + number + ": the token hash must be 64 hex digits (sha256sum)");
        }
        if (fields[0].equalsIgnoreCase(EMPTY_TOKEN_HASH)) {
            throw new IllegalArgumentException("line " + number + ": that is the hash of the empty token, which "
                    + "anyone could send; hash the token itself (printf '%s' \"$TOKEN\" | sha256sum)");
        }
        Role role = Role.fromLabel(fields[1]).orElseThrow(() -> new IllegalArgumentException("line " + number
                + ": the role must be one of " + Arrays.stream(Role.values()).map(Role::label)
                .collect(Collectors.joining(", ")) + ", not '" + fields[1] + "'"));
        if (!ACTOR_NAME.matcher(fields[2]).matches()) {
            throw new IllegalArgumentException("line " + number + ": the actor name must be 1-64 characters of "
                    + "letters, digits, '.', '_', '@' and '-'");
        }
        Set<String> guilds = fields.length == 4 ? guilds(fields[3], role, number) : Set.of();
        if (role == Role.GUILD_MANAGER && guilds.isEmpty()) {
            throw new IllegalArgumentException("line " + number + ": a guild_manager line names its guilds after the "
                    + "actor: " + LINE_FORMAT);
        }
        return new Holder(HexFormat.of().parseHex(fields[0]), fields[2], role, guilds);
    }

    private static Set<String> guilds(String field, Role role, int number) {
        if (!role.takesGuilds()) {
            throw new IllegalArgumentException("line " + number + ": only guild_manager and reader lines name guilds; "
                    + "a " + role.label() + " token acts on every guild");
        }
        if (!GUILD_IDS.matcher(field).matches()) {
            throw new IllegalArgumentException("line " + number + ": guilds are guild ids (1-64 characters of "
                    + "[A-Za-z0-9._-]) separated by commas, without spaces");
        }
        return Set.of(field.split(","));
    }

    /**
     * The guilds the actor manages under any of its tokens: nobody decides an appeal of an anchor of
     * such a guild, whichever token they decide with (DESIGN §11).
     */
    public Set<String> guildsManagedBy(String actor) {
        return holders.stream()
                .filter(holder -> holder.role() == Role.GUILD_MANAGER && holder.actor().equals(actor))
                .flatMap(holder -> holder.guilds().stream())
                .collect(Collectors.toUnmodifiableSet());
    }

    public boolean isEmpty() {
        return holders.isEmpty();
    }

    public int size() {
        return holders.size();
    }

    /**
     * Who holds the token; compares every hash in constant time, so timing tells nothing of them. An
     * empty token is held by nobody.
     */
    public Optional<Holder> holderOf(String token) {
        if (token.isEmpty()) {
            return Optional.empty();
        }
        return holderOfHash(sha256(token));
    }

    /**
     * Who holds the token of this SHA-256 hash, compared as {@link #holderOf} does: how a signed-in
     * web session finds its holder on every request, so a token revoked in the file ends its sessions.
     */
    public Optional<Holder> holderOfHash(byte[] hash) {
        Holder found = null;
        for (Holder holder : holders) {
            if (MessageDigest.isEqual(holder.tokenHash(), hash)) {
                found = holder;
            }
        }
        return Optional.ofNullable(found);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }
}
