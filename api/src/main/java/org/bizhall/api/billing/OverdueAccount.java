package org.bizhall.api.billing;

/**
 * A number whose account is in arrears: how much, since which billing month, how many days after that month's end,
 * and whether the province's grace ({@code arrearsGraceDays}) has run out.
 */
public record OverdueAccount(String msisdn, String province, long accountId, String status, long arrearsFen,
        String oldestMonth, long daysOverdue, boolean beyondGrace) {
}
