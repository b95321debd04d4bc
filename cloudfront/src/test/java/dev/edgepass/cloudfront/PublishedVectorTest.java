package dev.edgepass.cloudfront;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.edgepass.cloudfront.internal.CloudFrontBase64;
import dev.edgepass.cloudfront.internal.PolicyParser;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Published vectors from botocore's {@code tests/unit/test_signers.py} (TestCloudfrontSigner) and the
 * CloudFront developer guide, checked byte for byte.
 */
class PublishedVectorTest {

    private static final Instant JAN_1_2016 = Instant.parse("2016-01-01T00:00:00Z");

    /** botocore test_build_canned_policy, with its resource 'foo' written as the URL it signs in test_generate_presign_url_with_expire_time. */
    @Test
    void cannedStatement_matchesBotocore() {
        String botocore = "{\"Statement\":[{\"Resource\":\"foo\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1451606400}}}]}";

        Policy policy = Policy.builder().resource("http://test.com/foo.txt").expiresAt(JAN_1_2016).build();

        assertEquals(botocore.replace("\"foo\"", "\"http://test.com/foo.txt\""), policy.toJson());
    }

    /** botocore test_generate_presign_url_with_expire_time, whose signer returns b'signed' (c2lnbmVk). */
    @Test
    void cannedUrlLayout_matchesBotocore() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        CloudFrontSigner signer = CloudFrontSigner.of("MY_KEY_ID", generator.generateKeyPair().getPrivate());
        Policy policy = Policy.builder().resource("http://test.com/foo.txt").expiresAt(JAN_1_2016).build();

        String url = SignedUrlFactory.of(signer).sign("http://test.com/foo.txt", policy);

        assertEquals("c2lnbmVk", CloudFrontBase64.encode("signed".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("http://test.com/foo.txt?Expires=1451606400&Signature=c2lnbmVk&Key-Pair-Id=MY_KEY_ID",
                url.replace(signer.sign(policy), "c2lnbmVk"));
    }

    /** botocore test_generate_presign_url_with_custom_policy: its Policy parameter, CloudFront base64 with '__' padding. */
    @Test
    void customPolicyParameter_decodesToBotocoreStatement() {
        String parameter = "eyJTdGF0ZW1lbnQiOlt7IlJlc291cmNlIjoiZm9vIiwiQ29uZGl0aW9uIjp7IkRhdGVMZXNzVGhhbiI6eyJBV1M6RXBvY2hUaW1lIj"
                + "oxNDUxNjA2NDAwfSwiSXBBZGRyZXNzIjp7IkFXUzpTb3VyY2VJcCI6IjEyLjM0LjU2Ljc4LzkifSwiRGF0ZUdyZWF0ZXJUaGFuIjp7IkFX"
                + "UzpFcG9jaFRpbWUiOjE0NDg5MjgwMDB9fX1dfQ__";

        String json = new String(CloudFrontBase64.decode(parameter), StandardCharsets.UTF_8);
        PolicyParser.Statement statement = PolicyParser.parse(json);

        assertEquals("foo", statement.resource());
        assertEquals(1451606400L, statement.expiresAt());
        assertEquals(1448928000L, statement.activeFrom());
        assertEquals("12.34.56.78/9", statement.sourceIp().toString());
        assertEquals(parameter, CloudFrontBase64.encode(json.getBytes(StandardCharsets.UTF_8)));
    }

    /** The CloudFront guide's custom policy example (cookies): access all files from one IP for one day. */
    @Test
    void customStatement_matchesGuideExampleWithoutWhitespace() {
        Policy policy = Policy.builder().resource("https://*").sourceIp("192.0.2.10/32")
                .activeFrom(Instant.ofEpochSecond(1767290400)).expiresAt(Instant.ofEpochSecond(1767376800)).build();

        assertEquals("{\"Statement\":[{\"Resource\":\"https://*\",\"Condition\":{\"DateLessThan\":{\"AWS:EpochTime\":1767376800},"
                + "\"DateGreaterThan\":{\"AWS:EpochTime\":1767290400},\"IpAddress\":{\"AWS:SourceIp\":\"192.0.2.10/32\"}}}]}",
                policy.toJson());
    }
}
