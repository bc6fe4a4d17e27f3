package io.github.geminiimage.tck.http;

import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.tck.HttpPortFactory;
import java.util.ArrayList;
import java.util.List;

/** The emulators an image fixture started and the ports it made over them, closed together. Thread-safe. */
final class EmulatorPorts implements AutoCloseable {

    private final HttpPortFactory factory;
    private final String key;
    private final List<GeminiEmulator> emulators = new ArrayList<>();
    private final List<ImageGenerationPort> ports = new ArrayList<>();

    /** Ports that {@code factory} builds with {@code key}, against emulators taking it. */
    EmulatorPorts(HttpPortFactory factory, String key) {
        this.factory = factory;
        this.key = key;
    }

    /** Starts an emulator taking the key, stopped on {@link #close()}. */
    synchronized GeminiEmulator startEmulator() {
        GeminiEmulator emulator = GeminiEmulator.builder().apiKey(key).start();
        emulators.add(emulator);
        return emulator;
    }

    /** A port with {@code options}, closed on {@link #close()}. */
    synchronized ImageGenerationPort port(HttpOptions options) {
        ImageGenerationPort port = factory.create(key, options);
        ports.add(port);
        return port;
    }

    /** Closes the ports, then stops the emulators. */
    @Override
    public synchronized void close() {
        ports.forEach(ImageGenerationPort::close);
        emulators.forEach(GeminiEmulator::close);
    }
}
