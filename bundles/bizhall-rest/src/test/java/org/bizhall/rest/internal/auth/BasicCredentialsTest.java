package org.bizhall.rest.internal.auth;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import org.bizhall.api.hall.Role;
import org.junit.Test;

public class BasicCredentialsTest {
    private static String basic(String userAndPassword) {
        return "Basic " + Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    public void parsesUserAndPassword() {
        BasicCredentials credentials = BasicCredentials.parse(basic("op-sn:op-sn")).orElseThrow();
        assertEquals("op-sn", credentials.user());
        assertArrayEquals("op-sn".toCharArray(), credentials.password());
    }

    @Test
    public void schemeIsCaseInsensitiveAndPasswordMayHoldColons() {
        BasicCredentials credentials = BasicCredentials.parse(basic("admin:a:b:c").replace("Basic", "basic")).orElseThrow();
        assertEquals("admin", credentials.user());
        assertArrayEquals("a:b:c".toCharArray(), credentials.password());
    }

    @Test
    public void decodesUtf8() {
        BasicCredentials credentials = BasicCredentials.parse(basic("营业员:密码")).orElseThrow();
        assertEquals("营业员", credentials.user());
        assertArrayEquals("密码".toCharArray(), credentials.password());
    }

    @Test
    public void emptyPasswordIsStillCredentials() {
        assertTrue(BasicCredentials.parse(basic("op-sn:")).isPresent());
    }

    @Test
    public void refusesWhatIsNotBasicCredentials() {
        assertFalse(BasicCredentials.parse(null).isPresent());
        assertFalse(BasicCredentials.parse("").isPresent());
        assertFalse(BasicCredentials.parse("Bearer abc.def").isPresent());
        assertFalse(BasicCredentials.parse("Basic").isPresent());
        assertFalse(BasicCredentials.parse("Basic !!!notbase64").isPresent());
        assertFalse("no colon", BasicCredentials.parse(basic("op-sn")).isPresent());
        assertFalse("no user", BasicCredentials.parse(basic(":secret")).isPresent());
        assertFalse("blank user", BasicCredentials.parse(basic("  :secret")).isPresent());
    }

    @Test
    public void wipeClearsThePassword() {
        BasicCredentials credentials = BasicCredentials.parse(basic("op-sn:secret")).orElseThrow();
        credentials.wipe();
        assertArrayEquals(new char[6], credentials.password());
    }

    @Test
    public void adminWinsOverTheManagerRoleOfKarafsAdminGroup() {
        assertEquals(Optional.of(Role.ADMIN), AuthenticationFilter.role(List.of("manager", "viewer", "admin", "ssh")));
        assertEquals(Optional.of(Role.OPERATOR), AuthenticationFilter.role(List.of("group", "operator")));
        assertEquals(Optional.empty(), AuthenticationFilter.role(List.of("viewer", "ssh")));
    }

    @Test
    public void onlyHealthAndOpenApiArePublic() {
        assertTrue(AuthenticationFilter.isPublic("health"));
        assertTrue(AuthenticationFilter.isPublic("/openapi.json"));
        assertFalse(AuthenticationFilter.isPublic("me"));
        assertFalse(AuthenticationFilter.isPublic("health/x"));
        assertFalse(AuthenticationFilter.isPublic(""));
    }
}
