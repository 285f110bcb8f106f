package org.bizhall.persistence.internal;

import java.time.Instant;

import javax.persistence.Column;
import javax.persistence.Entity;
import javax.persistence.GeneratedValue;
import javax.persistence.GenerationType;
import javax.persistence.Id;
import javax.persistence.Table;

/** An arrears notice as sent; insert-only. */
@Entity
@Table(name = "collection_notices")
class CollectionNoticeEntity {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    @Column(name = "id")
    Long id;
    @Column(name = "msisdn", nullable = false, length = 11, updatable = false)
    String msisdn;
    @Column(name = "account_id", nullable = false, updatable = false)
    long accountId;
    @Column(name = "notice_kind", nullable = false, length = 16, updatable = false)
    String kind;
    @Column(name = "oldest_month", nullable = false, length = 7, updatable = false)
    String oldestMonth;
    @Column(name = "arrears_fen", nullable = false, updatable = false)
    long arrearsFen;
    @Column(name = "notice_text", nullable = false, length = 1000, updatable = false)
    String text;
    @Column(name = "created_at", nullable = false, updatable = false)
    Instant createdAt;
}
