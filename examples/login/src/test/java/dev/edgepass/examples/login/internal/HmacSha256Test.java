package dev.edgepass.examples.login.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.Random;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** HMAC-SHA256 on MessageDigest against RFC 4231's vectors and the JDK's javax.crypto.Mac. */
class HmacSha256Test {

    private static final HexFormat HEX = HexFormat.of();

    /** RFC 4231 section 4, test cases 1, 2, 3, 4, 6 and 7 (case 5 is a truncated MAC). */
    static Stream<Arguments> rfc4231() {
        String key131 = "aa".repeat(131);
        return Stream.of(
                Arguments.of("0b".repeat(20), HEX.formatHex("Hi There".getBytes(StandardCharsets.US_ASCII)),
                        "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7"),
                Arguments.of(HEX.formatHex("Jefe".getBytes(StandardCharsets.US_ASCII)),
                        HEX.formatHex("what do ya want for nothing?".getBytes(StandardCharsets.US_ASCII)),
                        "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"),
                Arguments.of("aa".repeat(20), "dd".repeat(50),
                        "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe"),
                Arguments.of("0102030405060708090a0b0c0d0e0f10111213141516171819", "cd".repeat(50),
                        "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b"),
                Arguments.of(key131, HEX.formatHex("Test Using Larger Than Block-Size Key - Hash Key First"
                                .getBytes(StandardCharsets.US_ASCII)),
                        "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54"),
                Arguments.of(key131, HEX.formatHex(("This is a test using a larger than block-size key and a larger "
                                + "than block-size data. The key needs to be hashed before being used by the HMAC "
                                + "algorithm.").getBytes(StandardCharsets.US_ASCII)),
                        "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2"));
    }

    @ParameterizedTest
    @MethodSource("rfc4231")
    void mac_rfc4231Vectors_match(String keyHex, String dataHex, String macHex) {
        assertEquals(macHex, HEX.formatHex(HmacSha256.mac(HEX.parseHex(keyHex), HEX.parseHex(dataHex))));
    }

    /** Key lengths around the 64-byte block, where the padding and the hashing of long keys change. */
    @ParameterizedTest
    @ValueSource(ints = {1, 31, 32, 63, 64, 65, 128, 1218})
    void mac_keyLengthsAroundTheBlock_matchJavaxCrypto(int keyLength) throws Exception {
        Random random = new Random(keyLength);
        byte[] key = new byte[keyLength];
        random.nextBytes(key);
        for (int dataLength : new int[] {0, 1, 55, 56, 64, 1000}) {
            byte[] data = new byte[dataLength];
            random.nextBytes(data);
            Mac jdk = Mac.getInstance("HmacSHA256");
            jdk.init(new SecretKeySpec(key, "HmacSHA256"));

            assertArrayEquals(jdk.doFinal(data), HmacSha256.mac(key, data), "key " + keyLength + ", data " + dataLength);
        }
    }

    @Test
    void mac_doesNotModifyItsArguments() {
        byte[] key = new byte[40];
        byte[] data = new byte[10];
        new Random(3).nextBytes(key);
        new Random(4).nextBytes(data);
        byte[] keyCopy = key.clone();
        byte[] dataCopy = data.clone();

        HmacSha256.mac(key, data);

        assertArrayEquals(keyCopy, key);
        assertArrayEquals(dataCopy, data);
    }
}
