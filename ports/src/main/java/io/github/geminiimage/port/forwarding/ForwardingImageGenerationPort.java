package io.github.geminiimage.port.forwarding;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.port.GenerationStream;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.port.StreamListener;
import java.util.concurrent.CompletableFuture;

/** An {@link ImageGenerationPort} that hands every call to {@link #delegate()}. */
public interface ForwardingImageGenerationPort extends ImageGenerationPort {

    /**
     * The port that receives every call the decorator does not override.
     *
     * @return the decorated port
     */
    ImageGenerationPort delegate();

    @Override
    default GenerationResult generate(GenerationRequest request) {
        return delegate().generate(request);
    }

    @Override
    default CompletableFuture<GenerationResult> generateAsync(GenerationRequest request) {
        return delegate().generateAsync(request);
    }

    @Override
    default GenerationStream stream(GenerationRequest request) {
        return delegate().stream(request);
    }

    @Override
    default CompletableFuture<GenerationResult> streamAsync(GenerationRequest request, StreamListener listener) {
        return delegate().streamAsync(request, listener);
    }

    @Override
    default void close() {
        delegate().close();
    }
}
