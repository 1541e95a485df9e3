package com.anchorhealth.application.error;

import java.util.Locale;

/** The named resource does not exist. */
public final class NotFoundException extends ApplicationException {
    private final String resourceType;
    private final String resourceName;

    public NotFoundException(String resourceType, String resourceName) {
        super(resourceName + " not found");
        this.resourceType = resourceType;
        this.resourceName = resourceName;
    }

    public String resourceType() {
        return resourceType;
    }

    public String resourceName() {
        return resourceName;
    }

    /** {@code ANCHOR_NOT_FOUND}, {@code GUILD_NOT_FOUND}, …: the refusal's reason, machine-readable. */
    public String reason() {
        return reasonOf(resourceType);
    }

    /** The reason of a resource of this type not found: {@code Anchor}, {@code ANCHOR_NOT_FOUND}. */
    public static String reasonOf(String resourceType) {
        return resourceType.toUpperCase(Locale.ROOT) + "_NOT_FOUND";
    }
}
