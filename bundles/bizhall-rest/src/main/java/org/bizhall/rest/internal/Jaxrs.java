package org.bizhall.rest.internal;

/**
 * Names shared by the application and its providers. The application picks each provider by its name
 * ({@code osgi.jaxrs.name}); they are not whiteboard extensions, so the whiteboard sees the API only as one whole
 * application ({@link BizhallApplication}).
 */
public final class Jaxrs {
    /** The application base, relative to the HTTP context root. */
    public static final String BASE = "api/v1";
    /** The path every Location header starts with. */
    public static final String BASE_PATH = "/" + BASE;
    public static final String APPLICATION = "bizhall";

    public static final String JSON = "bizhall.json";
    public static final String PROBLEMS = "bizhall.problems";
    public static final String WEB_PROBLEMS = "bizhall.web-problems";
    public static final String UNEXPECTED = "bizhall.unexpected";
    public static final String AUTHENTICATION = "bizhall.authentication";

    /** The media type of RFC 7807 problems. */
    public static final String PROBLEM_JSON = "application/problem+json";

    private Jaxrs() {
    }
}
