package dev.edgepass.cloudfront.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpRangeTest {

    @ParameterizedTest(name = "{0} contains {1}: {2}")
    @CsvSource({
            "192.0.2.0/24, 192.0.2.255, true",
            "192.0.2.0/24, 192.0.3.0, false",
            "12.34.56.78/9, 12.127.0.1, true",
            "12.34.56.78/9, 12.128.0.1, false",
            "0.0.0.0/0, 203.0.113.9, true",
            "192.0.2.1, 192.0.2.1, true",
            "192.0.2.1, 192.0.2.2, false",
            "2001:db8::/32, 2001:db8:ffff::1, true",
            "2001:db8::/32, 2001:db9::1, false",
            "2001:db8::1, 2001:0db8:0:0:0:0:0:1, true",
            "192.0.2.0/24, ::ffff:192.0.2.7, true",
            "192.0.2.0/24, 2001:db8::1, false",
    })
    void contains_matchesPrefix(String cidr, String address, boolean expected) {
        assertEquals(expected, IpRange.parse(cidr).contains(IpRange.parseAddress(address)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3.4.5", "1..2.3", "300.1.1.1", "1.2.3.4/", "1.2.3.4/33", "::1/129", "example.com",
            "localhost", "1:2:3", "fe80::1%1", "[::1]", "1.2.3.04"})
    void parse_rejectsMalformed(String cidr) {
        assertNull(IpRange.parse(cidr));
    }
}
