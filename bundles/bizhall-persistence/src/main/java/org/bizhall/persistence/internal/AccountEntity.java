package org.bizhall.persistence.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.EnumType;
import javax.persistence.Enumerated;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

import org.bizhall.api.common.TextLimits;
import org.bizhall.api.service.AccountType;

/** An account; only {@code balanceFen} ever changes, under a row lock, together with a new ledger entry. */
@Entity
@Table(name = "accounts")
class AccountEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    Long id;
    @Enumerated(EnumType.STRING)
    @Column(name = "account_type", nullable = false, length = 32, updatable = false)
    AccountType type;
    @Column(name = "province", nullable = false, length = 8, updatable = false)
    String province;
    @Column(name = "holder_name", length = TextLimits.NAME, updatable = false)
    String holderName;
    @Column(name = "balance_fen", nullable = false)
    long balanceFen;
    @Column(name = "opened_at", nullable = false, updatable = false)
    Instant openedAt;
    @Column(name = "order_id", length = 64, updatable = false)
    String orderId;
}
