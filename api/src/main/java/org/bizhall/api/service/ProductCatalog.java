package org.bizhall.api.service;

import java.util.List;
import java.util.Optional;

/** The packages a hall sells. */
public interface ProductCatalog {
    List<Product> products();

    Optional<Product> find(String code);

    void save(Product product);
}
