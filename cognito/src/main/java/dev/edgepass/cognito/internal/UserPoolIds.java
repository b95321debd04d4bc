package dev.edgepass.cognito.internal;

/**
 * Reads a Cognito user pool id, {@code region_id} such as {@code eu-west-2_abc123}: the region is
 * two lower-case letters, one or more {@code -letters} groups and a final {@code -digits} group;
 * the id is ASCII letters and digits. The same language as the regular expression
 * {@code ([a-z]{2}(?:-[a-z]+)+-[0-9]+)_[0-9A-Za-z]+}, matched by hand because compiling that
 * expression is a measurable part of a Lambda cold start. Thread-safe.
 */
public final class UserPoolIds {

    private UserPoolIds() {}

    /**
     * Returns the region of a user pool id.
     *
     * @param userPoolId the id
     * @return the region, such as {@code eu-west-2}, or null when {@code userPoolId} is not a pool id
     */
    public static String region(String userPoolId) {
        int underscore = userPoolId.indexOf('_');
        if (underscore < 0 || !isRegion(userPoolId, underscore) || !isId(userPoolId, underscore + 1)) {
            return null;
        }
        return userPoolId.substring(0, underscore);
    }

    private static boolean isRegion(String s, int end) {
        if (end < 2 || !lower(s.charAt(0)) || !lower(s.charAt(1))) {
            return false;
        }
        int letterGroups = 0;
        int i = 2;
        while (i < end) {
            if (s.charAt(i) != '-') {
                return false;
            }
            int start = ++i;
            while (i < end && lower(s.charAt(i))) {
                i++;
            }
            if (i > start) {
                letterGroups++;
                continue;
            }
            while (i < end && digit(s.charAt(i))) {
                i++;
            }
            // A digit group must be the last one, and follow at least one group of letters.
            return i > start && i == end && letterGroups > 0;
        }
        return false;
    }

    private static boolean isId(String s, int start) {
        if (start >= s.length()) {
            return false;
        }
        for (int i = start; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!lower(c) && !digit(c) && !(c >= 'A' && c <= 'Z')) {
                return false;
            }
        }
        return true;
    }

    private static boolean lower(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean digit(char c) {
        return c >= '0' && c <= '9';
    }
}
