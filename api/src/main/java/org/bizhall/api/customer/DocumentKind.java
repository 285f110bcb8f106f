package org.bizhall.api.customer;

/** The documents a procedure may ask the counter to check and keep copies of. */
public enum DocumentKind {
    HOLDER_ID, PROXY_ID, NEW_HOLDER_ID, UNIT_CERTIFICATE, BUSINESS_LICENCE, SEAL_CARD, BANK_PASSBOOK, BANK_HOLDER_ID,
    APPLICATION_FORM, MEMBER_LIST, COMPANY_AUTHORISATION, VPMN_AGREEMENT, SECURITY_PLEDGE, REFUND_FORM, GUARANTEE_LETTER
}
