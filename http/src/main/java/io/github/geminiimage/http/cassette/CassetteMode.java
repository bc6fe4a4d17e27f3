package io.github.geminiimage.http.cassette;

import java.util.Locale;

/** How a {@link CassetteTransport} uses its cassette folder. */
public enum CassetteMode {
    /** Every exchange goes to the network and is written to the folder, which is emptied first. */
    RECORD("record"),
    /** Every exchange is served from the folder; no network, and a request not recorded fails. */
    REPLAY("replay"),
    /** Exchanges the folder holds are replayed; the others go to the network and are added to it. */
    RECORD_MISSING("record-missing");

    private final String label;

    CassetteMode(String label) {
        this.label = label;
    }

    /** The name used on command lines and in properties: {@code record}, {@code replay}, {@code record-missing}. */
    public String label() {
        return label;
    }

    /**
     * The mode named {@code text} ({@code record}, {@code replay} or {@code record-missing}; case and
     * {@code _} for {@code -} do not matter).
     *
     * @throws IllegalArgumentException naming the value and the choices if it is none of them
     */
    public static CassetteMode parse(String text) {
        String wanted = text == null ? "" : text.strip().toLowerCase(Locale.ROOT).replace('_', '-');
        for (CassetteMode mode : values()) {
            if (mode.label.equals(wanted)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("cassette mode: " + text + " is not one of record, replay, record-missing");
    }
}
