package org.bizhall.api.service;

import java.util.List;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;

/** The packages a hall sells. */
@ProviderType
public interface ProductCatalog {
    List<Product> products();

    Optional<Product> find(String code);

    void save(Product product);
}
