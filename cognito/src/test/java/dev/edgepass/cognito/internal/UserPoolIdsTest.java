package dev.edgepass.cognito.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The hand-written user pool id matcher against the regular expression it replaces. */
class UserPoolIdsTest {

    private static final Pattern ORACLE = Pattern.compile("([a-z]{2}(?:-[a-z]+)+-[0-9]+)_[0-9A-Za-z]+");

    private static String oracle(String id) {
        Matcher m = ORACLE.matcher(id);
        return m.matches() ? m.group(1) : null;
    }

    @ParameterizedTest
    @ValueSource(strings = {"eu-west-2_abc123", "us-east-1_AbC9", "us-gov-west-1_x", "ap-southeast-12_0", "cn-north-1_Z",
        "eu-west-2_", "eu-west_abc", "eu-2_abc", "e-west-2_abc", "EU-west-2_abc", "eu-West-2_abc", "eu--west-2_abc",
        "eu-west--2_abc", "eu-west-2-_abc", "eu-west-2a_abc", "eu-west-2_ab-c", "eu-west-2_ab_c", "_abc", "",
        "eu-west-2", "euwest-2_abc", "eu-west-2x-3_abc", "eu-west-2_abc\n", "eu-west-٢_abc", "eu-west-2_abcé"})
    void region_catalogue_agreesWithTheRegex(String id) {
        assertEquals(oracle(id), UserPoolIds.region(id), id);
    }

    @Test
    void region_randomIdsFromARegionLikeAlphabet_agreeWithTheRegex() {
        Random random = new Random(7);
        String alphabet = "ab-_1Z";
        for (int n = 0; n < 200_000; n++) {
            StringBuilder id = new StringBuilder();
            int length = random.nextInt(14);
            for (int i = 0; i < length; i++) {
                id.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            assertEquals(oracle(id.toString()), UserPoolIds.region(id.toString()), id.toString());
        }
    }
}
