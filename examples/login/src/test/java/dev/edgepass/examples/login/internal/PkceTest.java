package dev.edgepass.examples.login.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PkceTest {

    @Test
    void challenge_rfc7636AppendixB_matches() {
        assertEquals("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM",
                Pkce.challenge("dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk"));
    }

    @Test
    void newVerifier_is43UnreservedCharactersAndFresh() {
        String verifier = Pkce.newVerifier();

        assertEquals(43, verifier.length());
        assertTrue(verifier.matches("[A-Za-z0-9_-]+"));
        assertNotEquals(verifier, Pkce.newVerifier());
    }
}
