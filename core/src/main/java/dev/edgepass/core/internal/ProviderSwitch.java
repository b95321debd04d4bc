package dev.edgepass.core.internal;

/**
 * The engine a signer or verifier works with (its key converted for one provider and its
 * per-thread {@code Signature} objects), and the one move it makes: from the JDK, which stands in
 * while ACCP loads, to the engine for the settled {@link ProviderChoice} once the load has
 * finished.
 *
 * <p>The first use leaves the load alone (see {@link ProviderChoice}); later uses ask
 * {@link ProviderChoice#next()} until it settles. The lock is taken only by the threads that meet
 * the old engine in the moment it is replaced, so {@link #engineFor(ProviderChoice)} runs once per
 * move. An engine is built whole before it is published, so a thread sees either the old one or
 * the new one.
 *
 * <p>Thread-safe.
 *
 * @param <E> the engine type
 */
public abstract class ProviderSwitch<E extends ProviderSwitch.BuiltFor> {

    /** What a switch holds: state built for one provider choice. */
    public interface BuiltFor {
        /**
         * Returns the provider choice the engine was built for.
         *
         * @return the choice
         */
        ProviderChoice choice();
    }

    // Replaced at most once: when the JDK stood in while ACCP loaded, by the engine for ACCP.
    private volatile E engine;
    // Set by the first use while the choice is unsettled; a race only moves the load's start by one use.
    private boolean used;

    /**
     * Starts with {@code first}.
     *
     * @param first the engine for the initial choice
     */
    protected ProviderSwitch(E first) {
        this.engine = first;
    }

    /**
     * Builds the engine for a settled choice; may fall back to another choice, whose engine it then returns.
     *
     * @param settled the settled choice
     * @return the engine to use from now on
     */
    protected abstract E engineFor(ProviderChoice settled);

    /**
     * Returns the engine for this use, moving to the settled one when ACCP's load has finished.
     *
     * @return the engine
     */
    public final E engine() {
        E e = engine;
        return e.choice().settled() ? e : settle(e);
    }

    /**
     * Returns the engine in use now, without asking whether to move.
     *
     * @return the engine
     */
    public final E current() {
        return engine;
    }

    private E settle(E e) {
        if (!used) {
            used = true;
            return e;
        }
        ProviderChoice next = e.choice().next();
        if (next == e.choice()) {
            return e;
        }
        synchronized (this) {
            E current = engine;
            if (current != e) {
                return current;
            }
            E settled = engineFor(next);
            engine = settled;
            return settled;
        }
    }
}
