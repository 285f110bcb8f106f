package org.bizhall.core.internal.demo;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.Page;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallDirectory;
import org.bizhall.api.hall.StaffMember;
import org.bizhall.api.service.NumberPool;
import org.bizhall.api.service.PoolNumber;
import org.bizhall.api.service.Product;
import org.bizhall.api.service.ProductCatalog;
import org.bizhall.api.service.Reservation;
import org.bizhall.api.service.Transactions;

/** In-memory stand-ins for the persistence services; every write outside a transaction fails the test. */
final class InMemoryStore implements HallDirectory, ProductCatalog, NumberPool, Transactions {
    final Map<String, Hall> halls = new LinkedHashMap<>();
    final Map<String, StaffMember> staff = new LinkedHashMap<>();
    final Map<String, Product> products = new LinkedHashMap<>();
    final Map<String, PoolNumber> numbers = new LinkedHashMap<>();
    int transactions;
    private boolean inTransaction;

    private void requireTransaction() {
        if (!inTransaction) {
            throw new IllegalStateException("write outside a transaction");
        }
    }

    @Override
    public <T> T required(Supplier<T> work) {
        transactions++;
        boolean outer = !inTransaction;
        inTransaction = true;
        try {
            return work.get();
        } finally {
            if (outer) {
                inTransaction = false;
            }
        }
    }

    @Override
    public <T> T requiresNew(Supplier<T> work) {
        return required(work);
    }

    @Override
    public Optional<Hall> hall(String id) {
        return Optional.ofNullable(halls.get(id));
    }

    @Override
    public List<Hall> halls() {
        return new ArrayList<>(halls.values());
    }

    @Override
    public Optional<StaffMember> staff(String user) {
        return Optional.ofNullable(staff.get(user));
    }

    @Override
    public void saveHall(Hall hall) {
        requireTransaction();
        halls.put(hall.id(), hall);
    }

    @Override
    public void saveStaff(StaffMember member) {
        requireTransaction();
        staff.put(member.user(), member);
    }

    @Override
    public List<Product> products() {
        return new ArrayList<>(products.values());
    }

    @Override
    public Optional<Product> find(String code) {
        return Optional.ofNullable(products.get(code));
    }

    @Override
    public void save(Product product) {
        requireTransaction();
        products.put(product.code(), product);
    }

    @Override
    public int add(List<PoolNumber> added) {
        requireTransaction();
        int count = 0;
        for (PoolNumber number : added) {
            if (numbers.putIfAbsent(number.msisdn(), number) == null) {
                count++;
            }
        }
        return count;
    }

    @Override
    public long count(String province) {
        return numbers.values().stream().filter(n -> n.province().equals(province)).count();
    }

    @Override
    public Optional<PoolNumber> find(Msisdn msisdn) {
        return Optional.ofNullable(numbers.get(msisdn.value()));
    }

    @Override
    public Page<PoolNumber> available(String province, String prefix, String pattern, int offset, int limit) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Reservation reserve(Msisdn msisdn, String province, String user) {
        throw new UnsupportedOperationException();
    }

    @Override
    public Reservation holdForOrder(Msisdn msisdn, String province, String user, String orderId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void assign(Msisdn msisdn, String orderId) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void release(Msisdn msisdn, String orderId) {
        throw new UnsupportedOperationException();
    }
}
