package dev.edgepass.cloudfront.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class PolicyParserTest {

    @Test
    void parse_acceptsWhitespaceAndAnyKeyOrder() {
        PolicyParser.Statement s = PolicyParser.parse("{ \"Statement\" : [ { \"Condition\": {\"IpAddress\":{\"AWS:SourceIp\":"
                + "\"192.0.2.0/24\"}, \"DateLessThan\": {\"AWS:EpochTime\": 1767290400}}, \"Resource\": \"https:\\/\\/e.com\\/*\" } ] }\n");

        assertEquals("https://e.com/*", s.resource());
        assertEquals(1767290400L, s.expiresAt());
        assertEquals(-1L, s.activeFrom());
        assertEquals("192.0.2.0/24", s.sourceIp().toString());
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "",
            "{",
            "[]",
            "{\"Statement\":[]}",
            "{\"Statement\":{}}",
            "{\"Statement\":[{\"Resource\":\"x\"}]}",
            "{\"Statement\":[{\"Resource\":\"x\",\"Condition\":{}}]}",
            "{\"Statement\":[{\"Resource\":1,\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1}}}]}",
            "{\"Statement\":[{\"Resource\":\"x\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":\"1\"}}}]}",
            "{\"Statement\":[{\"Resource\":\"x\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1.5}}}]}",
            "{\"Statement\":[{\"Resource\":\"x\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":-1}}}]}",
            "{\"Statement\":[{\"Resource\":\"x\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":99999999999999999999}}}]}",
            "{\"Statement\":[{\"Resource\":\"x\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":01}}}]}",
            "{\"Statement\":[{\"Resource\":\"x\",\"Resource\":\"y\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1}}}]}",
            "{\"Statement\":[{\"Resource\":\"x\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1}}}]} x",
            "{\"Statement\":[{\"Resource\":\"x\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1},"
                    + "\"IpAddress\":{\"AWS:SourceIp\":\"bad\"}}}]}",
            "{\"Statement\":[{\"Resource\":\"x\u0001\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1}}}]}",
            "{\"Statement\":[{\"Resource\":\"\\q\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1}}}]}",
            "{\"Statement\":[{\"Resource\":\"\\u12\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1}}}]}",
            "{\"Statement\":[{\"Resource\":\"x\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1}},\"Effect\":\"Allow\"}]}",
            "{\"Statement\":[tru]}",
            "{\"Statement\":[{\"Resource\":\"x\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1}}}]",
    })
    void parse_rejectsAnythingButOneWellFormedStatement(String json) {
        assertThrows(PolicyParser.MalformedPolicyException.class, () -> PolicyParser.parse(json));
    }
}
