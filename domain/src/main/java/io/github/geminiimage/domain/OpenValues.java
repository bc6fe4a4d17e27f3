package io.github.geminiimage.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The known constants of one open value type: a record holding the raw string the server sent, such as
 * {@link BlockReason}. The record declares each constant through {@link #known}, so its list of known
 * values cannot drift from its constants, and its {@code of}, {@code knownValues} and {@code isKnown}
 * read them back from here.
 *
 * <p>Filled only while the owning record's class initialises; read-only after that. Public so that the
 * open value types of every domain package share it; each holds its instance privately.
 *
 * @param <T> the open value type
 */
public final class OpenValues<T> {

    private final Function<String, T> factory;
    private final List<T> known = new ArrayList<>();
    private final List<T> knownView = Collections.unmodifiableList(known);
    private final Map<String, T> byValue = new HashMap<>();

    /** A registry whose unknown values are made by {@code factory} (the record's constructor). */
    public OpenValues(Function<String, T> factory) {
        this.factory = factory;
    }

    /** Makes and registers a known constant; call only from the owning record's static initialisers. */
    public T known(String value) {
        T constant = factory.apply(value);
        known.add(constant);
        byValue.put(value, constant);
        return constant;
    }

    /** The known constant for a raw string, or a new value holding it when it is not known. */
    public T of(String value) {
        T constant = value == null ? null : byValue.get(value);
        return constant != null ? constant : factory.apply(value);
    }

    /** The known constants, in declaration order. */
    public List<T> values() {
        return knownView;
    }

    /** Whether {@code value} equals one of the known constants. */
    public boolean contains(T value) {
        return known.contains(value);
    }
}
