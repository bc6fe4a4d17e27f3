package io.github.geminiimage.tck.http;

import io.github.geminiimage.adapter.fake.FakeResponse;
import io.github.geminiimage.adapter.fake.FakeStream;
import io.github.geminiimage.domain.error.ErrorDetails;
import io.github.geminiimage.domain.error.ServerErrorException;
import io.github.geminiimage.emulator.EmulatorOutcome;
import io.github.geminiimage.emulator.GeminiEmulator;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.tck.HttpPortFactory;
import io.github.geminiimage.tck.ImageGenerationStreamContract;
import java.time.Duration;
import java.util.Optional;

/** The streaming contract's fixture over the emulator: one emulator per port, scripted through its fake. */
public final class EmulatorStreamFixture implements ImageGenerationStreamContract.StreamFixture {

    private static final String KEY = "stream-key";

    private final EmulatorPorts made;

    /** A fixture whose ports {@code factory} builds, each against an emulator of its own. */
    public EmulatorStreamFixture(HttpPortFactory factory) {
        this.made = new EmulatorPorts(factory, KEY);
    }

    @Override
    public ImageGenerationPort portStreamingImage() {
        return port(Optional.empty(), Optional.empty());
    }

    @Override
    public ImageGenerationPort portStreamingThoughts() {
        return port(Optional.empty(), Optional.empty());
    }

    @Override
    public ImageGenerationPort portFailingBeforeFirstEvent() {
        return port(Optional.of(EmulatorOutcome.of("server-error")), Optional.empty());
    }

    @Override
    public ImageGenerationPort portFailingAfterFirstEvent() {
        return port(Optional.empty(), Optional.of(FakeResponse.streamed(FakeStream.builder().text("A red ").fail(() ->
                new ServerErrorException("HTTP 503 UNAVAILABLE: overloaded", new ErrorDetails(503, Optional.of("UNAVAILABLE"),
                        Optional.of("The model is overloaded."), 1, Optional.empty()))).build())));
    }

    @Override
    public ImageGenerationPort portEndingWithoutFinish() {
        return port(Optional.empty(), Optional.of(FakeResponse.streamed(FakeStream.builder().text("A red ").text("bicycle")
                .build())));
    }

    @Override
    public ImageGenerationPort portStallingAfterFirstEvent() {
        return port(Optional.empty(), Optional.of(FakeResponse.streamed(FakeStream.builder().text("A red ")
                .pause(Duration.ofMinutes(10)).finish().build())));
    }

    private ImageGenerationPort port(Optional<EmulatorOutcome> outcome, Optional<FakeResponse> script) {
        GeminiEmulator emulator = made.startEmulator();
        outcome.ifPresent(emulator::always);
        script.ifPresent(s -> emulator.imageGeneration().when(r -> true, s));
        HttpOptions options = HttpOptions.builder().baseUri(emulator.baseUri()).connectTimeout(Duration.ofSeconds(2))
                .inactivityTimeout(Duration.ofSeconds(60)).overallDeadline(Duration.ofSeconds(60))
                .retryPolicy(RetryPolicy.noRetries()).build();
        return made.port(options);
    }

    @Override
    public void close() {
        made.close();
    }
}
