package org.bizhall.api.billing;

/**
 * What one billing run of {@code month} did: how many subscribers it looked at, how many charges it posted
 * ({@code charged}) and their sum, and how many it found already charged by an earlier run (a repeat charges 0).
 */
public record BillingRun(String month, int subscribers, int charged, long totalFen, int alreadyCharged) {
}
