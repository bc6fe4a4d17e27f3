package io.github.geminiimage.cli.internal;

import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.adapter.httpclient5.HttpClient5ImageGeneration;
import io.github.geminiimage.adapter.jdkhttp.JdkHttpImageGeneration;
import io.github.geminiimage.auth.google.GoogleCredentialsTokenSource;
import io.github.geminiimage.adapter.httpclient5.HttpClient5Transport;
import io.github.geminiimage.adapter.jdkhttp.JdkHttpTransport;
import io.github.geminiimage.http.AccessToken;
import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.HttpFiles;
import io.github.geminiimage.http.HttpImageGeneration;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.Credentials;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.ImageGenerationPort;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The standard {@link PortFactory}: the fake, or an HTTP transport with the key and options, or
 * with tokens from Application Default Credentials for Vertex AI. The fake's Files API store is
 * kept in a folder ({@link FakeFileFolder}), so files outlive the run.
 */
public final class Transports implements PortFactory {

    private final FakeFileFolder fakeFiles;

    /** The fake keeps its files in {@code gemini-image-fake-files-USER} under the system's temporary folder. */
    public Transports() {
        this(FakeFileFolder.defaultFolder());
    }

    /** The fake keeps its files in {@code fakeFilesFolder}. */
    public Transports(Path fakeFilesFolder) {
        this.fakeFiles = new FakeFileFolder(fakeFilesFolder);
    }

    @Override
    public ImageGenerationPort open(TransportChoice settings) {
        switch (settings.transport()) {
            case FAKE:
                FakeImageGeneration.Builder fake = FakeImageGeneration.builder().defaultResponse(settings.fakeOutcome().response());
                if (!fakeFiles.isEmpty()) {
                    // References to files/... resolve against the files earlier runs uploaded.
                    fake.files(fakeFiles.load());
                }
                return fake.build();
            case JDK:
            case HTTPCLIENT5:
                if (settings.cassette().isPresent()) {
                    return HttpImageGeneration.builder(cassetteTransport(settings), credentials(settings))
                            .options(settings.httpOptions()).ownsTransport(true).build();
                }
                return settings.transport() == Transport.JDK
                        ? JdkHttpImageGeneration.builder().credentials(credentials(settings)).options(settings.httpOptions()).build()
                        : HttpClient5ImageGeneration.builder().credentials(credentials(settings)).options(settings.httpOptions())
                                .build();
            default:
                throw new IllegalStateException("no port for transport " + settings.transport());
        }
    }

    /**
     * The files port of the transport: the fake's store kept in a folder, or {@code HttpFiles} over
     * the chosen HTTP transport with the same credentials and options as {@link #open} (on Vertex AI
     * every call is refused before any I/O: Vertex has no Files API).
     */
    @Override
    public FilesPort openFiles(TransportChoice settings) {
        switch (settings.transport()) {
            case FAKE:
                return fakeFiles.open();
            case JDK:
            case HTTPCLIENT5:
                if (settings.cassette().isPresent()) {
                    return HttpFiles.builder(cassetteTransport(settings), credentials(settings))
                            .options(settings.httpOptions()).ownsTransport(true).build();
                }
                return settings.transport() == Transport.JDK
                        ? JdkHttpImageGeneration.builder().credentials(credentials(settings)).options(settings.httpOptions())
                                .buildFiles()
                        : HttpClient5ImageGeneration.builder().credentials(credentials(settings)).options(settings.httpOptions())
                                .buildFiles();
            default:
                throw new IllegalStateException("no files port for transport " + settings.transport());
        }
    }

    /**
     * The run's cassette transport ({@code --record}, {@code --replay}) over the chosen HTTP
     * transport, which is made only if a call is recorded.
     */
    static HttpTransport cassetteTransport(TransportChoice settings) {
        io.github.geminiimage.http.TransportSettings network = settings.httpOptions().transportSettings();
        return settings.cassette().orElseThrow().lease(() -> settings.transport() == Transport.HTTPCLIENT5
                ? HttpClient5Transport.create(network) : JdkHttpTransport.create(network));
    }

    private static Credentials credentials(TransportChoice settings) {
        if (settings.applicationDefaultCredentials()) {
            if (settings.cassette().map(CassetteFlags.Cassette::replaying).orElse(false)) {
                // A replay sends nothing: no token is fetched, and the cassette holds none.
                return Credentials.accessTokens(() -> AccessToken.of(CassetteFlags.REPLAY_KEY, Instant.now().plusSeconds(3600)));
            }
            return Credentials.accessTokens(applicationDefault());
        }
        return Credentials.apiKey(key(settings), settings.httpOptions().authScheme());
    }

    /** ADC as Google's library finds them; none found is a configuration problem of this run. */
    private static GoogleCredentialsTokenSource applicationDefault() {
        try {
            return GoogleCredentialsTokenSource.applicationDefault();
        } catch (IOException e) {
            String reason = String.valueOf(e.getMessage()).replaceAll("\\s+", " ").strip();
            throw new UsageException("--vertex-project needs Application Default Credentials (or " + ImageCommand.KEY_VARIABLE
                    + " for express mode): " + (reason.length() > 300 ? reason.substring(0, 300) + "..." : reason));
        }
    }

    private static ApiKey key(TransportChoice settings) {
        return settings.apiKey().orElseThrow(() -> new UsageException(ImageCommand.KEY_VARIABLE
                + " is not set: the " + settings.transport() + " transport needs your key"));
    }
}
