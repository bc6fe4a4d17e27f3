package io.github.geminiimage.emulator;

import io.github.geminiimage.domain.TestImages;

/** A small real PNG for edit requests and uploads. */
final class Tiny {

    static final byte[] PNG = TestImages.png(8, 8);

    private Tiny() {
    }
}
