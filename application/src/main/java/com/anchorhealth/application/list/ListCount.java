package com.anchorhealth.application.list;

/** How many items a filtered list holds, and how many of them come before a given key. */
public record ListCount(long total, long before) {
    public static final ListCount NONE = new ListCount(0, 0);
}
