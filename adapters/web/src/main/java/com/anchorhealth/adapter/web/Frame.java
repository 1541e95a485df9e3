package com.anchorhealth.adapter.web;

import java.util.Optional;
import java.util.UUID;

/**
 * What every page shows around its content: the visitor and what they may do, the words in their
 * language, the CSRF token its forms carry, and the notice left by the form sent last.
 */
public record Frame(Labels labels, Visitor visitor, String csrf, String path, Optional<String> notice,
                    boolean tokensConfigured) {

    /** A fresh request id for a form: sent twice (a double click, a reload), it still counts once. */
    public String requestId() {
        return "web-" + UUID.randomUUID();
    }

    public boolean may(String method) {
        return visitor.may(method);
    }

    /** Where the language switch leads: this page in the other language. */
    public String otherLanguageHref() {
        return path + (path.contains("?") ? "&" : "?") + "lang="
                + (labels.chinese() ? Labels.ENGLISH : Labels.CHINESE).toLanguageTag();
    }

    public String otherLanguageName() {
        return labels.chinese() ? "English" : "简体中文";
    }
}
