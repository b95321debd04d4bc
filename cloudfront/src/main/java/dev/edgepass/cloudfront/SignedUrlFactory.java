package dev.edgepass.cloudfront;

import static dev.edgepass.core.internal.Redaction.quote;

import dev.edgepass.cloudfront.internal.ResourceForm;
import dev.edgepass.cloudfront.internal.Wildcards;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Signs CloudFront URLs: canned ({@code Expires}) or custom ({@code Policy}), followed by
 * {@code Signature}, {@code Key-Pair-Id} and, for SHA-256, {@code Hash-Algorithm=SHA256}. An
 * existing query string is kept and the parameters are appended after it.
 *
 * <p>The URL is put into the same wire form as policy resources (spaces and non-ASCII
 * percent-encoded once), so the signed URL names exactly what the policy names. A canned policy
 * must name the URL itself; a custom one must match it, or CloudFront would answer 403, so both
 * mismatches are refused up front. A result over CloudFront's 8,192-byte URL limit is refused with
 * {@link CloudFrontException}.
 *
 * <pre>{@code
 * SignedUrlFactory urls = SignedUrlFactory.of(signer);
 * String url = urls.sign("https://d111111abcdef8.cloudfront.net/report.pdf",
 *         Instant.now().plus(Duration.ofMinutes(5)));
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class SignedUrlFactory {

    /** CloudFront's maximum URL length in bytes (CloudFront quotas, "Maximum length of a URL"). */
    public static final int MAX_URL_BYTES = 8192;

    private final CloudFrontSigner signer;
    private final Supplier<CloudFrontSigner> signers;

    private SignedUrlFactory(CloudFrontSigner signer, Supplier<CloudFrontSigner> signers) {
        this.signer = signer;
        this.signers = signers;
    }

    /**
     * Returns a factory that signs with {@code signer}.
     *
     * @param signer the signer
     * @return the factory
     * @throws NullPointerException if {@code signer} is null
     */
    public static SignedUrlFactory of(CloudFrontSigner signer) {
        return new SignedUrlFactory(Objects.requireNonNull(signer, "signer"), null);
    }

    /**
     * Returns a factory that follows a rotating key: each URL is signed with the signer
     * {@code signers} returns at that moment, such as a {@link RotatingSigner}.
     *
     * @param signers yields the current signer
     * @return the factory
     * @throws NullPointerException if {@code signers} is null
     */
    public static SignedUrlFactory following(Supplier<CloudFrontSigner> signers) {
        return new SignedUrlFactory(null, Objects.requireNonNull(signers, "signers"));
    }

    /**
     * Signs {@code url} with a canned policy that expires at {@code expiresAt}.
     *
     * @param url       an absolute http(s) URL without wildcards or fragment
     * @param expiresAt the expiry, cut to whole seconds
     * @return the signed URL
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the URL is malformed or already signed
     * @throws CloudFrontException      with {@code URL_TOO_LONG} or {@code SIGNING_FAILED}
     */
    public String sign(String url, Instant expiresAt) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(expiresAt, "expiresAt");
        return sign(url, Policy.builder().resource(url).expiresAt(expiresAt).build());
    }

    /**
     * Signs {@code url} with {@code policy}: canned policies give {@code Expires}, custom ones
     * {@code Policy}.
     *
     * @param url    an absolute http(s) URL without wildcards or fragment, its query string kept
     * @param policy a canned policy naming this URL, or a custom policy whose resource matches it
     * @return the signed URL
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if the URL is malformed, already carries CloudFront
     *                                  parameters, or does not match the policy
     * @throws CloudFrontException      with {@code URL_TOO_LONG} or {@code SIGNING_FAILED}
     */
    public String sign(String url, Policy policy) {
        Objects.requireNonNull(url, "url");
        Objects.requireNonNull(policy, "policy");
        ResourceForm.Parsed parsed = ResourceForm.parse(url, "url");
        if (!parsed.url()) {
            throw new IllegalArgumentException("url must be an absolute http:// or https:// URL without '*', was " + quote(url));
        }
        String wire = parsed.wire();
        int query = wire.indexOf('?');
        if (query >= 0) {
            for (String param : wire.substring(query + 1).split("&", -1)) {
                String name = param.indexOf('=') < 0 ? param : param.substring(0, param.indexOf('='));
                if (isSigningParameter(name)) {
                    throw new IllegalArgumentException("url already carries the CloudFront parameter " + quote(name)
                            + "; sign the unsigned URL");
                }
            }
        }
        StringBuilder out = new StringBuilder(wire.length() + 512).append(wire).append(query >= 0 ? '&' : '?');
        if (policy.isCanned()) {
            if (!policy.resource().equals(wire)) {
                throw new IllegalArgumentException("a canned policy must name the URL it signs: policy resource "
                        + quote(policy.resource()) + ", url " + quote(wire));
            }
            out.append("Expires=").append(policy.expiresAt().getEpochSecond());
        } else {
            if (!Wildcards.matches(policy.resource(), wire)) {
                throw new IllegalArgumentException("url " + quote(wire) + " does not match the policy resource "
                        + quote(policy.resource()) + "; CloudFront would refuse it");
            }
            out.append("Policy=").append(policy.encodedStatement());
        }
        int before = out.length();
        if (before > MAX_URL_BYTES) {
            throw new CloudFrontException(CloudFrontException.Reason.URL_TOO_LONG,
                    "signed URL would be more than " + before + " bytes, CloudFront accepts at most " + MAX_URL_BYTES
                            + " (CloudFront quotas, maximum length of a URL)");
        }
        // One signer for signature, key id and hash, even if the key rotates meanwhile.
        CloudFrontSigner s = signer();
        out.append("&Signature=").append(s.sign(policy));
        out.append("&Key-Pair-Id=").append(s.keyPairId());
        if (s.hashAlgorithm() == HashAlgorithm.SHA256) {
            out.append("&Hash-Algorithm=").append(HashAlgorithm.SHA256.id());
        }
        if (out.length() > MAX_URL_BYTES) {
            throw new CloudFrontException(CloudFrontException.Reason.URL_TOO_LONG,
                    "signed URL would be " + out.length() + " bytes, CloudFront accepts at most " + MAX_URL_BYTES
                            + " (CloudFront quotas, maximum length of a URL)");
        }
        return out.toString();
    }

    /**
     * Returns the signer, or the supplier's current one when the factory follows a rotating key.
     *
     * @return the signer
     */
    public CloudFrontSigner signer() {
        return signer != null ? signer : Objects.requireNonNull(signers.get(), "the signer supplier returned null");
    }

    /** Returns the signer's description; never key material. */
    @Override
    public String toString() {
        return "SignedUrlFactory[" + (signer != null ? signer : "signers=" + signers) + "]";
    }

    static boolean isSigningParameter(String name) {
        return "Expires".equals(name) || "Policy".equals(name) || "Signature".equals(name)
                || "Key-Pair-Id".equals(name) || "Hash-Algorithm".equals(name);
    }
}
