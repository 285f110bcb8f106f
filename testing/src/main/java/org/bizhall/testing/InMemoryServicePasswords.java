package org.bizhall.testing;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.ServicePasswords;

/**
 * Service passwords in memory, with the store's contract: a locked password is refused unchecked (423), a wrong one
 * is counted (422, 423 on the attempt that reaches {@link #MAX_ATTEMPTS}) and the count is kept although the caller's
 * transaction rolls back (it is not a {@link DirectTransactions} participant), a right one or a new password clears it.
 */
public final class InMemoryServicePasswords implements ServicePasswords {
    /** Wrong attempts in a row that lock the password (the national default). */
    public static final int MAX_ATTEMPTS = 5;

    private final Map<String, String> passwords = new HashMap<>();
    private final Map<String, Integer> failures = new HashMap<>();
    private final Set<String> locked = new HashSet<>();
    private final List<String> verified = new ArrayList<>();

    @Override
    public void verify(Msisdn msisdn, String password, String actor, String orderId) {
        String number = msisdn.value();
        if (locked.contains(number)) {
            throw new ProblemException(423, LOCKED, "the service password is locked", null);
        }
        if (!passwords.containsKey(number)) {
            throw ProblemException.rule(NOT_SET, "the number has no service password", "msisdn");
        }
        verified.add(number);
        if (passwords.get(number).equals(password)) {
            failures.put(number, 0);
            return;
        }
        int wrong = failures.merge(number, 1, Integer::sum);
        if (wrong >= MAX_ATTEMPTS) {
            locked.add(number);
            throw new ProblemException(423, LOCKED, "the service password is locked now", null);
        }
        throw new ProblemException(422, WRONG, "the service password is wrong", null);
    }

    @Override
    public void set(Msisdn msisdn, String password, String actor, String orderId) {
        ServicePasswords.requireValid(password, "password");
        passwords.put(msisdn.value(), password);
        failures.put(msisdn.value(), 0);
        locked.remove(msisdn.value());
    }

    /** Wrong attempts in a row counted for the number. */
    public int failures(String msisdn) {
        return failures.getOrDefault(msisdn, 0);
    }

    /** Whether the number's password is locked. */
    public boolean locked(String msisdn) {
        return locked.contains(msisdn);
    }

    /** The numbers whose password was checked, one entry per check. */
    public List<String> verified() {
        return List.copyOf(verified);
    }
}
