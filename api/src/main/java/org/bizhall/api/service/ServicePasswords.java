package org.bizhall.api.service;

import java.util.HashSet;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The subscriber's service password (服务密码, rulebook §11 and "Documents"), which stands in for the ID card in simple
 * services. It is kept only as a salted hash and never returned or logged.
 * <p>
 * Wrong attempts are counted per number, durably: {@link NationalParams#SERVICE_PASSWORD_MAX_ATTEMPTS} consecutive wrong
 * ones lock the password for {@link NationalParams#SERVICE_PASSWORD_LOCK_MINUTES} (0: until the end of the business
 * day). A right one sets the count back to zero.
 */
@ProviderType
public interface ServicePasswords {
    /** Error code of a wrong password (422). */
    String WRONG = "PASSWORD_WRONG";
    /** Error code of a locked password (423). */
    String LOCKED = "PASSWORD_LOCKED";
    /** Error code of a password that is not 6 digits or too easy to guess (400). */
    String INVALID = "PASSWORD_INVALID";
    /** Error code of a number that has no service password to check (422). */
    String NOT_SET = "PASSWORD_NOT_SET";

    /**
     * Checks {@code password} against the number's service password. A locked password answers 423
     * {@value #LOCKED} without being checked; a wrong one 422 {@value #WRONG} (423 when it is the attempt that locks);
     * no password set 422 {@value #NOT_SET}; an unknown number 404 {@code SUBSCRIBER_NOT_FOUND}.
     * <p>
     * The count is written in a transaction of its own that commits before this method returns or throws, so it
     * survives the rollback of the caller's transaction that the refusal causes. Call it before the caller's
     * transaction locks the subscriber's row. {@code actor} (the operator) and {@code orderId} go into the audit trail,
     * which records every wrong attempt and every lock, never the password.
     */
    void verify(Msisdn msisdn, String password, String actor, String orderId);

    /**
     * Sets or replaces the number's service password (checked with {@link #requireValid}) in the caller's transaction,
     * under the subscriber's row lock, and clears the wrong-attempt count and any lock.
     */
    void set(Msisdn msisdn, String password, String actor, String orderId);

    /**
     * A new password is exactly 6 digits and not one a stranger would try first: all one digit ({@code 000000}) or a
     * straight run up or down ({@code 123456}, {@code 987654}). 400 {@value #INVALID} naming {@code field} otherwise.
     */
    static String requireValid(String password, String field) {
        if (password == null || !password.matches("[0-9]{6}")) {
            throw ProblemException.badRequest(INVALID, "a service password is exactly 6 digits", field);
        }
        if (trivial(password)) {
            throw ProblemException.badRequest(INVALID,
                    "the service password is too easy to guess (one digit repeated, or digits in a row)", field);
        }
        return password;
    }

    private static boolean trivial(String password) {
        Set<Integer> steps = new HashSet<>();
        for (int i = 1; i < password.length(); i++) {
            steps.add(password.charAt(i) - password.charAt(i - 1));
        }
        return steps.size() == 1 && Set.of(0, 1, -1).contains(steps.iterator().next());
    }
}
