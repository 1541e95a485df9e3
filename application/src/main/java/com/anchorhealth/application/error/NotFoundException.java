package com.anchorhealth.application.error;

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
}
