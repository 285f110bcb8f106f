package org.bizhall.procedure.general.internal;

import org.bizhall.api.common.CreditCode;
import org.bizhall.api.common.ResidentId;
import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.DocumentKind;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.customer.Party;
import org.bizhall.api.customer.PartyRole;
import org.bizhall.testing.TestOrderContext;

/** The people of the tests: a personal holder, a company holder, a proxy, and orders they bring to the counter. */
final class Holders {
    static final String PERSON_ID = "11010519491231002X";
    static final Customer PERSON = new Customer(CustomerType.PERSONAL, "张三", IdType.ID_CARD, PERSON_ID, "西安市");
    static final String OTHER_ID = "61010219800101123" + ResidentId.checkCharacter("61010219800101123");
    static final Customer OTHER_PERSON = new Customer(CustomerType.PERSONAL, "李四", IdType.ID_CARD, OTHER_ID, "西安市");
    static final String COMPANY_CODE = "91610131MA6U00001" + CreditCode.checkCharacter("91610131MA6U00001");
    static final Customer COMPANY = new Customer(CustomerType.CORPORATE, "西安高新科技有限公司", IdType.BUSINESS_LICENCE,
            COMPANY_CODE, "西安市高新区");
    static final Party PROXY = new Party(PartyRole.PROXY, CustomerType.PERSONAL, "王五", IdType.ID_CARD, OTHER_ID);

    private Holders() {
    }

    /** An order of a personal holder who came in person with the ID. */
    static TestOrderContext inPerson(String procedureId, FakeServices services, String msisdn) {
        TestOrderContext order = new TestOrderContext(procedureId, services.params);
        order.msisdn = msisdn;
        order.customer = PERSON;
        return order.document(DocumentKind.HOLDER_ID);
    }

    /** An order of a company, brought by its proxy with every document. */
    static TestOrderContext company(String procedureId, FakeServices services, String msisdn) {
        TestOrderContext order = new TestOrderContext(procedureId, services.params);
        order.msisdn = msisdn;
        order.customer = COMPANY;
        order.parties.add(PROXY);
        return order.document(DocumentKind.BUSINESS_LICENCE).document(DocumentKind.UNIT_CERTIFICATE)
                .document(DocumentKind.PROXY_ID);
    }
}
