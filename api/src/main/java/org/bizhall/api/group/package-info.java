/**
 * Group customers kept by the platform: VPMN groups (集团 VPMN, rulebook §6), their member numbers, and the paper
 * archive each approved enrolment owes the big-customer office by the 25th. The {@code vpmn-enrolment} procedure
 * writes them through {@link org.bizhall.api.group.VpmnGroupService}; the HTTP and shell edges read them.
 */
@Version("1.0.0")
@Export
package org.bizhall.api.group;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
