/** Core services procedures use: clock, province parameters, catalogue, number pool, subscribers, accounts and ledger, receipts, audit, transactions, service passwords. */
@Version("1.2.0")
@Export
package org.bizhall.api.service;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
