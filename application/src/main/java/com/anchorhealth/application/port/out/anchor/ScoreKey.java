package com.anchorhealth.application.port.out.anchor;

import com.anchorhealth.application.error.InvalidRequestException;

/**
 * Where an anchor stands in a list in score order (its score, then its id, which breaks ties), and
 * the page key that spells it: the score, a slash, the id (ids hold no slash). The store's lists and
 * the standing index's spell their keys alike.
 */
public record ScoreKey(int score, String anchorId) {
    public String spelled() {
        return score + "/" + anchorId;
    }

    /** The place a page key names; a key no list gave is the caller's error. */
    public static ScoreKey parse(String key) {
        int slash = key.indexOf('/');
        try {
            return new ScoreKey(Integer.parseInt(key.substring(0, slash)), key.substring(slash + 1));
        } catch (RuntimeException notOurs) {
            throw InvalidRequestException.of("page_token", "is not a page token of this list");
        }
    }
}
