package org.bizhall.api.service;

import java.util.List;

import org.bizhall.api.customer.Customer;

/** What account opening registers; {@code servicePassword} is hashed on the way in and never stored as given. */
public record NewSubscriber(String msisdn, String province, String hall, Customer holder, String packageCode,
        List<String> features, long accountId, String servicePassword, String orderId) {
}
