package dev.edgepass.examples.login.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class LoginStateTest {

    private static final byte[] KEY = new byte[32];
    private static final LoginState STATE = new LoginState("s1", "v1", "/private/app/x.html",
            Instant.parse("2026-11-25T12:10:00Z"));

    @Test
    void decode_roundTrip_returnsSameState() {
        assertEquals(STATE, LoginState.decode(STATE.encode(KEY), KEY).orElseThrow());
    }

    @Test
    void decode_otherKey_refused() {
        byte[] other = Arrays.copyOf(KEY, 32);
        other[0] = 1;

        assertTrue(LoginState.decode(STATE.encode(KEY), other).isEmpty());
    }

    @Test
    void decode_alteredPayload_refused() {
        String[] parts = STATE.encode(KEY).split("\\.");
        String forged = parts[0] + "." + new LoginState("s1", "v1", "//evil.example", STATE.expiresAt()).encode(KEY)
                .split("\\.")[1] + "." + parts[2];

        assertTrue(LoginState.decode(forged, KEY).isEmpty());
    }

    @Test
    void decode_garbage_refused() {
        for (String junk : new String[] {"", "v1", "v1..", "v2.a.b", "v1.!!.??", "v1.YQ.YQ"}) {
            assertTrue(LoginState.decode(junk, KEY).isEmpty(), junk);
        }
    }

    @Test
    void toString_hidesStateAndVerifier() {
        assertFalse(STATE.toString().contains("s1"));
        assertFalse(STATE.toString().contains("v1,"));
    }
}
