package org.bizhall.engine.internal;

import org.bizhall.api.common.Money;
import org.bizhall.api.common.Msisdn;
import org.bizhall.api.common.ProblemException;
import org.bizhall.api.hall.Caller;
import org.bizhall.api.order.Order;
import org.bizhall.api.order.PaymentMethod;
import org.bizhall.api.order.PaymentRequest;
import org.bizhall.api.service.Account;
import org.bizhall.api.service.AccountService;
import org.bizhall.api.service.LedgerEntry;
import org.bizhall.api.service.SubscriberService;

/** The account's deposit pays: a ledger charge on the account of the order's number, never below zero. */
final class DepositPayment implements PaymentStrategy {
    /** Ledger kind of a payment drawn from the account's deposit. */
    static final String LEDGER_ORDER_PAYMENT = "ORDER_PAYMENT";

    private final SubscriberService subscribers;
    private final AccountService accounts;

    DepositPayment(SubscriberService subscribers, AccountService accounts) {
        this.subscribers = subscribers;
        this.accounts = accounts;
    }

    @Override
    public PaymentMethod method() {
        return PaymentMethod.DEPOSIT;
    }

    @Override
    public Tender take(Caller caller, Order order, long dueFen, PaymentRequest request) {
        if (order.msisdn() == null) {
            throw ProblemException.rule("DEPOSIT_NOT_AVAILABLE", "the order names no number whose deposit could pay",
                    "method");
        }
        Account account = subscribers.find(new Msisdn(order.msisdn())).flatMap(s -> accounts.find(s.accountId()))
                .orElseThrow(() -> ProblemException.rule("DEPOSIT_NOT_AVAILABLE",
                        "the number has no account whose deposit could pay", "method"));
        if (account.balanceFen() < dueFen) {
            throw depositInsufficient(account.balanceFen(), dueFen);
        }
        LedgerEntry entry = accounts.post(account.id(), LEDGER_ORDER_PAYMENT, -dueFen, order.id(),
                "payment of order " + order.procedure());
        // The check above read the balance without the account lock; the posting is made under it.
        if (entry.balanceAfterFen() < 0) {
            throw depositInsufficient(entry.balanceAfterFen() + dueFen, dueFen);
        }
        return new Tender(dueFen, 0, 0, null);
    }

    private static ProblemException depositInsufficient(long balance, long due) {
        return ProblemException.rule("DEPOSIT_INSUFFICIENT", "the deposit of " + Money.yuan(balance)
                + " yuan does not cover the " + Money.yuan(due) + " yuan due", "method");
    }
}
