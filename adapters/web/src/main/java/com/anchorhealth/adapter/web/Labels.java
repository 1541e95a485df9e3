package com.anchorhealth.adapter.web;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The console's words in one language: English or Simplified Chinese, from {@code console/labels*.properties}.
 * The language is the one the visitor picked (a cookie the switch sets), else the first of
 * Accept-Language that the console speaks, else English. Times are told in the platform's zone (the
 * server's {@code --time-zone}), numbers with their thousands grouped.
 */
public final class Labels {
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    static final List<Locale> SPOKEN = List.of(ENGLISH, CHINESE);
    /** A time on a page: the zone's offset goes with it ({@code GMT+8}), so that no one reads it as UTC. */
    private static final String TIME = "yyyy-MM-dd HH:mm:ss O";
    /** A time in a CSV cell, which spreadsheet programs read as a date; the column's header names the zone. */
    private static final String PLAIN_TIME = "yyyy-MM-dd HH:mm:ss";

    private final Locale locale;
    private final ResourceBundle bundle;
    private final ResourceBundle refusals;
    private final ZoneId zone;
    private final DateTimeFormatter time;
    private final DateTimeFormatter plainTime;

    private Labels(Locale locale, ZoneId zone) {
        this.locale = locale;
        // The root bundle is English: no fallback to the JVM's default locale.
        this.bundle = ResourceBundle.getBundle("console/labels", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        this.refusals = ResourceBundle.getBundle("console/refusals", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
        this.zone = zone;
        this.time = DateTimeFormatter.ofPattern(TIME, Locale.ROOT).withZone(zone);
        this.plainTime = DateTimeFormatter.ofPattern(PLAIN_TIME, Locale.ROOT).withZone(zone);
    }

    /** English unless {@code locale} is Simplified Chinese; times in {@code zone}. */
    static Labels of(Locale locale, ZoneId zone) {
        return new Labels(locale.equals(CHINESE) ? CHINESE : ENGLISH, zone);
    }

    /** {@code en} or {@code zh-CN}; anything else is no choice. */
    static Optional<Locale> fromTag(String tag) {
        if (tag == null) {
            return Optional.empty();
        }
        return SPOKEN.stream().filter(spoken -> spoken.toLanguageTag().equalsIgnoreCase(tag)).findFirst();
    }

    /** The first language of an Accept-Language header that the console speaks, else English. */
    static Locale fromAcceptLanguage(String header) {
        if (header == null || header.isBlank()) {
            return ENGLISH;
        }
        try {
            for (Locale.LanguageRange range : Locale.LanguageRange.parse(header)) {
                String wanted = range.getRange().toLowerCase(Locale.ROOT);
                if (wanted.equals("zh") || wanted.startsWith("zh-cn") || wanted.startsWith("zh-hans")
                        || wanted.equals("zh-sg")) {
                    return CHINESE;
                }
                if (wanted.equals("en") || wanted.startsWith("en-") || wanted.equals("*")) {
                    return ENGLISH;
                }
            }
        } catch (IllegalArgumentException e) {
            // A malformed header chooses nothing.
        }
        return ENGLISH;
    }

    public String tag() {
        return locale.toLanguageTag();
    }

    public boolean chinese() {
        return locale.equals(CHINESE);
    }

    /** The label of a key, with {@code {0}}-style arguments; a missing key shows itself, to be noticed. */
    public String t(String key, Object... arguments) {
        String pattern;
        try {
            pattern = bundle.getString(key);
        } catch (MissingResourceException e) {
            return key;
        }
        return format(pattern, arguments);
    }

    /**
     * A refusal of the service in this language's words ({@code console/refusals*.properties}), where
     * they are written: English has none, and says what the service says.
     */
    Optional<String> refusal(String key, Object... arguments) {
        return refusals.containsKey(key) ? Optional.of(format(refusals.getString(key), arguments)) : Optional.empty();
    }

    private String format(String pattern, Object... arguments) {
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
    }

    /** The label of an enum constant: {@code tier.NORMAL}, {@code capability.PK}, … */
    public String of(String group, Enum<?> constant) {
        return t(group + "." + constant.name());
    }

    /**
     * A violation type in words (the default catalog's, in both languages); a type a published policy
     * added keeps its code, which the policy page explains.
     */
    public String violationType(String code) {
        return bundle.containsKey("violation-type." + code) ? bundle.getString("violation-type." + code) : code;
    }

    /**
     * What an error page's HTTP status says happened, in words ("未找到" for 404), the code being only
     * the page's footnote; a status the console is not known to answer with is "something went wrong".
     */
    public String errorTitle(int status) {
        String key = "error.title." + status;
        return bundle.containsKey(key) ? bundle.getString(key) : t("error.title");
    }

    /** {@code 2024-05-01 14:03:07 GMT+8}: in the platform's zone, with its offset. */
    public String time(Instant instant) {
        return time.format(instant);
    }

    public String time(Optional<Instant> instant) {
        return instant.map(this::time).orElse("—");
    }

    /** {@code 2024-05-01 14:03:07} in the platform's zone, for a cell whose header names it. */
    String plainTime(Instant instant) {
        return plainTime.format(instant);
    }

    /** The platform's zone: {@code Asia/Shanghai}. */
    public String zone() {
        return zone.getId();
    }

    /** A count with its thousands grouped as the language writes them: {@code 6,000,000} in both. */
    public String number(long value) {
        return String.format(locale, "%,d", value);
    }
}
