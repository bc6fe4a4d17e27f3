package io.github.geminiimage.cli.internal;

import io.github.geminiimage.adapter.fake.FakeFiles;
import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.adapter.httpclient5.HttpClient5GeminiClient;
import io.github.geminiimage.adapter.httpclient5.HttpClient5Transport;
import io.github.geminiimage.adapter.jdkhttp.JdkHttpGeminiClient;
import io.github.geminiimage.adapter.jdkhttp.JdkHttpTransport;
import io.github.geminiimage.auth.google.GoogleCredentialsTokenSource;
import io.github.geminiimage.http.AccessToken;
import io.github.geminiimage.http.Credentials;
import io.github.geminiimage.http.HttpGeminiClient;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.GeminiClient;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/**
 * The standard {@link ClientFactory}: an HTTP client with the key and options (or tokens from
 * Application Default Credentials for Vertex AI), over the run's cassette with {@code --record} or
 * {@code --replay}; or the fake, whose Files API store and batch jobs are kept in folders
 * ({@link FakeFileFolder}, {@link FakeBatchFolder}) so that they outlive the run.
 */
public final class Transports implements ClientFactory {

    private final FakeFileFolder fakeFiles;
    private final FakeBatchFolder fakeJobs;

    /** The fake keeps its files and jobs in {@code gemini-image-fake-files-USER} and {@code -batches-USER} under the temporary folder. */
    public Transports() {
        this(FakeFileFolder.defaultFolder(), FakeBatchFolder.defaultFolder());
    }

    /** The fake keeps its files in {@code fakeFilesFolder}, its jobs in the default folder. */
    public Transports(Path fakeFilesFolder) {
        this(fakeFilesFolder, FakeBatchFolder.defaultFolder());
    }

    /** The fake keeps its files in {@code fakeFilesFolder} and its batch jobs in {@code fakeJobsFolder}. */
    public Transports(Path fakeFilesFolder, Path fakeJobsFolder) {
        this.fakeFiles = new FakeFileFolder(fakeFilesFolder);
        this.fakeJobs = new FakeBatchFolder(fakeJobsFolder);
    }

    @Override
    public GeminiClient open(TransportChoice settings) {
        if (settings.transport() == Transport.FAKE) {
            return fake(settings);
        }
        if (settings.cassette().isPresent()) {
            return HttpGeminiClient.builder(cassetteTransport(settings), credentials(settings)).options(settings.httpOptions())
                    .ownsTransport(true).build();
        }
        return settings.transport() == Transport.JDK
                ? JdkHttpGeminiClient.builder().credentials(credentials(settings)).options(settings.httpOptions()).build()
                : HttpClient5GeminiClient.builder().credentials(credentials(settings)).options(settings.httpOptions()).build();
    }

    /**
     * The fake's views: images read files/... references from the kept store (what earlier runs
     * uploaded); batch jobs are the kept ones, replayed on their own clock with their own results store.
     */
    private GeminiClient fake(TransportChoice settings) {
        FakeFiles store = fakeFiles.load();
        // The fake reports the tier asked for as served, and prices with the run's table, as a server and the HTTP client would.
        FakeImageGeneration images = FakeImageGeneration.builder().defaultResponse(settings.fakeOutcome().response())
                .files(store).echoServiceTier().priceTable(settings.httpOptions().priceTable()).build();
        BatchPort batches = fakeJobs.open();
        return new ClientViews(images, fakeFiles.open(store), batches, () -> {
            images.close();
            batches.close();
            store.close();
        });
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
        return Credentials.apiKey(settings.apiKey().orElseThrow(() -> new UsageException(ImageCommand.KEY_VARIABLE
                + " is not set: the " + settings.transport() + " transport needs your key")), settings.httpOptions().authScheme());
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
}
