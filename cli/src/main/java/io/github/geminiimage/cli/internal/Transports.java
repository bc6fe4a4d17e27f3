package io.github.geminiimage.cli.internal;

import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.adapter.httpclient5.HttpClient5ImageGeneration;
import io.github.geminiimage.adapter.jdkhttp.JdkHttpImageGeneration;
import io.github.geminiimage.auth.google.GoogleCredentialsTokenSource;
import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.Credentials;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.ImageGenerationPort;
import java.io.IOException;
import java.nio.file.Path;

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
    public ImageGenerationPort open(TransportSettings settings) {
        switch (settings.transport()) {
            case FAKE:
                FakeImageGeneration.Builder fake = FakeImageGeneration.builder().defaultResponse(settings.fakeOutcome().response());
                if (!fakeFiles.isEmpty()) {
                    // References to files/... resolve against the files earlier runs uploaded.
                    fake.files(fakeFiles.load());
                }
                return fake.build();
            case JDK:
                return JdkHttpImageGeneration.builder().credentials(credentials(settings)).options(settings.httpOptions())
                        .build();
            case HTTPCLIENT5:
                return HttpClient5ImageGeneration.builder().credentials(credentials(settings)).options(settings.httpOptions())
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
    public FilesPort openFiles(TransportSettings settings) {
        switch (settings.transport()) {
            case FAKE:
                return fakeFiles.open();
            case JDK:
                return JdkHttpImageGeneration.builder().credentials(credentials(settings)).options(settings.httpOptions())
                        .buildFiles();
            case HTTPCLIENT5:
                return HttpClient5ImageGeneration.builder().credentials(credentials(settings)).options(settings.httpOptions())
                        .buildFiles();
            default:
                throw new IllegalStateException("no files port for transport " + settings.transport());
        }
    }

    private static Credentials credentials(TransportSettings settings) {
        if (settings.applicationDefaultCredentials()) {
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

    private static ApiKey key(TransportSettings settings) {
        return settings.apiKey().orElseThrow(() -> new UsageException(ImageCommand.KEY_VARIABLE
                + " is not set: the " + settings.transport() + " transport needs your key"));
    }
}
