package org.bizhall.core.internal.demo;

import java.util.List;
import java.util.Set;

import org.bizhall.api.customer.Customer;
import org.bizhall.api.customer.CustomerType;
import org.bizhall.api.customer.IdType;
import org.bizhall.api.service.AccountService;
import org.bizhall.api.service.AccountType;
import org.bizhall.api.service.NewSubscriber;
import org.bizhall.api.service.SubscriberService;

/**
 * Subscribers the demo store starts with, for the procedures that act on a number with a history no counter
 * procedure creates: a personal holder paying by bank collection, whose over-deducted debits {@code bank-refund}
 * refunds (an account opening could make one too, but the demo should show the refund without that detour).
 */
final class DemoSubscribers {
    /** A demo subscriber: its number, holder, payer and what its account holds (fen). */
    record Spec(String msisdn, String province, String hall, Customer holder, String packageCode, AccountType payer,
            long balanceFen) {
    }

    /** 王芳, personal, GOTONE-88, paid by bank collection; the bank's debits left 300 yuan on the account. */
    static final Spec BANK_COLLECTION = new Spec("13891806601", "SN", "SN-XA-001",
            new Customer(CustomerType.PERSONAL, "王芳", IdType.ID_CARD, "610103198503150022", "西安市雁塔区小寨东路1号"),
            "GOTONE-88", AccountType.BANK_COLLECTION, 30000);

    static final List<Spec> ALL = List.of(BANK_COLLECTION);

    private DemoSubscribers() {
    }

    /** The numbers the demo subscribers hold, assigned in the pool from the start. */
    static Set<String> numbers() {
        return Set.copyOf(ALL.stream().map(Spec::msisdn).toList());
    }

    /** Opens each one's account with its balance (one ledger entry) and registers the subscriber; returns how many. */
    static long register(SubscriberService subscribers, AccountService accounts) {
        for (Spec s : ALL) {
            long account = accounts.open(s.payer(), s.province(), s.holder().name(), null).id();
            if (s.balanceFen() != 0) {
                accounts.post(account, "DEPOSIT", s.balanceFen(), null, "demo data: balance brought forward");
            }
            subscribers.register(new NewSubscriber(s.msisdn(), s.province(), s.hall(), s.holder(), s.packageCode(),
                    List.of(), account, null, null));
        }
        return ALL.size();
    }
}
