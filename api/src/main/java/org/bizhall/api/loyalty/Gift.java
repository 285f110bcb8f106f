package org.bizhall.api.loyalty;

/**
 * A gift of the catalogue: what one costs in points and how many the halls still have. {@code creditFen} is what one
 * credits to the redeeming number's account when the gift is money on the account (a top-up), 0 for goods.
 */
public record Gift(String code, String name, long points, long stock, long creditFen) {
}
