package org.bizhall.api.service;

import java.util.List;

/**
 * A package in the catalogue. {@code rentKind} says how rent is prorated in the joining month: {@code PACKAGE} (full or
 * half month) or {@code DAILY} (rent × 12 / 365 × days).
 */
public record Product(String code, String name, String brand, long monthlyRentFen, String rentKind, List<String> features) {
    public Product {
        features = features == null ? List.of() : List.copyOf(features);
    }
}
