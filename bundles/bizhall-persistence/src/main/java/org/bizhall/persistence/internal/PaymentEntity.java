package org.bizhall.persistence.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;

import org.bizhall.api.order.PaymentMethod;

/** A payment; at most one per order (unique {@code order_id}); never changed. */
@Entity
@Table(name = "payments")
class PaymentEntity {
    @Id
    @Column(name = "id", length = 64)
    String id;
    @Column(name = "order_id", nullable = false, length = 64, updatable = false, unique = true)
    String orderId;
    @Enumerated(EnumType.STRING)
    @Column(name = "pay_method", nullable = false, length = 32, updatable = false)
    PaymentMethod method;
    @Column(name = "due_fen", nullable = false, updatable = false)
    long dueFen;
    @Column(name = "tendered_fen", nullable = false, updatable = false)
    long tenderedFen;
    @Column(name = "change_fen", nullable = false, updatable = false)
    long changeFen;
    @Column(name = "surplus_fen", nullable = false, updatable = false)
    long surplusFen;
    @Column(name = "receipt_number", length = 64, updatable = false)
    String receiptNumber;
    @Column(name = "hall_id", length = 32, updatable = false)
    String hallId;
    @Column(name = "operator", length = 64, updatable = false)
    String operator;
    @Column(name = "paid_at", nullable = false, updatable = false)
    Instant at;
    /** The cash kiosk that counted the notes, null when none did. */
    @Column(name = "kiosk_device", length = 64, updatable = false)
    String kioskDevice;
    @Column(name = "kiosk_accepted_fen", length = 1000, updatable = false)
    String kioskAcceptedFen;
    @Column(name = "kiosk_returned_fen", length = 1000, updatable = false)
    String kioskReturnedFen;
}
