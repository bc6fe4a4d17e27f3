package io.github.geminiimage.examples;

import io.github.geminiimage.adapter.jdkhttp.JdkHttpImageGeneration;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.LoggingCallObserver;
import io.github.geminiimage.port.ImageGenerationPort;

/** A port that logs every exchange it makes. */
public class LogCalls {

    /** A port that logs each exchange to the System.Logger "io.github.geminiimage.http.calls". */
    static ImageGenerationPort loggingPort(String key) {
        return JdkHttpImageGeneration.builder().apiKey(key)
                .options(HttpOptions.builder().observer(LoggingCallObserver.create()).build())
                .build();
    }
}
