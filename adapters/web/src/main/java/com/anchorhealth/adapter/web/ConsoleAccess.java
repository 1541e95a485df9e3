package com.anchorhealth.adapter.web;

import com.anchorhealth.adapter.access.BearerTokens;
import com.anchorhealth.adapter.access.Signer;
import com.anchorhealth.application.call.Caller;
import com.anchorhealth.application.call.Scope;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The console's sessions, kept by the browser in one signed cookie so that any server instance on
 * the same store (which keeps the key) reads them: a random nonce, an expiry and, once signed in, the
 * SHA-256 of the bearer token. A signed-in session also lives on the server ({@link SignedInSessions},
 * by the hash of its nonce): signing out ends it there, and with it every copy of its cookie, and the
 * store's contents alone make no session. The holder is looked up in the tokens in force on every
 * request, so a token removed from the file ends its sessions at once. Every form carries a CSRF token,
 * an HMAC of the session's nonce; signing in starts a session with a new nonce.
 */
public final class ConsoleAccess {
    public static final Duration SESSION_LIFETIME = Duration.ofHours(8);
    private static final int NONCE_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final Base64.Encoder BASE64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder BASE64_DECODER = Base64.getUrlDecoder();

    private final Supplier<BearerTokens> tokens;
    private final SignedInSessions signedIn;
    private final Signer signer;
    private final boolean secureCookies;
    private final Clock clock;
    private final SecureRandom random = new SecureRandom();

    /**
     * {@code key}: at least 32 random bytes shared by the instances on one store; {@code secureCookies}:
     * the browser reaches the console over TLS (served here, or ended in front of the server).
     */
    public ConsoleAccess(Supplier<BearerTokens> tokens, SignedInSessions signedIn, byte[] key, boolean secureCookies,
                         Clock clock) {
        this.tokens = tokens;
        this.signedIn = signedIn;
        this.signer = new Signer(key, "session");
        this.secureCookies = secureCookies;
        this.clock = clock;
    }

    /** A browser's session; {@code tokenHash} is empty until sign-in (and always without tokens). */
    record Session(byte[] nonce, Instant expiresAt, Optional<byte[]> tokenHash) {
    }

    boolean secureCookies() {
        return secureCookies;
    }

    /** Without tokens the console is the local administrator's, on loopback only. */
    boolean tokensConfigured() {
        return !tokens.get().isEmpty();
    }

    /** A session before sign-in (or after sign-out). */
    Session anonymousSession() {
        return newSession(Optional.empty());
    }

    /** A new session of the token's holder, kept on the server until it expires or signs out. */
    Session signIn(byte[] tokenHash) {
        Session session = newSession(Optional.of(tokenHash));
        signedIn.start(idHash(session), session.expiresAt(), clock.instant());
        return session;
    }

    /** Ends the session on the server: no copy of its cookie is signed in any more. */
    void signOut(Session session) {
        if (session.tokenHash().isPresent()) {
            signedIn.end(idHash(session));
        }
    }

    private Session newSession(Optional<byte[]> tokenHash) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        return new Session(nonce, clock.instant().plus(SESSION_LIFETIME), tokenHash);
    }

    private static byte[] idHash(Session session) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(session.nonce());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /** The session a cookie holds, if its signature holds and it has not expired. */
    Optional<Session> read(String cookie) {
        int dot = cookie.indexOf('.');
        if (dot < 0 || cookie.length() > 200) {
            return Optional.empty();
        }
        byte[] payload;
        byte[] mac;
        try {
            payload = BASE64_DECODER.decode(cookie.substring(0, dot));
            mac = BASE64_DECODER.decode(cookie.substring(dot + 1));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
        if (!signer.signed(payload, mac) || (payload.length != NONCE_BYTES + Long.BYTES
                && payload.length != NONCE_BYTES + Long.BYTES + HASH_BYTES)) {
            return Optional.empty();
        }
        ByteBuffer buffer = ByteBuffer.wrap(payload);
        byte[] nonce = new byte[NONCE_BYTES];
        buffer.get(nonce);
        Instant expiresAt = Instant.ofEpochSecond(buffer.getLong());
        Optional<byte[]> hash = Optional.empty();
        if (buffer.hasRemaining()) {
            byte[] tokenHash = new byte[HASH_BYTES];
            buffer.get(tokenHash);
            hash = Optional.of(tokenHash);
        }
        if (!clock.instant().isBefore(expiresAt)) {
            return Optional.empty();
        }
        return Optional.of(new Session(nonce, expiresAt, hash));
    }

    String cookieValue(Session session) {
        ByteBuffer payload = ByteBuffer.allocate(NONCE_BYTES + Long.BYTES
                + session.tokenHash().map(hash -> hash.length).orElse(0));
        payload.put(session.nonce()).putLong(session.expiresAt().getEpochSecond());
        session.tokenHash().ifPresent(payload::put);
        byte[] bytes = payload.array();
        return BASE64.encodeToString(bytes) + "." + BASE64.encodeToString(signer.sign(bytes));
    }

    /** Seconds the session's cookie lives. */
    int maxAgeSeconds(Session session) {
        return (int) Math.max(0, Duration.between(clock.instant(), session.expiresAt()).toSeconds());
    }

    /** Who the session acts as, looked up in the tokens in force now, while the server keeps it. */
    Visitor visitorOf(Session session) {
        BearerTokens inForce = tokens.get();
        if (inForce.isEmpty()) {
            return Visitor.LOCAL;
        }
        return session.tokenHash().filter(hash -> signedIn.holds(idHash(session), clock.instant()))
                .flatMap(inForce::holderOfHash)
                .map(holder -> Visitor.holder(Caller.identified(holder.actor(), Scope.of(holder.guilds()),
                        inForce.guildsManagedBy(holder.actor())), holder.role()))
                .orElse(Visitor.NOBODY);
    }

    /** The holder of a token typed at sign-in. */
    Optional<BearerTokens.Holder> holderOf(String token) {
        return tokens.get().holderOf(token.strip());
    }

    String csrfToken(Session session) {
        return BASE64.encodeToString(signer.sign(concat("csrf".getBytes(StandardCharsets.US_ASCII), session.nonce())));
    }

    /** Compared in constant time; a missing token never matches. */
    boolean csrfMatches(Session session, String submitted) {
        return submitted != null && MessageDigest.isEqual(
                csrfToken(session).getBytes(StandardCharsets.US_ASCII), submitted.getBytes(StandardCharsets.US_ASCII));
    }

    /** Signs a short text the server hands the browser to give back (the notice after a form). */
    String sign(String text) {
        return BASE64.encodeToString(signer.sign(concat("flash".getBytes(StandardCharsets.US_ASCII),
                text.getBytes(StandardCharsets.UTF_8))));
    }

    boolean signedBy(String text, String signature) {
        return signature != null && MessageDigest.isEqual(sign(text).getBytes(StandardCharsets.US_ASCII),
                signature.getBytes(StandardCharsets.US_ASCII));
    }


    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }
}
