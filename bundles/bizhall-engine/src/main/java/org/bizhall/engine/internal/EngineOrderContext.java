package org.bizhall.engine.internal;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.Party;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Params;
import org.bizhall.api.service.ProvinceParams;

/**
 * One order as one step sees it. Built afresh for every step from the stored order (or the submitted envelope) and
 * the caller; {@link #result()} is the live map the engine stores back with the order after the step.
 */
final class EngineOrderContext implements OrderContext {
    private final String orderId;
    private final String procedureId;
    private final Caller caller;
    private final Hall hall;
    private final Msisdn msisdn;
    private final Customer customer;
    private final List<Party> parties;
    private final List<Document> documents;
    private final Params params;
    private final ProvinceParams provinceParams;
    private final OffsetDateTime now;
    private final Map<String, Object> result;
    private Quote quote;
    private Payment payment;

    EngineOrderContext(String orderId, String procedureId, Caller caller, Hall hall, Msisdn msisdn, Customer customer,
            List<Party> parties, List<Document> documents, Map<String, Object> params, ProvinceParams provinceParams,
            OffsetDateTime now, Quote quote, Payment payment, Map<String, Object> result) {
        this.orderId = orderId;
        this.procedureId = procedureId;
        this.caller = caller;
        this.hall = hall;
        this.msisdn = msisdn;
        this.customer = customer;
        this.parties = List.copyOf(parties);
        this.documents = List.copyOf(documents);
        this.params = new Params(params);
        this.provinceParams = provinceParams;
        this.now = now;
        this.quote = quote;
        this.payment = payment;
        this.result = result;
    }

    void quote(Quote quote) {
        this.quote = quote;
    }

    void payment(Payment payment) {
        this.payment = payment;
    }

    @Override
    public String orderId() {
        return orderId;
    }

    @Override
    public String procedureId() {
        return procedureId;
    }

    @Override
    public Caller caller() {
        return caller;
    }

    @Override
    public Hall hall() {
        return hall;
    }

    @Override
    public Optional<Msisdn> msisdn() {
        return Optional.ofNullable(msisdn);
    }

    @Override
    public Customer customer() {
        return customer;
    }

    @Override
    public List<Party> parties() {
        return parties;
    }

    @Override
    public List<Document> documents() {
        return documents;
    }

    @Override
    public Params params() {
        return params;
    }

    @Override
    public ProvinceParams provinceParams() {
        return provinceParams;
    }

    @Override
    public OffsetDateTime now() {
        return now;
    }

    @Override
    public Optional<Quote> quote() {
        return Optional.ofNullable(quote);
    }

    @Override
    public Optional<Payment> payment() {
        return Optional.ofNullable(payment);
    }

    @Override
    public Map<String, Object> result() {
        return result;
    }
}
