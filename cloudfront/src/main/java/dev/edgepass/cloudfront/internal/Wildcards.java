package dev.edgepass.cloudfront.internal;

/**
 * CloudFront's resource matching: {@code *} matches any run of characters (also none), {@code ?}
 * exactly one, and everything else itself, case-sensitively.
 */
public final class Wildcards {

    private Wildcards() {}

    /** Returns true when {@code text} matches {@code pattern}. */
    public static boolean matches(String pattern, String text) {
        int p = 0;
        int t = 0;
        int star = -1;
        int resume = 0;
        // Greedy match with one backtrack point: linear in practice, O(n*m) at worst, and the
        // pattern is only reached after its signature has been verified.
        while (t < text.length()) {
            if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
                p++;
                t++;
            } else if (p < pattern.length() && pattern.charAt(p) == '*') {
                star = p++;
                resume = t;
            } else if (star >= 0) {
                p = star + 1;
                t = ++resume;
            } else {
                return false;
            }
        }
        while (p < pattern.length() && pattern.charAt(p) == '*') {
            p++;
        }
        return p == pattern.length();
    }
}
