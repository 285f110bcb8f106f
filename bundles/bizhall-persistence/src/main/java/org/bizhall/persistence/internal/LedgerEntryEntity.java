package org.bizhall.persistence.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

/** An immutable ledger row: no column is updatable, and no code path removes one. */
@Entity
@Table(name = "ledger_entries")
class LedgerEntryEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    Long id;
    @Column(name = "account_id", nullable = false, updatable = false)
    long accountId;
    @Column(name = "kind", nullable = false, length = 64, updatable = false)
    String kind;
    @Column(name = "amount_fen", nullable = false, updatable = false)
    long amountFen;
    @Column(name = "balance_after_fen", nullable = false, updatable = false)
    long balanceAfterFen;
    @Column(name = "posted_at", nullable = false, updatable = false)
    Instant postedAt;
    @Column(name = "order_id", length = 64, updatable = false)
    String orderId;
    @Column(name = "note", length = 500, updatable = false)
    String note;
}
