package dev.edgepass.core;

import static dev.edgepass.core.internal.Redaction.quote;

import dev.edgepass.core.KeySourceException.Reason;
import dev.edgepass.core.internal.Json;
import dev.edgepass.core.internal.KeyPairIds;
import java.security.PrivateKey;
import java.util.Map;
import java.util.Objects;

/**
 * How a secret's text holds a signing key: a JSON object with the key pair id and the PEM private
 * key, or a bare PEM whose key pair id is configured separately.
 *
 * <p>JSON is the form to prefer, because one secret then changes key id and key together:
 * <pre>{@code
 * {"keyPairId": "K2JCJMDEHXQW5F", "privateKey": "-----BEGIN PRIVATE KEY-----\nMIIE...\n-----END PRIVATE KEY-----\n"}
 * }</pre>
 * The field names can be changed. The private key may be any form {@link PemKeys} reads (PKCS#8,
 * PKCS#1, SEC1). A PEM whose line breaks were stored as the two characters {@code \n} (a common
 * slip when pasting into a console) is read as if they were line breaks.
 *
 * <p>Which form a value has is decided by its first character: {@code {} means JSON, anything
 * holding {@code -----BEGIN} means PEM. A JSON value takes its key pair id from the id field, or
 * from {@link Builder#keyPairId(String)} when the field is absent; a bare PEM needs
 * {@link Builder#keyPairId(String)}. A key pair id from a secret must look like one CloudFront issues
 * (upper-case letters and digits), which catches a key pasted into the wrong field.
 *
 * <pre>{@code
 * SecretFormat json = SecretFormat.json();                                  // keyPairId + privateKey fields
 * SecretFormat custom = SecretFormat.builder().keyPairIdField("id").privateKeyField("pem").build();
 * SecretFormat pem = SecretFormat.pem("K2JCJMDEHXQW5F");                    // bare PEM, id given here
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class SecretFormat {

    /** Default name of the JSON field holding the key pair id. */
    public static final String DEFAULT_KEY_PAIR_ID_FIELD = "keyPairId";
    /** Default name of the JSON field holding the PEM private key. */
    public static final String DEFAULT_PRIVATE_KEY_FIELD = "privateKey";
    /** Largest value read, in characters: far above an RSA-4096 PEM (about 3.3 KB). */
    public static final int MAX_VALUE_CHARS = 64 * 1024;

    private static final SecretFormat JSON = builder().build();

    private final String keyPairIdField;
    private final String privateKeyField;
    private final String keyPairId;

    private SecretFormat(Builder b) {
        this.keyPairIdField = b.keyPairIdField;
        this.privateKeyField = b.privateKeyField;
        this.keyPairId = b.keyPairId;
    }

    /**
     * Returns the JSON format with the default field names; a bare PEM is refused with
     * {@code MISSING_FIELD} because it carries no key pair id.
     *
     * @return the format
     */
    public static SecretFormat json() {
        return JSON;
    }

    /**
     * Returns a format for a bare PEM private key whose key pair id is {@code keyPairId}. A JSON
     * value with the default field names is accepted too, its own id field winning.
     *
     * @param keyPairId the CloudFront key pair id, such as {@code K2JCJMDEHXQW5F}
     * @return the format
     * @throws NullPointerException     if {@code keyPairId} is null
     * @throws IllegalArgumentException if it is not 1-128 letters, digits, {@code -} or {@code _}
     */
    public static SecretFormat pem(String keyPairId) {
        return builder().keyPairId(keyPairId).build();
    }

    /**
     * Starts a format with custom field names or a separate key pair id.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads a signing key from a secret's text.
     *
     * @param value  the text of the secret, parameter, file or variable
     * @param source names the source in error messages, such as {@code Secrets Manager secret 'prod/key'}
     * @return the key
     * @throws NullPointerException if an argument is null
     * @throws KeySourceException   with {@code EMPTY_SECRET}, {@code MALFORMED_SECRET},
     *                              {@code MISSING_FIELD}, {@code BAD_KEY} or {@code BAD_KEY_PAIR_ID};
     *                              the message names the source and field, never the value
     */
    public SigningKey parse(String value, String source) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(source, "source");
        String trimmed = value.strip();
        if (trimmed.isEmpty()) {
            throw new KeySourceException(Reason.EMPTY_SECRET, source + " is empty");
        }
        if (trimmed.length() > MAX_VALUE_CHARS) {
            throw new KeySourceException(Reason.MALFORMED_SECRET, source + " holds " + trimmed.length()
                    + " characters, more than the " + MAX_VALUE_CHARS + " a key can need");
        }
        if (trimmed.charAt(0) == '{') {
            return fromJson(trimmed, source);
        }
        if (trimmed.contains("-----BEGIN")) {
            if (keyPairId == null) {
                throw new KeySourceException(Reason.MISSING_FIELD, source + " holds a bare PEM, which carries no key pair id;"
                        + " store JSON {\"" + keyPairIdField + "\": \"K...\", \"" + privateKeyField
                        + "\": \"-----BEGIN ...\"} or configure the key pair id separately");
            }
            return new SigningKey(keyPairId, privateKey(trimmed, source, "the PEM"));
        }
        throw new KeySourceException(Reason.MALFORMED_SECRET, source
                + " is neither a JSON object nor a PEM block; expected {\"" + keyPairIdField + "\": \"K...\", \""
                + privateKeyField + "\": \"-----BEGIN ...\"}");
    }

    private SigningKey fromJson(String text, String source) {
        Map<String, Object> members;
        try {
            members = Json.parseObject(text);
        } catch (IllegalArgumentException e) {
            // The parser's message gives a position and what it expected, never the text.
            throw new KeySourceException(Reason.MALFORMED_SECRET, source + " is not valid JSON (" + e.getMessage() + ")");
        }
        String id;
        Object idValue = members.get(keyPairIdField);
        if (idValue == null && keyPairId != null) {
            id = keyPairId;
        } else {
            id = stringField(members, keyPairIdField, source);
            if (!KeyPairIds.looksIssued(id)) {
                // Never quote it: a private key pasted into the wrong field would end up in a log.
                throw new KeySourceException(Reason.BAD_KEY_PAIR_ID, source + ": field " + quote(keyPairIdField)
                        + " holds " + id.length() + " characters that do not look like a CloudFront key pair id;"
                        + " expected 1-128 upper-case letters and digits, such as K2JCJMDEHXQW5F");
            }
        }
        String pem = stringField(members, privateKeyField, source);
        return new SigningKey(id, privateKey(pem, source, "field " + quote(privateKeyField)));
    }

    private static String stringField(Map<String, Object> members, String field, String source) {
        Object value = members.get(field);
        if (!(value instanceof String s)) {
            throw new KeySourceException(Reason.MISSING_FIELD, source + ": field " + quote(field) + " is "
                    + Json.typeName(value) + ", expected a string; the JSON has the fields "
                    + quote(String.join(", ", members.keySet())));
        }
        if (s.isBlank()) {
            throw new KeySourceException(Reason.MISSING_FIELD, source + ": field " + quote(field) + " is empty");
        }
        return s.strip();
    }

    private static PrivateKey privateKey(String pem, String source, String where) {
        String text = pem;
        if (text.indexOf('\n') < 0 && text.contains("\\n")) {
            text = text.replace("\\r\\n", "\n").replace("\\n", "\n");
        }
        try {
            return PemKeys.privateKey(text);
        } catch (KeyFormatException e) {
            // KeyFormatException messages never hold key material.
            throw new KeySourceException(Reason.BAD_KEY, source + ": " + where + " is not a usable private key ("
                    + e.reason() + ": " + e.getMessage() + ")", e);
        }
    }

    /**
     * Returns the JSON field holding the key pair id.
     *
     * @return the field name
     */
    public String keyPairIdField() {
        return keyPairIdField;
    }

    /**
     * Returns the JSON field holding the private key.
     *
     * @return the field name
     */
    public String privateKeyField() {
        return privateKeyField;
    }

    /** Returns the field names and separate key pair id, if any. */
    @Override
    public String toString() {
        return "SecretFormat[keyPairIdField=" + keyPairIdField + ", privateKeyField=" + privateKeyField
                + (keyPairId == null ? "" : ", keyPairId=" + keyPairId) + "]";
    }

    /** Builds a {@link SecretFormat}. Not thread-safe; the built format is. */
    public static final class Builder {
        private String keyPairIdField = DEFAULT_KEY_PAIR_ID_FIELD;
        private String privateKeyField = DEFAULT_PRIVATE_KEY_FIELD;
        private String keyPairId;

        private Builder() {}

        /**
         * Sets the JSON field holding the key pair id (default {@value #DEFAULT_KEY_PAIR_ID_FIELD}).
         *
         * @param name the field name, not blank
         * @return this builder
         * @throws NullPointerException     if {@code name} is null
         * @throws IllegalArgumentException if it is blank
         */
        public Builder keyPairIdField(String name) {
            this.keyPairIdField = fieldName(name, "keyPairIdField");
            return this;
        }

        /**
         * Sets the JSON field holding the PEM private key (default {@value #DEFAULT_PRIVATE_KEY_FIELD}).
         *
         * @param name the field name, not blank
         * @return this builder
         * @throws NullPointerException     if {@code name} is null
         * @throws IllegalArgumentException if it is blank
         */
        public Builder privateKeyField(String name) {
            this.privateKeyField = fieldName(name, "privateKeyField");
            return this;
        }

        /**
         * Sets the key pair id used for a bare PEM, and for JSON without the id field.
         *
         * @param keyPairId the CloudFront key pair id
         * @return this builder
         * @throws NullPointerException     if {@code keyPairId} is null
         * @throws IllegalArgumentException if it is not 1-128 letters, digits, {@code -} or {@code _}
         */
        public Builder keyPairId(String keyPairId) {
            this.keyPairId = KeyPairIds.require(keyPairId);
            return this;
        }

        /**
         * Builds the format.
         *
         * @return the format
         * @throws IllegalStateException if both fields have the same name
         */
        public SecretFormat build() {
            if (keyPairIdField.equals(privateKeyField)) {
                throw new IllegalStateException("keyPairIdField and privateKeyField must differ, both were "
                        + quote(keyPairIdField));
            }
            return new SecretFormat(this);
        }

        private static String fieldName(String name, String what) {
            Objects.requireNonNull(name, what);
            if (name.isBlank()) {
                throw new IllegalArgumentException(what + " must not be blank");
            }
            return name;
        }
    }
}
