package io.github.geminiimage.emulator.internal;

import jakarta.json.spi.JsonProvider;

/** The JSON-P provider, looked up once: {@code Json.create...} would search the service loader on every call. */
final class Jsons {

    static final JsonProvider PROVIDER = JsonProvider.provider();

    private Jsons() {
    }
}
