package org.bizhall.api.loyalty;

import java.time.YearMonth;
import java.util.List;
import java.util.Optional;

import org.bizhall.api.common.Page;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Points balances, their movements and the gift stock. Every call joins the caller's transaction. A balance and a
 * stock never go below zero: each is taken by one conditional update ({@code … where balance >= n}), so concurrent
 * redemptions of the last points or the last gift cannot both succeed, on one node or many.
 */
@ProviderType
public interface LoyaltyService {
    /** The number's points; 0 for a number that never had any. 404 {@code SUBSCRIBER_NOT_FOUND}. */
    long balance(String msisdn);

    /** The number's movements, newest first. */
    Page<PointsMovement> movements(String msisdn, int offset, int limit);

    /**
     * Credits the points a billing run earned the number for {@code month}, once: empty, crediting nothing, when the
     * month was credited before or {@code points} is 0.
     */
    Optional<PointsMovement> earn(String msisdn, YearMonth month, long points, String note);

    /** One earning of a list: {@code points} (0 or more) for the number, with the movement's note. */
    record Earning(String msisdn, long points, String note) {
    }

    /**
     * {@link #earn} for many numbers of one {@code month} at once (a billing run's page), with the same guarantee:
     * each number earns for the month at most once, a number listed twice included. Returns, in the order given,
     * whether each earning was credited. An implementation may do it set-based, letting the earnings' key decide:
     * when another caller earned one of them since it looked, it throws 409 {@code POINTS_CONFLICT}, and the caller
     * rolls its transaction back and tries again. This default earns one by one.
     */
    default List<Boolean> earnAll(YearMonth month, List<Earning> earnings) {
        return earnings.stream().map(e -> earn(e.msisdn(), month, e.points(), e.note()).isPresent()).toList();
    }

    /**
     * A back-office correction by {@code points} (±, not 0) with its reason and who made it. 422
     * {@code POINTS_INSUFFICIENT} when it would take the balance below zero.
     */
    PointsMovement adjust(String msisdn, long points, String reason, String by);

    /** The gift catalogue in code order. */
    Page<Gift> gifts(int offset, int limit);

    Optional<Gift> gift(String code);

    /** Adds a gift unless its code is known; returns the stored one (an existing gift is left as it is). */
    Gift addGift(Gift gift);

    /**
     * Takes {@code quantity} of the gift from its stock and their points from the number for order {@code orderId},
     * once per order. 404 {@code GIFT_NOT_FOUND}; 422 {@code GIFT_OUT_OF_STOCK}, {@code POINTS_INSUFFICIENT} (then
     * nothing is taken); 409 {@code REDEMPTION_EXISTS} for a second redemption of one order.
     */
    PointsMovement redeem(String msisdn, String giftCode, int quantity, String orderId);

    /**
     * Gives back the points and the stock the order's redemption took, once; empty when the order took nothing or
     * had it given back already.
     */
    Optional<PointsMovement> giveBack(String orderId, String note);
}
