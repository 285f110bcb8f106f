package org.bizhall.testing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bizhall.api.service.Product;
import org.bizhall.api.service.ProductCatalog;

/** A product catalogue in memory; {@link #demo()} holds the five demo packages the core bundle loads. */
public final class InMemoryCatalog implements ProductCatalog {
    private final Map<String, Product> products = new LinkedHashMap<>();
    private Runnable beforeWrite = () -> { };

    /** GOTONE-88, GOTONE-128, MZONE-18, MZONE-38 and EASYOWN-BASIC with their demo rents. */
    public static InMemoryCatalog demo() {
        InMemoryCatalog c = new InMemoryCatalog();
        c.save(new Product("GOTONE-88", "全球通88元套餐", "全球通", 8800, "PACKAGE", List.of()));
        c.save(new Product("GOTONE-128", "全球通128元套餐", "全球通", 12800, "PACKAGE", List.of()));
        c.save(new Product("MZONE-18", "动感地带18元套餐", "动感地带", 1800, "PACKAGE", List.of()));
        c.save(new Product("MZONE-38", "动感地带38元套餐", "动感地带", 3800, "PACKAGE", List.of()));
        c.save(new Product("EASYOWN-BASIC", "神州行畅听卡", "神州行", 1000, "DAILY", List.of()));
        return c;
    }

    /** Runs {@code check} before every write, e.g. {@link DirectTransactions#requireActive}. */
    public InMemoryCatalog beforeWrite(Runnable check) {
        this.beforeWrite = check;
        return this;
    }

    @Override
    public List<Product> products() {
        return List.copyOf(products.values());
    }

    @Override
    public Optional<Product> find(String code) {
        return Optional.ofNullable(code == null ? null : products.get(code));
    }

    @Override
    public void save(Product product) {
        beforeWrite.run();
        products.put(product.code(), product);
    }
}
