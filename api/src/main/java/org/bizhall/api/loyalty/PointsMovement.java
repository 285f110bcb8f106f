package org.bizhall.api.loyalty;

import java.time.OffsetDateTime;

/**
 * One immutable movement of a number's points, like a ledger entry: {@code points} signed (earned positive, spent
 * negative), {@code balanceAfter} the balance it left. {@code kind} is one of {@link #EARN}, {@link #ADJUST},
 * {@link #REDEEM}, {@link #GIVE_BACK}; {@code month} names the billed month of an earning, {@code giftCode} and
 * {@code quantity} a redemption, {@code orderId} the order of a redemption or its give-back, {@code reason} and
 * {@code by} who adjusted and why.
 */
public record PointsMovement(long id, String msisdn, String kind, long points, long balanceAfter, String month,
        String giftCode, Integer quantity, String orderId, String reason, String by, OffsetDateTime at) {
    /** Earned by a billing run: once per number and billed month. */
    public static final String EARN = "EARN";
    /** A back-office correction, with its reason and who made it. */
    public static final String ADJUST = "ADJUST";
    /** Spent on a gift when the redemption order was taken. */
    public static final String REDEEM = "REDEEM";
    /** A redemption that did not go ahead (declined, timed out, cancelled) gives its points back. */
    public static final String GIVE_BACK = "GIVE_BACK";
}
