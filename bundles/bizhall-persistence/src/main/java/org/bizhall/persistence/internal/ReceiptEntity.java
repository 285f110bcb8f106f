package org.bizhall.persistence.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.Id;
import javax.persistence.Table;

/** An issued receipt. Only the reprint counter is updatable; the money on it never changes. */
@Entity
@Table(name = "receipts")
class ReceiptEntity {
    @Id
    @Column(name = "receipt_number", length = 64)
    String number;
    @Column(name = "hall_id", nullable = false, length = 32, updatable = false)
    String hallId;
    @Column(name = "operator", length = 64, updatable = false)
    String operator;
    @Column(name = "order_id", length = 64, updatable = false)
    String orderId;
    @Column(name = "msisdn", length = 11, updatable = false)
    String msisdn;
    @Column(name = "pay_method", length = 32, updatable = false)
    String method;
    @Column(name = "lines_json", nullable = false, length = Codec.MAX_TEXT, updatable = false)
    String linesJson;
    @Column(name = "total_fen", nullable = false, updatable = false)
    long totalFen;
    @Column(name = "tendered_fen", nullable = false, updatable = false)
    long tenderedFen;
    @Column(name = "change_fen", nullable = false, updatable = false)
    long changeFen;
    @Column(name = "issued_at", nullable = false, updatable = false)
    Instant issuedAt;
    @Column(name = "business_date", nullable = false, length = 10, updatable = false)
    String businessDate;
    @Column(name = "reprints", nullable = false)
    int reprints;
}
