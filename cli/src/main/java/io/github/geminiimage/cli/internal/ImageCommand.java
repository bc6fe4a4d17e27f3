package io.github.geminiimage.cli.internal;

import io.github.geminiimage.domain.AspectRatio;
import io.github.geminiimage.domain.Conversation;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.ImageGenerationException;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.ImageModel;
import io.github.geminiimage.domain.ImageSize;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.ModelFamily;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.AuthScheme;
import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.RetryPolicy;
import io.github.geminiimage.port.ImageGenerationPort;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * What {@code generate} and {@code edit} share: the options, and the run itself (build the
 * request, check the outputs, call the port once per image, write the files, report).
 */
abstract class ImageCommand implements Callable<Integer> {

    /** Where the key comes from; never a command-line argument (it would show in {@code ps} and shell history). */
    static final String KEY_VARIABLE = "GEMINI_API_KEY";

    private static final int MAX_COUNT = 10;

    @Spec
    CommandSpec spec;

    @Option(names = {"-p", "--prompt"}, required = true, paramLabel = "TEXT", description = "What to draw, or how to change the image.")
    String prompt;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "PATH",
            description = "The output file, or a folder (existing, or ending in /) for numbered files.")
    String out;

    @Option(names = {"-m", "--model"}, paramLabel = "ID", defaultValue = "gemini-2.5-flash-image",
            description = "The model id (default: ${DEFAULT-VALUE}); e.g. gemini-3-pro-image, gemini-3.1-flash-image.")
    String model;

    @Option(names = {"-a", "--aspect-ratio"}, paramLabel = "W:H",
            description = "Output aspect ratio, one of 1:1, 2:3, 3:2, 3:4, 4:3, 4:5, 5:4, 9:16, 16:9, 21:9 "
                    + "(3.1 Flash Image adds 1:4, 4:1, 1:8, 8:1). Default: the input image's, else 1:1.")
    String aspectRatio;

    @Option(names = {"-s", "--image-size"}, paramLabel = "SIZE", description = "Output size on Gemini 3 models: 1K, 2K, 4K (512 on 3.1 Flash Image).")
    String imageSize;

    @Option(names = {"-n", "--count"}, paramLabel = "N", defaultValue = "1",
            description = "How many images to make, one call each (1 to " + MAX_COUNT + ").")
    int count;

    @Option(names = "--force", description = "Replace existing output files.")
    boolean force;

    @Option(names = "--json", description = "Print the result's metadata as JSON on stdout (never the image bytes).")
    boolean json;

    @Option(names = "--session", paramLabel = "FILE",
            description = "Keep the conversation (thought signatures included) in FILE, so the next edit --session FILE continues it.")
    Path session;

    @Option(names = "--transport", paramLabel = "NAME", converter = Converters.TransportConverter.class,
            description = "fake, jdk or httpclient5. Default: jdk when " + KEY_VARIABLE + " is set, else the offline fake.")
    Transport transport;

    @Option(names = "--base-url", paramLabel = "URL", description = "The endpoint or a proxy mirroring it (default: Google's).")
    URI baseUrl;

    @Option(names = "--auth", paramLabel = "SCHEME", converter = Converters.AuthConverter.class,
            description = "How the key is sent: google (x-goog-api-key, default), bearer (Authorization: Bearer), raw (Authorization).")
    AuthScheme auth;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "The most time for a call, retries included: 90s, 5m, 1m30s (default 10m).")
    Duration timeout;

    @Option(names = "--retries", paramLabel = "N", description = "Retries after a 408, 429, 5xx or connection failure (default 2; 0 for none).")
    Integer retries;

    @Option(names = "--fake-outcome", paramLabel = "OUTCOME", converter = Converters.FakeOutcomeConverter.class, defaultValue = "image",
            description = "With the fake transport, what it answers, to try a script offline: ${COMPLETION-CANDIDATES}.")
    FakeOutcome fakeOutcome;

    private final CliContext context;

    ImageCommand(CliContext context) {
        this.context = context;
    }

    /** The input images of this command, checked by the domain. */
    abstract List<ImageInput> inputImages();

    /** Checks what this command requires beyond picocli's required options. */
    abstract void checkUsage(Conversation conversation);

    @Override
    public Integer call() {
        Report report = new Report(spec.name(), context.out(), context.err(), json);
        try {
            return run(report).code();
        } catch (UsageException e) {
            return report.usage(e.getMessage()).code();
        } catch (FileProblem e) {
            return report.fileProblem(e).code();
        } catch (ImageGenerationException e) {
            return report.failure(e).code();
        } catch (RuntimeException e) {
            return report.internalError(e).code();
        }
    }

    private ExitCode run(Report report) {
        if (count < 1 || count > MAX_COUNT) {
            throw new UsageException("--count must be 1 to " + MAX_COUNT + "; got " + count);
        }
        if (count > 1 && session != null) {
            throw new UsageException("--count above 1 cannot be combined with --session: a conversation continues from one image");
        }
        TransportSettings settings = settings();
        report.transport(settings.transport());
        Optional<SessionStore> store = Optional.ofNullable(session).map(SessionStore::new);
        Conversation conversation = store.map(SessionStore::load).orElse(Conversation.empty());
        checkUsage(conversation);

        GenerationRequest.Builder builder = requestBuilder();
        GenerationRequest first = conversation.request(builder);
        ModelFamily family = first.model().family();
        OutputFiles outputs = OutputFiles.of(Path.of(out), out, count, force);
        outputs.check(family == ModelFamily.UNKNOWN ? MediaType.PNG : family.outputType());

        try (Progress progress = new Progress(context.err(), context.interactive());
                ImageGenerationPort port = context.portFactory().open(withObserver(settings, progress))) {
            for (int i = 0; i < count; i++) {
                GenerationRequest request = i == 0 ? first : conversation.request(requestBuilder());
                progress.start((count > 1 ? "image " + (i + 1) + " of " + count + ": " : "")
                        + "generating with " + request.model().id() + " over " + settings.transport());
                GenerationResult result;
                try {
                    result = port.generate(request);
                } finally {
                    progress.stop();
                }
                if (store.isPresent()) {
                    conversation = conversation.then(request, result);
                    store.get().save(conversation);
                    report.session(store.get().file(), conversation.turns().size());
                }
                Outcome outcome = result.outcome();
                if (outcome != Outcome.IMAGE) {
                    report.result(result, Optional.empty());
                    return report.noImage(result);
                }
                GeneratedImage image = result.finalImage().orElseThrow();
                Path written = outputs.write(image, i);
                report.result(result, Optional.of(new Report.Written(written, image)));
            }
        }
        return report.success();
    }

    private GenerationRequest.Builder requestBuilder() {
        GenerationRequest.Builder builder = GenerationRequest.builder().model(ImageModel.of(model)).prompt(prompt);
        if (aspectRatio != null) {
            builder.aspectRatio(AspectRatio.parse(aspectRatio));
        }
        if (imageSize != null) {
            builder.imageSize(ImageSize.parse(imageSize));
        }
        builder.images(inputImages());
        return builder;
    }

    private TransportSettings settings() {
        Optional<String> key = Optional.ofNullable(context.environment().get(KEY_VARIABLE)).filter(k -> !k.isBlank());
        Transport chosen = transport;
        if (chosen == null) {
            chosen = key.isPresent() ? Transport.JDK : Transport.FAKE;
            if (key.isEmpty()) {
                context.err().println("gemini-image: " + KEY_VARIABLE + " is not set, so the offline fake transport answers "
                        + "with drawn test images (set the key, or pass --transport fake to silence this)");
            }
        }
        if (chosen != Transport.FAKE && key.isEmpty()) {
            throw new UsageException(KEY_VARIABLE + " is not set: the " + chosen + " transport needs your key; "
                    + "export " + KEY_VARIABLE + "=... (or use --transport fake to work offline)");
        }
        Optional<ApiKey> apiKey;
        try {
            apiKey = chosen == Transport.FAKE ? Optional.empty() : key.map(ApiKey::of);
        } catch (IllegalArgumentException e) {
            throw new UsageException(KEY_VARIABLE + " is not a usable key: " + e.getMessage());
        }
        HttpOptions.Builder options = HttpOptions.builder();
        if (baseUrl != null) {
            options.baseUri(baseUrl);
        }
        if (auth != null) {
            options.authScheme(auth);
        }
        if (timeout != null) {
            options.overallDeadline(timeout);
        }
        if (retries != null) {
            if (retries < 0) {
                throw new UsageException("--retries must be 0 or more; got " + retries);
            }
            options.retryPolicy(RetryPolicy.defaults().withMaxAttempts(retries + 1));
        }
        try {
            return new TransportSettings(chosen, apiKey, options.build(), fakeOutcome);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static TransportSettings withObserver(TransportSettings settings, Progress progress) {
        HttpOptions options = settings.httpOptions().toBuilder().observer(progress).build();
        return new TransportSettings(settings.transport(), settings.apiKey(), options, settings.fakeOutcome());
    }

    /** The images named on the command line, in order, each checked when read. */
    static List<ImageInput> files(List<Path> paths) {
        List<ImageInput> images = new ArrayList<>();
        for (Path path : paths) {
            images.add(ImageInput.ofFile(path));
        }
        return images;
    }
}
