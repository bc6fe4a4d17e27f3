package io.github.geminiimage.loadtests;

import io.github.geminiimage.adapter.httpclient5.HttpClient5ImageGeneration;
import io.github.geminiimage.adapter.httpclient5.HttpClient5Transport;
import io.github.geminiimage.adapter.jdkhttp.JdkHttpImageGeneration;
import io.github.geminiimage.adapter.jdkhttp.JdkHttpTransport;
import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.HttpGeminiClient;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.port.GeminiClient;
import io.github.geminiimage.port.ImageGenerationPort;
import java.net.URI;
import java.util.Locale;
import java.util.function.IntSupplier;

/** The HTTP adapters under test, built the way a user builds them. */
public enum Adapter {
    /** {@code adapter-jdk-http}: {@code java.net.http.HttpClient}. */
    JDK("jdk"),
    /** {@code adapter-httpclient5}: Apache HttpClient 5 classic. */
    HTTPCLIENT5("httpclient5");

    /** A key the loopback server ignores. */
    static final String API_KEY = "load-test-key-not-a-secret";

    private final String id;

    Adapter(String id) {
        this.id = id;
    }

    /** The short name used on command lines and in JMH parameters. */
    public String id() {
        return id;
    }

    /**
     * The adapter called {@code id}.
     *
     * @throws IllegalArgumentException for any other name
     */
    public static Adapter of(String id) {
        for (Adapter a : values()) {
            if (a.id.equals(id.toLowerCase(Locale.ROOT))) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown adapter \"" + id + "\"; use jdk or httpclient5");
    }

    /** The port through the adapter's public builder, against {@code baseUri}. */
    public ImageGenerationPort build(URI baseUri, HttpOptions options) {
        return switch (this) {
            case JDK -> JdkHttpImageGeneration.builder().baseUri(baseUri).apiKey(API_KEY).options(options).build();
            case HTTPCLIENT5 -> HttpClient5ImageGeneration.builder().baseUri(baseUri).apiKey(API_KEY).options(options).build();
        };
    }

    /**
     * The port assembled as the builder does (the same transport, owned by the port), keeping a
     * handle on the transport to count its exchanges in flight.
     */
    public Instrumented instrumented(URI baseUri, HttpOptions options) {
        HttpOptions effective = options.toBuilder().baseUri(baseUri).build();
        ApiKey key = ApiKey.of(API_KEY);
        return switch (this) {
            case JDK -> {
                JdkHttpTransport transport = JdkHttpTransport.create(effective.transportSettings());
                yield new Instrumented(HttpGeminiClient.builder(transport, key).options(effective).ownsTransport(true).build(),
                        transport::activeExchanges, transport.threadNamePrefix());
            }
            case HTTPCLIENT5 -> {
                HttpClient5Transport transport = HttpClient5Transport.create(effective.transportSettings());
                yield new Instrumented(HttpGeminiClient.builder(transport, key).options(effective).ownsTransport(true).build(),
                        transport::activeExchanges, transport.threadNamePrefix());
            }
        };
    }

    /**
     * A client with a view of its transport.
     *
     * @param client the client (owns the transport); {@link #port()} is its images view
     * @param activeExchanges exchanges in flight or with a reply not closed yet
     * @param threadNamePrefix the prefix of the transport's thread names
     */
    public record Instrumented(GeminiClient client, IntSupplier activeExchanges, String threadNamePrefix) {
        /** The client's images view. */
        public ImageGenerationPort port() {
            return client.images();
        }
    }
}
