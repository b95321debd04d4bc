package dev.edgepass.cognito.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** A fast test for ASCII text, the case for every Cognito token. Thread-safe. */
public final class Utf8 {

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final long HIGH_BITS = 0x8080_8080_8080_8080L;

    private Utf8() {}

    /**
     * Returns whether {@code length} bytes of {@code bytes} from {@code offset} are all below 0x80,
     * reading eight at a time.
     *
     * @param bytes  the bytes
     * @param offset where to start
     * @param length how many bytes to test
     * @return true when every byte is ASCII
     */
    public static boolean isAscii(byte[] bytes, int offset, int length) {
        int i = offset;
        int end = offset + length;
        long high = 0;
        for (; i + 8 <= end; i += 8) {
            high |= (long) LONGS.get(bytes, i);
        }
        for (; i < end; i++) {
            high |= bytes[i];
        }
        return (high & HIGH_BITS) == 0;
    }
}
