package org.bizhall.testing;

import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.bizhall.api.common.CreditCode;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ResidentId;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.Document;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.customer.Party;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.hall.Hall;
import org.bizhall.api.hall.HallKind;
import org.bizhall.api.hall.Role;
import org.bizhall.api.order.Payment;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.Quote;
import org.bizhall.api.procedure.OrderContext;
import org.bizhall.api.procedure.Params;
import org.bizhall.api.procedure.Procedure;
import org.bizhall.api.procedure.ProcedureDescriptor;
import org.bizhall.api.procedure.StepOutcome;
import org.bizhall.api.procedure.kit.AnnouncedDocuments;
import org.bizhall.api.service.ProvinceParams;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * One order as the engine would hand it to a procedure step: envelope, hall, operator, province parameters, quote,
 * payment and result, all settable by a test. Shared by the procedure bundles' rule tests.
 */
public final class TestOrderContext implements OrderContext {
    /** A resident ID number with a valid check character. */
    public static final String PERSONAL_ID = "11010519491231002X";
    /** A unified social credit code with a valid check character. */
    public static final String CORPORATE_CODE = "91610131MA6U00001" + CreditCode.checkCharacter("91610131MA6U00001");
    static final String PROXY_ID_NUMBER = "61010319800101001" + ResidentId.checkCharacter("61010319800101001");
    public static final Hall CITY_HALL = new Hall("SN-XA-001", "西安营业厅", "SN",
            Set.of(HallKind.SELF_OWNED, HallKind.DESIGNATED, HallKind.REDEMPTION), false);
    public static final Hall COUNTY_HALL = new Hall("SN-HX-009", "户县营业厅", "SN", Set.of(HallKind.SELF_OWNED), true);

    public String orderId = "order-1";
    public Hall hall = CITY_HALL;
    public String user = "op-sn";
    /** The caller's role: an operator unless a test acts as a manager or the back office. */
    public Role role = Role.OPERATOR;
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

    /** An order for {@code procedure} at the Xi'an city hall, with the rulebook's default parameters of SN. */
    public static TestOrderContext of(Procedure procedure) {
        return new TestOrderContext(procedure.descriptor().id(), new TestProvinceParams(CITY_HALL.province()));
    }

    /** A personal customer who may be a holder: a valid resident ID (MOD 11-2), name and address. */
    public static Customer personal(String name) {
        return new Customer(CustomerType.PERSONAL, name, IdType.ID_CARD, PERSONAL_ID, "陕西省西安市雁塔区科技路1号");
    }

    /** A corporate customer: a valid unified social credit code (GB 32100). */
    public static Customer corporate(String name) {
        return new Customer(CustomerType.CORPORATE, name, IdType.BUSINESS_LICENCE, CORPORATE_CODE,
                "陕西省西安市高新区锦业路1号");
    }

    public TestOrderContext msisdn(String number) {
        msisdn = number;
        return this;
    }

    public TestOrderContext customer(Customer holder) {
        customer = holder;
        return this;
    }

    /** Someone acting for the holder: adds a {@code PROXY} party (the proxy's own ID document is still to be shown). */
    public TestOrderContext byProxy() {
        parties.add(new Party(PartyRole.PROXY, CustomerType.PERSONAL, "李四", IdType.ID_CARD, PROXY_ID_NUMBER));
        return this;
    }

    public TestOrderContext party(Party party) {
        parties.add(party);
        return this;
    }

    /** Adds every one of {@code kinds} to the documents shown. */
    public TestOrderContext documents(Collection<DocumentKind> kinds) {
        kinds.forEach(this::document);
        return this;
    }

    public TestOrderContext documents(DocumentKind... kinds) {
        return documents(List.of(kinds));
    }

    /**
     * The holder proven by the number's service password in place of the ID, as the engine admits an order of a
     * procedure whose descriptor allows it once the password was checked: the param is set and the result says so.
     */
    public TestOrderContext byServicePassword(String password) {
        params.put(ProcedureDescriptor.SERVICE_PASSWORD, password);
        result.put(ProcedureDescriptor.IDENTIFIED_BY, ProcedureDescriptor.BY_SERVICE_PASSWORD);
        return this;
    }

    /** Replaces the params with {@code values} (as the JSON body would give them). */
    public TestOrderContext params(Map<String, ?> values) {
        params.clear();
        params.putAll(values);
        return this;
    }

    /**
     * What the engine does on submit, then the procedure's quote, kept as this order's quote: the params checked
     * against the published schema ({@link ParamsSchemaCheck}) and the documents every holder shows, as the
     * descriptor announces them ({@link AnnouncedDocuments#require}).
     */
    public Quote submit(Procedure procedure) {
        ParamsSchemaCheck.check(procedure, params);
        ProcedureDescriptor d = procedure.descriptor();
        if (ProcedureDescriptor.BY_SERVICE_PASSWORD.equals(result.get(ProcedureDescriptor.IDENTIFIED_BY))) {
            if (!d.passwordInsteadOfId()) {
                throw new IllegalStateException(d.id() + " does not allow the service password in place of the ID");
            }
            d = new ProcedureDescriptor(d.id(), d.title(), d.version(), d.paramsSchema(),
                    d.documents().stream().filter(kind -> kind != DocumentKind.HOLDER_ID).toList(),
                    d.documentsByCase(), d.steps(), true);
        }
        AnnouncedDocuments.require(this, d);
        quote = procedure.quote(this);
        return quote;
    }

    /** The payment with {@code method} and {@code tenderedFen}, then the procedure's execute, as the engine runs them. */
    public StepOutcome payAndExecute(Procedure procedure, PaymentMethod method, long tenderedFen) {
        pay(method, tenderedFen);
        storeAndReloadResult();
        return procedure.execute(this);
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
        return new Caller(user, role, hall.id(), hall.province(), hall.kinds());
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
