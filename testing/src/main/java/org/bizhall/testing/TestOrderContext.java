package org.bizhall.testing;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bizhall.api.common.Msisdn;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.customer.Party;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.hall.Role;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Params;
import org.bizhall.api.service.ProvinceParams;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One order as the engine would hand it to a procedure step: envelope, hall, operator, province parameters, quote,
 * payment and result, all settable by a test. Shared by the procedure bundles' rule tests.
 */
public final class TestOrderContext implements OrderContext {
    public static final Hall CITY_HALL = new Hall("SN-XA-001", "西安营业厅", "SN",
            Set.of(HallKind.SELF_OWNED, HallKind.DESIGNATED, HallKind.REDEMPTION), false);
    public static final Hall COUNTY_HALL = new Hall("SN-HX-009", "户县营业厅", "SN", Set.of(HallKind.SELF_OWNED), true);

    public String orderId = "order-1";
    public Hall hall = CITY_HALL;
    public String user = "op-sn";
    public String msisdn;
    public Customer customer;
    public final List<Party> parties = new ArrayList<>();
    public final List<Document> documents = new ArrayList<>();
    public final Map<String, Object> params = new LinkedHashMap<>();
    public ProvinceParams provinceParams;
    private final String procedureId;

    public TestOrderContext(String procedureId, ProvinceParams provinceParams) {
        this.procedureId = procedureId;
        this.provinceParams = provinceParams;
    }
    public OffsetDateTime now = OffsetDateTime.parse("2026-11-10T10:00:00+08:00");
    public Quote quote;
    public Payment payment;
    public Map<String, Object> result = new HashMap<>();

    public TestOrderContext document(DocumentKind kind) {
        documents.add(new Document(kind, null, null));
        return this;
    }

    public TestOrderContext param(String name, Object value) {
        params.put(name, value);
        return this;
    }

    /** The payment the engine takes between quote and execute, covering the quote exactly (or more at a kiosk). */
    public void pay(PaymentMethod method, long tenderedFen) {
        long due = quote.totalFen();
        long surplus = method == PaymentMethod.KIOSK_CASH ? tenderedFen - due : 0;
        long change = method == PaymentMethod.CASH ? tenderedFen - due : 0;
        payment = new Payment("pay-1", orderId, method, due, tenderedFen, change, surplus, null, hall.id(), user, now);
    }

    /** The engine stores the result as JSON between steps; numbers may come back narrower than they went in. */
    public void storeAndReloadResult() {
        try {
            ObjectMapper json = new ObjectMapper();
            result = json.readValue(json.writeValueAsString(result), new TypeReference<HashMap<String, Object>>() {
            });
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
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
        return new Caller(user, Role.OPERATOR, hall.id(), hall.province(), hall.kinds());
    }

    @Override
    public Hall hall() {
        return hall;
    }

    @Override
    public Optional<Msisdn> msisdn() {
        return Optional.ofNullable(msisdn).map(Msisdn::new);
    }

    @Override
    public Customer customer() {
        return customer;
    }

    @Override
    public List<Party> parties() {
        return List.copyOf(parties);
    }

    @Override
    public List<Document> documents() {
        return List.copyOf(documents);
    }

    @Override
    public Params params() {
        return new Params(params);
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
