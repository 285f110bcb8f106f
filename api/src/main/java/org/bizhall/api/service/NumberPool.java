package org.bizhall.api.service;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.osgi.annotation.versioning.ProviderType;

/**
 * The number pool. A reservation lasts {@link NationalParams#NUMBER_RESERVATION_MINUTES}; an expired one counts as
 * available again. Two callers reserving one number: the database lets exactly one win, the other gets 409.
 */
@ProviderType
public interface NumberPool {
    /** Available numbers of a province, optionally by prefix and a pattern where {@code *} is any run of digits. */
    Page<PoolNumber> available(String province, String prefix, String pattern, int offset, int limit);

    Optional<PoolNumber> find(Msisdn msisdn);

    /** Reserves a number for {@code user}: 404 unknown, 403 another province's, 409 reserved or assigned. */
    Reservation reserve(Msisdn msisdn, String province, String user);

    /**
     * Holds a number for an order: the user's own live reservation, or an available number reserved on the spot.
     * 409 {@code NUMBER_RESERVED}, {@code NUMBER_ASSIGNED} or {@code RESERVATION_EXPIRED} otherwise.
     */
    Reservation holdForOrder(Msisdn msisdn, String province, String user, String orderId);

    /** Assigns a number the order holds; 409 {@code RESERVATION_EXPIRED} when the hold has lapsed. */
    void assign(Msisdn msisdn, String orderId);

    /** Gives back a number the order holds (cancelled order). */
    void release(Msisdn msisdn, String orderId);

    /**
     * Puts a number whose subscriber was cancelled into quarantine: it is not offered, reserved or held before
     * {@code availableFrom} (business time), and is available from then on without anyone sweeping it.
     */
    void quarantine(Msisdn msisdn, String province, OffsetDateTime availableFrom, String orderId);

    /** Adds numbers to the pool (demo data, number-segment imports); existing numbers are left as they are. */
    int add(List<PoolNumber> numbers);

    long count(String province);
}
