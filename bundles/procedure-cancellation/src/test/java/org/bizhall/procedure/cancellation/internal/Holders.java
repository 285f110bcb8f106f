package org.bizhall.procedure.cancellation.internal;

import org.bizhall.api.customer.Customer;
import org.bizhall.testing.TestOrderContext;

/** The holders the tests use: a person and a company. */
final class Holders {
    static final Customer PERSON = TestOrderContext.personal("张三");
    static final Customer COMPANY = TestOrderContext.corporate("西安某某科技有限公司");

    private Holders() {
    }
}
