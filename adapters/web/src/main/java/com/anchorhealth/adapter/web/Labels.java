package com.anchorhealth.adapter.web;

import java.text.MessageFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.Optional;
import java.util.ResourceBundle;

/**
 * The console's words in one language: English or Simplified Chinese, from {@code console/labels*.properties}.
 * The language is the one the visitor picked (a cookie the switch sets), else the first of
 * Accept-Language that the console speaks, else English.
 */
public final class Labels {
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;
    static final List<Locale> SPOKEN = List.of(ENGLISH, CHINESE);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);
    private static final Labels EN = new Labels(ENGLISH);
    private static final Labels ZH = new Labels(CHINESE);

    private final Locale locale;
    private final ResourceBundle bundle;

    private Labels(Locale locale) {
        this.locale = locale;
        // The root bundle is English: no fallback to the JVM's default locale.
        this.bundle = ResourceBundle.getBundle("console/labels", locale,
                ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
    }

    static Labels of(Locale locale) {
        return locale.equals(CHINESE) ? ZH : EN;
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
        return arguments.length == 0 ? pattern : new MessageFormat(pattern, locale).format(arguments);
    }

    /** The label of an enum constant: {@code tier.NORMAL}, {@code capability.PK}, … */
    public String of(String group, Enum<?> constant) {
        return t(group + "." + constant.name());
    }

    public String time(Instant instant) {
        return TIME.format(instant);
    }

    public String time(Optional<Instant> instant) {
        return instant.map(this::time).orElse("—");
    }
}
