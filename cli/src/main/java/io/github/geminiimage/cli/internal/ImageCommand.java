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
import io.github.geminiimage.domain.InvalidRequestException;
import io.github.geminiimage.domain.MediaType;
import io.github.geminiimage.domain.ModelFamily;
import io.github.geminiimage.domain.Outcome;
import io.github.geminiimage.http.ApiKey;
import io.github.geminiimage.http.AuthScheme;
import io.github.geminiimage.http.Endpoint;
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
import picocli.CommandLine.Mixin;
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
            description = {"Output aspect ratio. Default: the input image's, else 1:1. One of:",
                "  1:1 2:3 3:2 3:4 4:3 4:5 5:4 9:16 16:9 21:9", "  and on 3.1 Flash Image also 1:4 4:1 1:8 8:1"})
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

    @Option(names = "--base-url", paramLabel = "URL",
            description = "The server root of the endpoint, or of a proxy mirroring it (scheme, host, port and any "
                    + "proxy prefix), without /v1beta: calls go to URL/v1beta/models/MODEL:generateContent. "
                    + "Default: https://generativelanguage.googleapis.com. Needs a real transport and the key. "
                    + "With --vertex-project: the root mirroring Vertex AI, without /v1.")
    URI baseUrl;

    @Mixin
    VertexFlags vertex = new VertexFlags();

    @Option(names = "--auth", paramLabel = "SCHEME", converter = Converters.AuthConverter.class,
            description = "How the key is sent: google (x-goog-api-key, default), bearer (Authorization: Bearer), raw (Authorization).")
    AuthScheme auth;

    @Option(names = "--timeout", paramLabel = "DURATION", converter = Converters.DurationConverter.class,
            description = "The most time for a call, retries included, with a unit: 90s, 5m, 1m30s, 500ms (default 10m).")
    Duration timeout;

    @Option(names = "--retries", paramLabel = "N", description = "Retries after a 408, 429, 5xx or connection failure (default 2; 0 for none).")
    Integer retries;

    @Option(names = "--fake-outcome", paramLabel = "OUTCOME", converter = Converters.FakeOutcomeConverter.class,
            description = "Uses the offline fake and makes it answer OUTCOME, to try a script offline (default image): "
                    + "${COMPLETION-CANDIDATES}.")
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
        report.expect(count, model);
        report.customBase(baseUrl != null);
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
        store.ifPresent(SessionStore::checkWritable);

        GenerationRequest.Builder builder = requestBuilder();
        GenerationRequest first = conversation.request(builder);
        ModelFamily family = first.model().family();
        OutputFiles outputs = OutputFiles.of(Path.of(out), out, count, force);
        outputs.check(family == ModelFamily.UNKNOWN ? MediaType.PNG : family.outputType());

        try (Progress progress = new Progress(context.err(), context.interactive(), terminalColumns());
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
                Outcome outcome = result.outcome();
                if (outcome != Outcome.IMAGE) {
                    conversation = saveSession(store, conversation, request, result, report);
                    report.result(result, Optional.empty());
                    return report.noImage(result);
                }
                // The paid image first: a session file that cannot be written must not cost the image.
                GeneratedImage image = result.finalImage().orElseThrow();
                Path written = outputs.write(image, i);
                report.result(result, Optional.of(new Report.Written(written, image)));
                conversation = saveSession(store, conversation, request, result, report);
            }
        }
        return report.success();
    }

    private static Conversation saveSession(Optional<SessionStore> store, Conversation conversation, GenerationRequest request,
            GenerationResult result, Report report) {
        if (store.isEmpty()) {
            return conversation;
        }
        Conversation longer = conversation.then(request, result);
        store.get().save(longer);
        report.session(store.get().file(), longer.turns().size());
        return longer;
    }

    private GenerationRequest.Builder requestBuilder() {
        ImageModel imageModel = ImageModel.of(model);
        GenerationRequest.Builder builder = GenerationRequest.builder().model(imageModel).prompt(prompt);
        if (aspectRatio != null) {
            builder.aspectRatio(parseRatio(imageModel));
        }
        if (imageSize != null) {
            builder.imageSize(ImageSize.parse(imageSize));
        }
        builder.images(inputImages());
        return builder;
    }

    /**
     * The ratio as {@code --aspect-ratio} gives it; an unknown one is refused naming the model and
     * only its ratios, in the same words as the domain's refusal of a ratio the model lacks.
     */
    private AspectRatio parseRatio(ImageModel imageModel) {
        try {
            return AspectRatio.parse(aspectRatio);
        } catch (InvalidRequestException e) {
            ModelFamily family = imageModel.family();
            throw new InvalidRequestException("aspectRatio", aspectRatio, "one of "
                    + family.aspectRatios().stream().sorted().map(AspectRatio::value).toList() + " for "
                    + (family == ModelFamily.UNKNOWN ? "model " : "") + imageModel.id());
        }
    }

    /**
     * Picks the transport. Options only a real endpoint uses ({@code --base-url}, {@code --auth})
     * ask for one; {@code --fake-outcome} asks for the fake; asking for both, or naming a transport
     * that contradicts one of them, is a usage error, so that neither a fake picture nor a paid call
     * is ever made against what the command line says.
     */
    private Transport chooseTransport(Optional<String> key) {
        List<String> realOnly = new ArrayList<>();
        if (baseUrl != null) {
            realOnly.add("--base-url");
        }
        if (auth != null) {
            realOnly.add("--auth");
        }
        if (vertex.selected()) {
            realOnly.add(vertex.project != null ? "--vertex-project" : "--vertex-location");
        }
        if (transport == Transport.FAKE && !realOnly.isEmpty()) {
            throw new UsageException(realOnly.get(0) + " is for a real endpoint and the fake transport makes no call; "
                    + "drop " + realOnly.get(0) + ", or choose --transport jdk or httpclient5");
        }
        if (transport != null && transport != Transport.FAKE && fakeOutcome != null) {
            throw new UsageException("--fake-outcome is for the offline fake, but --transport " + transport
                    + " makes a real call; drop --fake-outcome, or use --transport fake");
        }
        if (transport == null && fakeOutcome != null && !realOnly.isEmpty()) {
            throw new UsageException("--fake-outcome asks for the offline fake, but " + realOnly.get(0)
                    + " asks for a real endpoint; drop one of them");
        }
        if (transport != null) {
            return transport;
        }
        if (fakeOutcome != null) {
            return Transport.FAKE;
        }
        if (!realOnly.isEmpty() || key.isPresent()) {
            return Transport.JDK;
        }
        context.err().println("gemini-image: " + KEY_VARIABLE + " is not set, so the offline fake transport answers "
                + "with drawn test images (set the key, or pass --transport fake to silence this)");
        return Transport.FAKE;
    }

    /** A base that already ends in the API version would double it (.../v1beta/v1beta/models/...). */
    private void checkBaseUrl() {
        if (baseUrl == null) {
            return;
        }
        if (vertex.selected()) {
            VertexFlags.checkBaseUrl(baseUrl);
            return;
        }
        String path = Optional.ofNullable(baseUrl.getPath()).orElse("");
        String trimmed = path.replaceAll("/+$", "");
        int version = trimmed.indexOf("/v1beta");
        if (version >= 0 && (trimmed.endsWith("/v1beta") || trimmed.startsWith("/models", version + "/v1beta".length()))) {
            String root = baseUrl.toString();
            root = root.substring(0, root.indexOf("/v1beta"));
            throw new UsageException("--base-url " + baseUrl + " includes /v1beta, which is added to it (calls go to "
                    + "URL/v1beta/models/MODEL:generateContent); pass --base-url " + root);
        }
    }

    private TransportSettings settings() {
        Optional<String> key = Optional.ofNullable(context.environment().get(KEY_VARIABLE)).filter(k -> !k.isBlank());
        checkBaseUrl();
        Transport chosen = chooseTransport(key);
        Optional<Endpoint> vertexEndpoint = vertex.selected() && chosen != Transport.FAKE
                ? Optional.of(vertex.endpoint(key.isPresent(), auth != null, context.err())) : Optional.empty();
        boolean adc = vertexEndpoint.map(Endpoint::usesAccessTokens).orElse(false);
        if (chosen != Transport.FAKE && key.isEmpty() && !adc) {
            String why = transport == null ? " (chosen because " + (baseUrl != null ? "--base-url" : "--auth")
                    + " asks for a real endpoint)" : "";
            throw new UsageException(KEY_VARIABLE + " is not set: the " + chosen + " transport" + why + " needs your key; "
                    + "export " + KEY_VARIABLE + "=... (or use --transport fake to work offline)");
        }
        Optional<ApiKey> apiKey;
        try {
            apiKey = chosen == Transport.FAKE ? Optional.empty() : key.map(ApiKey::of);
        } catch (IllegalArgumentException e) {
            throw new UsageException(KEY_VARIABLE + " is not a usable key: " + e.getMessage());
        }
        HttpOptions.Builder options = HttpOptions.builder();
        vertexEndpoint.ifPresent(options::endpoint);
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
            return new TransportSettings(chosen, apiKey, options.build(), fakeOutcome == null ? FakeOutcome.IMAGE : fakeOutcome,
                    adc);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private static TransportSettings withObserver(TransportSettings settings, Progress progress) {
        HttpOptions options = settings.httpOptions().toBuilder().observer(progress).build();
        return new TransportSettings(settings.transport(), settings.apiKey(), options, settings.fakeOutcome(),
                settings.applicationDefaultCredentials());
    }

    /** The terminal's width from {@code COLUMNS} when the shell exports it, else the common 80. */
    private int terminalColumns() {
        try {
            int columns = Integer.parseInt(context.environment().getOrDefault("COLUMNS", "80").trim());
            return columns >= 20 ? columns : 80;
        } catch (NumberFormatException e) {
            return 80;
        }
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
