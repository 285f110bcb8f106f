package org.bizhall.api.hall;

/** The hall a user works at. The password and the role stay in the JAAS realm. */
public record StaffMember(String user, String hall) {
}
