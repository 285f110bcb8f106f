package org.bizhall.persistence.internal;

import java.util.List;
import java.util.Optional;

import org.apache.aries.jpa.template.JpaTemplate;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.service.Product;
import org.bizhall.api.service.ProductCatalog;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The catalogue in the {@code products} table. */
@Component(service = ProductCatalog.class)
public class JpaProductCatalog implements ProductCatalog {
    @Reference(service = TransactionScopedTemplate.class)
    JpaTemplate jpa;
    @Reference
    SchemaReady schema;

    @Override
    public List<Product> products() {
        return Tx.call(jpa, em -> em.createQuery("select p from ProductEntity p order by p.code", ProductEntity.class)
                .getResultList().stream().map(JpaProductCatalog::toProduct).toList());
    }

    private static final String PRODUCT = "SELECT code, name, brand, monthly_rent_fen, rent_kind, features"
            + " FROM products WHERE code = ?";

    @Override
    public Optional<Product> find(String code) {
        if (code == null) {
            return Optional.empty();
        }
        return Tx.call(jpa, em -> {
            ProductEntity known = Tx.managed(em, ProductEntity.class, code);
            if (known != null) {
                return Optional.of(toProduct(known));
            }
            // every opening and package change reads its product: a statement, not an entity load
            return Jdbc.one(em, PRODUCT, s -> s.setString(1, code), rs -> new Product(rs.getString(1),
                    rs.getString(2), rs.getString(3), rs.getLong(4), rs.getString(5),
                    Codec.fromCommaList(rs.getString(6))));
        });
    }

    @Override
    public void save(Product product) {
        if (product == null || product.code() == null || product.code().isBlank() || product.name() == null
                || product.rentKind() == null) {
            throw ProblemException.badRequest("PRODUCT_INVALID", "a product needs a code, a name and a rent kind", "product");
        }
        if (product.monthlyRentFen() < 0) {
            throw ProblemException.badRequest("AMOUNT_NEGATIVE", "monthlyRentFen must not be negative", "monthlyRentFen");
        }
        Tx.run(jpa, em -> {
            ProductEntity e = em.find(ProductEntity.class, product.code());
            boolean created = e == null;
            if (created) {
                e = new ProductEntity();
                e.code = product.code();
            }
            e.name = product.name();
            e.brand = product.brand();
            e.monthlyRentFen = product.monthlyRentFen();
            e.rentKind = product.rentKind();
            e.features = Codec.commaList(product.features());
            if (created) {
                em.persist(e);
            }
        });
    }

    static Product toProduct(ProductEntity e) {
        return new Product(e.code, e.name, e.brand, e.monthlyRentFen, e.rentKind, Codec.fromCommaList(e.features));
    }
}
