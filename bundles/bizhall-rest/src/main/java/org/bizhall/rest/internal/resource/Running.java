package org.bizhall.rest.internal.resource;

import org.bizhall.api.common.ProblemException;

/**
 * Services a resource holds dynamically and optionally. The API is one JAX-RS application: a resource whose static
 * reference goes away takes every endpoint down until the application is published again, so the resources that need
 * a bundle an admin may stop or replace at runtime (billing, the scheduler, the hall devices) hold it this way and
 * answer 503 {@code SERVICE_UNAVAILABLE} while it is gone.
 */
final class Running {
    private Running() {
    }

    /** The service, or 503 {@code SERVICE_UNAVAILABLE} naming what is not running. */
    static <T> T required(T service, String what) {
        if (service == null) {
            throw new ProblemException(503, "SERVICE_UNAVAILABLE", "not running on this node: " + what, null);
        }
        return service;
    }
}
