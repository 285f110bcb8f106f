package org.bizhall.persistence.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

/** The claim of one (account, month, item) charge; insert-only, unique on those three. */
@Entity
@Table(name = "bill_charges")
class BillChargeEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    Long id;
    @Column(name = "account_id", nullable = false, updatable = false)
    long accountId;
    @Column(name = "msisdn", length = 11, updatable = false)
    String msisdn;
    @Column(name = "bill_month", nullable = false, length = 7, updatable = false)
    String month;
    @Column(name = "item", nullable = false, length = 64, updatable = false)
    String item;
    @Column(name = "amount_fen", nullable = false, updatable = false)
    long amountFen;
    @Column(name = "ledger_entry_id", nullable = false, updatable = false)
    long ledgerEntryId;
    @Column(name = "charged_at", nullable = false, updatable = false)
    Instant chargedAt;
}
