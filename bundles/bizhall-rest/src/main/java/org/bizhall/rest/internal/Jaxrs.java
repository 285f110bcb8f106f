package org.bizhall.rest.internal;

/**
 * Names and whiteboard filters shared by the application, its extensions and resources. Resources require the JSON,
 * problem and authentication extensions by name, so the whiteboard never serves a resource before the filter that
 * authenticates it is in place.
 */
public final class Jaxrs {
    /** The application base, relative to the HTTP context root. */
    public static final String BASE = "api/v1";
    /** The path every Location header starts with. */
    public static final String BASE_PATH = "/" + BASE;
    public static final String APPLICATION = "bizhall";
    public static final String SELECT_APPLICATION = "(osgi.jaxrs.name=" + APPLICATION + ")";

    public static final String JSON = "bizhall.json";
    public static final String PROBLEMS = "bizhall.problems";
    public static final String WEB_PROBLEMS = "bizhall.web-problems";
    public static final String UNEXPECTED = "bizhall.unexpected";
    public static final String AUTHENTICATION = "bizhall.authentication";

    public static final String REQUIRE_JSON = "(osgi.jaxrs.name=" + JSON + ")";
    public static final String REQUIRE_PROBLEMS = "(osgi.jaxrs.name=" + PROBLEMS + ")";
    public static final String REQUIRE_WEB_PROBLEMS = "(osgi.jaxrs.name=" + WEB_PROBLEMS + ")";
    public static final String REQUIRE_UNEXPECTED = "(osgi.jaxrs.name=" + UNEXPECTED + ")";
    public static final String REQUIRE_AUTHENTICATION = "(osgi.jaxrs.name=" + AUTHENTICATION + ")";

    /** The media type of RFC 7807 problems. */
    public static final String PROBLEM_JSON = "application/problem+json";

    private Jaxrs() {
    }
}
