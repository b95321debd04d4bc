package dev.edgepass.core.internal;

import java.util.Objects;

/**
 * The two rules for CloudFront key pair ids: what a signer accepts (1-128 letters, digits,
 * {@code -} and {@code _}, the characters a cookie value and a query parameter carry unescaped),
 * and what CloudFront itself issues (upper-case letters and digits: public key ids such as
 * {@code K2JCJMDEHXQW5F}, legacy key pair ids such as {@code APKAEIBAERJR2EXAMPLE}). Key sources
 * apply the second: a secret whose id breaks it was almost certainly filled in wrong.
 */
public final class KeyPairIds {

    /** The longest key pair id accepted. */
    public static final int MAX_LENGTH = 128;

    private KeyPairIds() {}

    /** Returns whether a signer accepts {@code id}: 1-128 letters, digits, {@code -} or {@code _}. */
    public static boolean isValid(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_')) {
                return false;
            }
        }
        return true;
    }

    /**
     * Returns {@code id} when a signer accepts it.
     *
     * @param id the key pair id
     * @return {@code id}
     * @throws NullPointerException     if {@code id} is null
     * @throws IllegalArgumentException if it is not 1-128 letters, digits, {@code -} or {@code _}
     */
    public static String require(String id) {
        Objects.requireNonNull(id, "keyPairId");
        if (!isValid(id)) {
            throw new IllegalArgumentException("keyPairId must be 1-128 letters, digits, '-' or '_', was "
                    + Redaction.quote(id));
        }
        return id;
    }

    /** Returns whether {@code id} looks like one CloudFront issues: 1-128 upper-case letters and digits. */
    public static boolean looksIssued(String id) {
        if (id == null || id.isEmpty() || id.length() > MAX_LENGTH) {
            return false;
        }
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (!((c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))) {
                return false;
            }
        }
        return true;
    }
}
