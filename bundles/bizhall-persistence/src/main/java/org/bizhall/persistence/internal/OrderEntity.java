package org.bizhall.persistence.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.Id;
import javax.persistence.Table;
import javax.persistence.Transient;

import org.bizhall.api.common.TextLimits;
import org.bizhall.api.order.Awaiting;
import org.bizhall.api.order.OrderState;

/** An order; the envelope parts are JSON text, the history lives in {@link OrderHistoryEntity} rows. */
@Entity
@Table(name = "orders")
class OrderEntity {
    @Id
    @Column(name = "id", length = TextLimits.ORDER_ID)
    String id;
    @Column(name = "procedure_id", nullable = false, length = TextLimits.PROCEDURE_ID, updatable = false)
    String procedure;
    @Column(name = "provider", length = 200)
    String provider;
    @Column(name = "province", nullable = false, length = 8, updatable = false)
    String province;
    @Column(name = "hall_id", length = 32, updatable = false)
    String hallId;
    @Column(name = "operator", length = 64, updatable = false)
    String operator;
    @Column(name = "msisdn", length = 11, updatable = false)
    String msisdn;
    /** VIP or NORMAL, fixed at submission (V20). */
    @Column(name = "priority", nullable = false, length = 8, updatable = false)
    String priority;
    @Column(name = "customer_json", length = Codec.MAX_TEXT, updatable = false)
    String customerJson;
    @Column(name = "parties_json", nullable = false, length = Codec.MAX_TEXT, updatable = false)
    String partiesJson;
    @Column(name = "documents_json", nullable = false, length = Codec.MAX_TEXT, updatable = false)
    String documentsJson;
    @Column(name = "params_json", nullable = false, length = Codec.MAX_TEXT, updatable = false)
    String paramsJson;
    @Enumerated(EnumType.STRING)
    @Column(name = "state", nullable = false, length = 32)
    OrderState state;
    @Enumerated(EnumType.STRING)
    @Column(name = "awaiting", length = 32)
    Awaiting awaiting;
    @Column(name = "quote_json", length = Codec.MAX_TEXT)
    String quoteJson;
    @Column(name = "result_json", length = Codec.MAX_TEXT)
    String resultJson;
    @Column(name = "problem_code", length = 64)
    String problemCode;
    @Column(name = "problem_detail", length = 2000)
    String problemDetail;
    @Column(name = "created_at", nullable = false, updatable = false)
    Instant createdAt;
    @Column(name = "updated_at", nullable = false)
    Instant updatedAt;
    /**
     * How many history rows of this order the database holds (or this transaction has queued), when this transaction
     * locked the order and read its history; −1 when it did not. Under that lock nobody else appends, so the next
     * entry's number needs no query.
     */
    @Transient
    int storedHistory = -1;
}
