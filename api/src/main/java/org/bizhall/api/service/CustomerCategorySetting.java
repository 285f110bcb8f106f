package org.bizhall.api.service;

import java.time.OffsetDateTime;
import java.util.List;

import org.bizhall.api.customer.IdType;

/**
 * A customer's categories as last set in a province: the identity (its number masked), the categories in
 * {@link CustomerCategories#ALL} order, how many subscribers show them, and who set them when, and why.
 */
public record CustomerCategorySetting(String province, IdType idType, String idNumber,
        List<String> categories, int subscribers, String changedBy, OffsetDateTime changedAt, String reason) {
    public CustomerCategorySetting {
        categories = List.copyOf(categories);
    }
}
