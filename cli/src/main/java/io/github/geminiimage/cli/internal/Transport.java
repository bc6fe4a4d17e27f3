package io.github.geminiimage.cli.internal;

import java.util.Locale;

/** The transports the command line can use ({@code --transport}). */
public enum Transport {
    /** The in-memory fake: offline, draws test images. */
    FAKE,
    /** HTTP over the JDK's {@code java.net.http.HttpClient}. */
    JDK,
    /** HTTP over Apache HttpClient 5. */
    HTTPCLIENT5;

    /** The name on the command line. */
    public String optionName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return optionName();
    }
}
