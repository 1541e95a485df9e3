package com.anchorhealth.adapter.web;

import com.anchorhealth.application.error.AlreadyExistsException;
import com.anchorhealth.application.error.ApplicationException;
import com.anchorhealth.application.error.DeadlineExceededException;
import com.anchorhealth.application.error.FailedPreconditionException;
import com.anchorhealth.application.error.FieldViolation;
import com.anchorhealth.application.error.InvalidRequestException;
import com.anchorhealth.application.error.NotFoundException;
import com.anchorhealth.application.error.PermissionDeniedException;
import com.anchorhealth.application.error.StoreTimeoutException;
import com.anchorhealth.application.error.StoreUnavailableException;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.config.Key;
import io.javalin.http.Context;
import io.javalin.http.ForbiddenResponse;
import io.javalin.http.HttpResponseException;
import io.javalin.http.HttpStatus;
import io.javalin.http.UnauthorizedResponse;
import io.javalin.http.staticfiles.Location;
import jakarta.inject.Inject;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.QoSHandler;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.net.URI;
import java.security.KeyStore;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;

/**
 * The back office console: server-rendered pages over the application's use cases, on its own port.
 * Every response carries the security headers; every POST must carry the session's CSRF token and
 * come from this origin; every page but the public notices and sign-in needs a signed-in visitor
 * when tokens are configured.
 */
public final class WebConsole {
    private static final Pattern LOOPBACK_V4 = Pattern.compile("127(\\.\\d{1,3}){3}");
    private static final Logger LOG = Logger.getLogger(WebConsole.class.getName());
    static final Key<ConsoleAccess> ACCESS = new Key<>("anchorhealth.access");
    /** No script or style from anywhere but this server, none inline, and no framing. */
    static final String CONTENT_SECURITY_POLICY = "default-src 'none'; script-src 'self'; style-src 'self'; "
            + "img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
    /** Paths anyone may open without signing in. */
    private static final Set<String> PUBLIC_PATHS = Set.of("/notices", "/sign-in", "/sign-out");

    /** How long a page load waits for one of the others to finish before it is refused (503). */
    static final Duration PAGE_LOAD_WAIT = Duration.ofSeconds(2);

    private final ConsoleAccess access;
    private final List<Pages> pages;
    private Javalin app;
    private ConsoleServing serving;

    @Inject
    public WebConsole(ConsoleAccess access, SignInPages signIn, OverviewPages overview, AnchorPages anchors,
                      AppealPages appeals, GuildPages guilds, PolicyPages policies, NoticePages notices) {
        this.access = access;
        this.pages = List.of(signIn, overview, anchors, appeals, guilds, policies, notices);
    }

    /**
     * Serves on the address and port (0: one the system picks), over TLS with the key store's key
     * when given, as {@code serving} says: at most {@code maxConcurrentPages} page loads at once (each
     * reads the store, and a burst of them must not take the connections that writes and the change
     * feed's tailer need: one more waits {@link #PAGE_LOAD_WAIT} for another to finish, then is answered
     * 503). Throws when the port is taken.
     */
    public synchronized void start(String host, int port, Optional<KeyStore> tlsKeys, ConsoleServing serving) {
        this.serving = serving;
        app = Javalin.create(config -> {
            configure(config, host, port, tlsKeys);
            config.jetty.modifyServletContextHandler(context ->
                    context.insertHandler(pageLoads(serving.maxConcurrentPages())));
        });
        app.start(host, port);
    }

    public synchronized int port() {
        return app.port();
    }

    public synchronized void stop() {
        if (app != null) {
            app.stop();
            app = null;
        }
    }

    private void configure(JavalinConfig config, String host, int port, Optional<KeyStore> tlsKeys) {
        config.startup.showJavalinBanner = false;
        config.startup.showOldJavalinVersionWarning = false;
        config.http.maxRequestSize = 256 * 1024;
        config.appData(ACCESS, access);
        config.staticFiles.add(files -> {
            files.hostedPath = "/static";
            files.directory = "/console-static";
            files.location = Location.CLASSPATH;
            files.headers = Map.of("Cache-Control", "max-age=3600");
        });
        tlsKeys.ifPresent(keys -> config.jetty.addConnector((server, http) -> tlsConnector(server, http, host, port,
                keys)));
        config.routes.before(this::admit);
        pages.forEach(page -> page.register(config.routes));
        config.routes.exception(ApplicationException.class, (e, ctx) -> refused(ctx, e));
        config.routes.exception(StoreUnavailableException.class, (e, ctx) ->
                error(ctx, HttpStatus.SERVICE_UNAVAILABLE, Console.labels(ctx).t("error.unavailable"), List.of()));
        config.routes.exception(StoreTimeoutException.class, (e, ctx) ->
                error(ctx, HttpStatus.SERVICE_UNAVAILABLE, Console.labels(ctx).t("error.unavailable"), List.of()));
        config.routes.exception(HttpResponseException.class, (e, ctx) ->
                error(ctx, HttpStatus.forStatus(e.getStatus()), e.getMessage(), List.of()));
        config.routes.exception(Exception.class, (e, ctx) -> {
            LOG.log(Level.WARNING, "console request " + ctx.method() + " " + ctx.path() + " failed", e);
            error(ctx, HttpStatus.INTERNAL_SERVER_ERROR, Console.labels(ctx).t("error.internal"), List.of());
        });
        config.routes.error(404, "html", ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) {
                error(ctx, HttpStatus.NOT_FOUND, Console.labels(ctx).t("error.no-such-page"), List.of());
            }
        });
    }

    private static ServerConnector tlsConnector(org.eclipse.jetty.server.Server server, HttpConfiguration http,
                                                String host, int port, KeyStore keys) {
        SslContextFactory.Server tls = new SslContextFactory.Server();
        tls.setKeyStore(keys);
        tls.setKeyStorePassword("");
        HttpConfiguration secure = new HttpConfiguration(http);
        secure.addCustomizer(new SecureRequestCustomizer(false));
        ServerConnector connector = new ServerConnector(server, tls, new HttpConnectionFactory(secure));
        connector.setHost(host);
        connector.setPort(port);
        return connector;
    }

    /** Runs before every request: headers, session, language, frame, origin, CSRF and sign-in. */
    private void admit(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
        ctx.header("X-Content-Type-Options", "nosniff");
        ctx.header("X-Frame-Options", "DENY");
        ctx.header("Referrer-Policy", "same-origin");
        ctx.header("Cross-Origin-Opener-Policy", "same-origin");
        if (!ctx.path().startsWith("/static/")) {
            ctx.header("Cache-Control", "no-store");
        }
        ConsoleAccess.Session session = Optional.ofNullable(ctx.cookie(Console.SESSION_COOKIE))
                .flatMap(access::read).orElse(null);
        if (session == null) {
            session = access.anonymousSession();
            WebConsole.keep(ctx, access, session);
        }
        Labels labels = Labels.of(language(ctx), serving.zone());
        Visitor visitor = access.visitorOf(session);
        ctx.attribute(Console.SESSION, session);
        ctx.attribute(Console.FRAME, new Frame(labels, visitor, access.csrfToken(session), pathAndQuery(ctx),
                ctx.method().name().equals("GET") ? Console.takeNotice(ctx, access, labels) : Optional.empty(),
                access.tokensConfigured()));
        if (!hostAllowed(ctx.host())) {
            throw new ForbiddenResponse(labels.t("error.host"));
        }
        if (ctx.path().startsWith("/static/")) {
            return;
        }
        if (ctx.method().name().equals("POST")) {
            if (!sameOrigin(ctx)) {
                throw new ForbiddenResponse(labels.t("error.origin"));
            }
            if (!access.csrfMatches(session, ctx.formParam(Console.CSRF_FIELD))) {
                throw new ForbiddenResponse(labels.t("error.csrf"));
            }
        }
        if (!visitor.signedIn() && !PUBLIC_PATHS.contains(ctx.path())) {
            if (ctx.method().name().equals("GET")) {
                ctx.redirect("/sign-in?next=" + Console.encode(pathAndQuery(ctx)), HttpStatus.SEE_OTHER);
                ctx.skipRemainingHandlers();
                return;
            }
            throw new UnauthorizedResponse(labels.t("error.sign-in"));
        }
    }

    /** Jetty's own limit, which suspends a page load over it without holding a thread, static files aside. */
    private static QoSHandler pageLoads(int maxConcurrentPages) {
        QoSHandler limit = new QoSHandler();
        limit.setMaxRequestCount(maxConcurrentPages);
        limit.setMaxSuspend(PAGE_LOAD_WAIT);
        limit.excludePath("/static/*");
        return limit;
    }

    /** Sets the session's cookie: HttpOnly, SameSite=Strict, Secure under TLS, living as long as the session. */
    static void keep(Context ctx, ConsoleAccess access, ConsoleAccess.Session session) {
        ctx.cookie(Console.cookie(Console.SESSION_COOKIE, access.cookieValue(session), access.maxAgeSeconds(session),
                access.secureCookies()));
    }

    /** The language picked by the switch (kept in a cookie), else by Accept-Language. */
    private Locale language(Context ctx) {
        Optional<Locale> picked = Labels.fromTag(ctx.queryParam("lang"));
        if (picked.isPresent()) {
            ctx.cookie(Console.cookie(Console.LANGUAGE_COOKIE, picked.get().toLanguageTag(), 365 * 24 * 3600,
                    access.secureCookies()));
            return picked.get();
        }
        return Labels.fromTag(ctx.cookie(Console.LANGUAGE_COOKIE))
                .orElseGet(() -> Labels.fromAcceptLanguage(ctx.header("Accept-Language")));
    }

    /**
     * Browsers name the origin of every POST (the referrer policy keeps it for this origin); one from
     * another origin, or hidden ("null"), is refused. A client that sends none is no browser.
     */
    private static boolean sameOrigin(Context ctx) {
        String origin = ctx.header("Origin");
        if (origin == null) {
            return true;
        }
        try {
            URI uri = URI.create(origin);
            String host = ctx.host();
            return host != null && host.equalsIgnoreCase(uri.getAuthority());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether the request's Host names this machine's loopback interface, whatever the port. */
    /**
     * The names the settings list; without them, any name when tokens are configured, and loopback names
     * only without tokens, where every visitor is the local administrator: a page of another site whose
     * name was rebound to this address must not be one.
     */
    private boolean hostAllowed(String host) {
        if (host == null) {
            return false;
        }
        String name = hostName(host).toLowerCase(Locale.ROOT);
        if (!serving.allowedHosts().isEmpty()) {
            return serving.allowedHosts().contains(name);
        }
        return access.tokensConfigured() || loopbackName(name);
    }

    private static boolean loopbackName(String name) {
        return name.equals("localhost") || name.equals("[::1]") || LOOPBACK_V4.matcher(name).matches();
    }

    /** The name of a Host header, without its port. */
    private static String hostName(String host) {
        return host.startsWith("[") ? host.substring(0, host.indexOf(']') + 1)
                : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
    }

    private static String pathAndQuery(Context ctx) {
        String query = ctx.queryString();
        if (query == null || query.isEmpty()) {
            return ctx.path();
        }
        // The language switch is not part of where the page is.
        String kept = String.join("&", Arrays.stream(query.split("&"))
                .filter(part -> !part.startsWith("lang=")).toList());
        return kept.isEmpty() ? ctx.path() : ctx.path() + "?" + kept;
    }

    /** A refusal of the application, in the visitor's language ({@link RefusalWords}). */
    private static void refused(Context ctx, ApplicationException e) {
        Labels labels = Console.labels(ctx);
        if (e instanceof InvalidRequestException invalid) {
            error(ctx, HttpStatus.BAD_REQUEST, labels.t("error.invalid"), invalid.violations());
        } else if (e instanceof NotFoundException) {
            error(ctx, HttpStatus.NOT_FOUND, RefusalWords.sentence(labels, e), List.of());
        } else if (e instanceof FailedPreconditionException || e instanceof AlreadyExistsException) {
            error(ctx, HttpStatus.CONFLICT, RefusalWords.sentence(labels, e), List.of());
        } else if (e instanceof PermissionDeniedException) {
            error(ctx, HttpStatus.FORBIDDEN, RefusalWords.sentence(labels, e), List.of());
        } else if (e instanceof DeadlineExceededException) {
            error(ctx, HttpStatus.SERVICE_UNAVAILABLE, labels.t("error.unavailable"), List.of());
        } else {
            error(ctx, HttpStatus.BAD_REQUEST, e.getMessage(), List.of());
        }
    }

    private static void error(Context ctx, HttpStatus status, String message, List<FieldViolation> fields) {
        if (ctx.attribute(Console.FRAME) == null) {
            ctx.status(status).result(message);
            return;
        }
        ctx.status(status);
        Console.render(ctx, "error.jte", Map.of("status", status.getCode(), "message", message, "fields", fields));
    }
}
