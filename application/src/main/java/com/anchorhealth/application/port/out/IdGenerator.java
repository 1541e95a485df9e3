package com.anchorhealth.application.port.out;

/**
 * New ids for stored things. Ids sort in creation order (to the millisecond) and are unique
 * across server instances, so no table relies on AUTO_INCREMENT.
 */
public interface IdGenerator {
    /** At most 32 characters of [0-9a-z]. */
    String newId();
}
