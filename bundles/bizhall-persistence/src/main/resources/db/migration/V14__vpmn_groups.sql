-- bizhall schema, version 14: VPMN groups of group customers (rules §6). Same portability rules as V1.

-- One group per company and province (the unified social credit code), its number unique in the province: two
-- enrolments of one company approved at once end in one group, the second one refused and retried as a change.
CREATE TABLE vpmn_groups (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    group_number VARCHAR(32) NOT NULL,
    province VARCHAR(16) NOT NULL,
    hall_id VARCHAR(32) NOT NULL,
    company_name VARCHAR(200) NOT NULL,
    credit_code VARCHAR(64) NOT NULL,
    contact_msisdn VARCHAR(11) NOT NULL,
    created_at TIMESTAMP NOT NULL,
    updated_at TIMESTAMP NOT NULL,
    CONSTRAINT uq_vpmn_groups_company UNIQUE (province, credit_code),
    CONSTRAINT uq_vpmn_groups_number UNIQUE (province, group_number)
);

-- A number is a member of one group at most: the primary key says so.
CREATE TABLE vpmn_members (
    msisdn VARCHAR(11) NOT NULL PRIMARY KEY,
    group_id VARCHAR(36) NOT NULL,
    joined_at TIMESTAMP NOT NULL,
    order_id VARCHAR(64) NOT NULL,
    CONSTRAINT fk_vpmn_members_group FOREIGN KEY (group_id) REFERENCES vpmn_groups (id)
);
CREATE INDEX ix_vpmn_members_group ON vpmn_members (group_id);

-- The papers each approved enrolment owes the big-customer office, due on the 25th (VpmnArchives.dueOn).
CREATE TABLE vpmn_archives (
    id VARCHAR(36) NOT NULL PRIMARY KEY,
    order_id VARCHAR(64) NOT NULL,
    group_id VARCHAR(36) NOT NULL,
    group_number VARCHAR(32) NOT NULL,
    company_name VARCHAR(200) NOT NULL,
    province VARCHAR(16) NOT NULL,
    hall_id VARCHAR(32) NOT NULL,
    approved_on DATE NOT NULL,
    due_on DATE NOT NULL,
    received_at TIMESTAMP,
    received_by VARCHAR(64),
    CONSTRAINT uq_vpmn_archives_order UNIQUE (order_id),
    CONSTRAINT fk_vpmn_archives_group FOREIGN KEY (group_id) REFERENCES vpmn_groups (id)
);
CREATE INDEX ix_vpmn_archives_due ON vpmn_archives (province, received_at, due_on);
