package org.bizhall.procedure.opening.internal;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bizhall.api.service.AuditEntry;
import org.bizhall.api.service.AuditLog;
import org.bizhall.api.service.Product;
import org.bizhall.api.service.ProductCatalog;

/** The demo catalogue and an audit trail in memory. */
final class FakeCatalogAndAudit {
    private FakeCatalogAndAudit() {
    }

    static final class Catalog implements ProductCatalog {
        private final Map<String, Product> products = new LinkedHashMap<>();

        Catalog() {
            save(new Product("GOTONE-88", "全球通88元套餐", "全球通", 8800, "PACKAGE", List.of()));
            save(new Product("GOTONE-128", "全球通128元套餐", "全球通", 12800, "PACKAGE", List.of()));
            save(new Product("MZONE-18", "动感地带18元套餐", "动感地带", 1800, "PACKAGE", List.of()));
            save(new Product("EASYOWN-BASIC", "神州行畅听卡", "神州行", 1000, "DAILY", List.of()));
        }

        @Override
        public List<Product> products() {
            return List.copyOf(products.values());
        }

        @Override
        public Optional<Product> find(String code) {
            return Optional.ofNullable(products.get(code));
        }

        @Override
        public void save(Product product) {
            products.put(product.code(), product);
        }
    }

    static final class Audit implements AuditLog {
        final List<AuditEntry> entries = new ArrayList<>();

        @Override
        public void record(String actor, String action, String orderId, String subject, Long amountFen, String detail) {
            entries.add(new AuditEntry(entries.size() + 1L, null, actor, action, orderId, subject, amountFen, detail));
        }

        @Override
        public List<AuditEntry> forOrder(String orderId) {
            return entries.stream().filter(e -> orderId.equals(e.orderId())).toList();
        }
    }
}
