package dev.edgepass.core.internal;

import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1Sequence;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.pkcs.RSAPublicKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;

/**
 * Tells DER key encodings apart by their ASN.1 shape and wraps them into the standard
 * containers. Throws unchecked BouncyCastle or {@link IllegalArgumentException} errors on bad
 * input; {@code PemKeys} turns them into {@code KeyFormatException}.
 */
public final class DerKeys {

    private static final AlgorithmIdentifier RSA =
            new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE);

    private DerKeys() {}

    /** PKCS#8 as is; PKCS#1 (nine integers) and SEC1 (version 1, octet string, curve) wrapped. */
    public static PrivateKeyInfo privateKeyInfo(byte[] der) {
        ASN1Sequence seq = ASN1Sequence.getInstance(der);
        if (seq.size() >= 3 && seq.getObjectAt(1) instanceof ASN1Sequence) {
            return PrivateKeyInfo.getInstance(seq);
        }
        try {
            if (seq.size() == 9) {
                return new PrivateKeyInfo(RSA, RSAPrivateKey.getInstance(seq));
            }
            ECPrivateKey ec = ECPrivateKey.getInstance(seq);
            ASN1Encodable curve = ec.getParametersObject();
            if (curve == null) {
                throw new IllegalArgumentException("SEC1 key without curve parameters");
            }
            return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, curve), ec);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot re-encode key", e);
        }
    }

    /** X.509 SubjectPublicKeyInfo as is; PKCS#1 RSA public key (two integers) wrapped. */
    public static SubjectPublicKeyInfo subjectPublicKeyInfo(byte[] der) {
        ASN1Sequence seq = ASN1Sequence.getInstance(der);
        if (seq.size() == 2 && seq.getObjectAt(0) instanceof ASN1Sequence) {
            return SubjectPublicKeyInfo.getInstance(seq);
        }
        try {
            return new SubjectPublicKeyInfo(RSA, RSAPublicKey.getInstance(seq));
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException("cannot re-encode key", e);
        }
    }
}
