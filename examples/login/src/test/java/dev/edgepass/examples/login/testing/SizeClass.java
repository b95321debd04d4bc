package dev.edgepass.examples.login.testing;

/**
 * The sizes every oversize test tries against a limit: one byte under it, exactly at it, one byte
 * over it, and ten times it. Shared by the login, servlet, Lambda and demo tests so that each
 * adapter is held to the same boundary.
 */
public enum SizeClass {
    /** {@code limit - 1}: accepted. */
    JUST_UNDER,
    /** {@code limit}: accepted. */
    AT,
    /** {@code limit + 1}: refused. */
    JUST_OVER,
    /** {@code 10 * limit}: refused, and never read past the limit. */
    TEN_TIMES;

    /** Returns this class's size for {@code limit}. */
    public int size(int limit) {
        return switch (this) {
            case JUST_UNDER -> limit - 1;
            case AT -> limit;
            case JUST_OVER -> limit + 1;
            case TEN_TIMES -> 10 * limit;
        };
    }

    /** Returns whether a request of this size fits the limit. */
    public boolean fits() {
        return this == JUST_UNDER || this == AT;
    }
}
