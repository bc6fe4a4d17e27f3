package io.github.geminiimage.emulator.internal;

import io.github.geminiimage.adapter.fake.FakeImageGeneration;
import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.emulator.EmulatorOutcome;
import io.github.geminiimage.emulator.EmulatorRule;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The emulator's standing rules ({@link EmulatorRule}): which rule answers a call, a fake per rule
 * whose default answer is the rule's outcome (so a matching call gets the fake's validation, usage
 * and errors exactly as a queued outcome would), and the wire behaviour a rule adds (dribbled
 * bodies, discarded request bodies).
 */
public final class Rules implements AutoCloseable {

    /** How many distinct prompts a first-attempt rule remembers; older ones are forgotten so memory stays flat. */
    static final int SEEN_LIMIT = 100_000;
    private static final int DRIBBLE_PIECES = 4;

    /** A rule in force, with the fake that answers its calls. */
    public static final class Active {
        private final EmulatorRule rule;
        private final FakeImageGeneration fake;
        private final Map<String, Boolean> seen = new LinkedHashMap<>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > SEEN_LIMIT;
            }
        };
        private final Map<String, byte[]> prepared = new ConcurrentHashMap<>();

        Active(EmulatorRule rule) {
            this.rule = rule;
            this.fake = FakeImageGeneration.builder().recordRequests(false)
                    .defaultResponse(Outcomes.response(rule.outcome())).build();
        }

        /** The rule. */
        public EmulatorRule rule() {
            return rule;
        }

        /** The fake that answers this rule's calls. */
        public FakeImageGeneration fake() {
            return fake;
        }

        private boolean matches(Optional<String> prompt) {
            if (rule.promptContains().isPresent()
                    && !prompt.filter(p -> p.contains(rule.promptContains().get())).isPresent()) {
                return false;
            }
            if (!rule.firstAttemptOnly()) {
                return true;
            }
            synchronized (seen) {
                return seen.put(prompt.orElse(""), Boolean.TRUE) == null;
            }
        }

        /**
         * The body of this {@code discardBody} rule's reply for {@code model}, made once: the rule's
         * image for a stand-in request, as the fake answers it.
         *
         * @throws ApiError the fake's refusal of the model (e.g. 404 for an unknown one)
         */
        byte[] prepared(String model, boolean vertex) {
            return prepared.computeIfAbsent(model + (vertex ? "@vertex" : ""), key -> {
                try {
                    GenerationResult result = fake.generate(GenerationRequest.builder().model(model)
                            .prompt("(request body not decoded)").build());
                    return GenerateWire.replyBytes(result, vertex ? Optional.of(Instant.now()) : Optional.empty());
                } catch (ImageGenerationException e) {
                    throw Outcomes.error(e, model);
                } catch (IllegalArgumentException e) {
                    throw ApiError.invalidArgument(e.getMessage());
                }
            });
        }
    }

    private final List<Active> rules = new CopyOnWriteArrayList<>();

    /** Adds rules after those in force. */
    public void add(List<EmulatorRule> more) {
        more.forEach(rule -> rules.add(new Active(rule)));
    }

    /** The rule that takes every {@code generateContent} call before its body is decoded, if one is in force. */
    public Optional<Active> discardingBody() {
        return rules.stream().filter(a -> a.rule.discardBody()).findFirst();
    }

    /** The first rule that matches a decoded call with this prompt (a first-attempt rule remembers the prompt). */
    public Optional<Active> match(Optional<String> prompt) {
        for (Active active : rules) {
            if (!active.rule.discardBody() && active.matches(prompt)) {
                return Optional.of(active);
            }
        }
        return Optional.empty();
    }

    /** Drops every rule. */
    public void clear() {
        List<Active> old = List.copyOf(rules);
        rules.clear();
        old.forEach(a -> a.fake.close());
    }

    @Override
    public void close() {
        clear();
    }

    /**
     * Writes {@code body} in four pieces, flushing each, each after {@code pause}.
     *
     * @throws IOException if the client went away
     */
    static void dribble(OutputStream out, byte[] body, Duration pause) throws IOException {
        int piece = (body.length + DRIBBLE_PIECES - 1) / DRIBBLE_PIECES;
        for (int off = 0; off < body.length; off += piece) {
            try {
                TimeUnit.NANOSECONDS.sleep(pause.toNanos());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while dribbling a reply", e);
            }
            out.write(body, off, Math.min(piece, body.length - off));
            out.flush();
        }
    }

    /** A PNG of exactly {@code size} bytes: the signature and an IHDR chunk saying 1024 x 1024, then noise. */
    static byte[] png(int size) {
        byte[] bytes = new byte[size];
        new SplittableRandom(size).nextBytes(bytes);
        byte[] head = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n',
            0, 0, 0, 13, 'I', 'H', 'D', 'R', 0, 0, 4, 0, 0, 0, 4, 0, 8, 2, 0, 0, 0};
        System.arraycopy(head, 0, bytes, 0, head.length);
        return bytes;
    }

    /**
     * Reads {@code {"rules": [{"outcome": "server-error", "promptContains": "s503once", "firstAttemptOnly": true},
     * {"outcome": "image", "imageBytes": 8000, "dribble": "10ms"}]}}: each rule's outcome in the object
     * form of {@code /emulator/v1/outcomes}, plus the rule's own members.
     */
    static List<EmulatorRule> parse(ControlJson.RulesBody body) {
        List<Object> items = Optional.ofNullable(body.rules()).orElse(List.of());
        if (items.isEmpty()) {
            throw ApiError.invalidArgument("rules: expected a non-empty array of rules, e.g. {\"rules\": [{\"outcome\": "
                    + "\"server-error\", \"promptContains\": \"fail me\", \"firstAttemptOnly\": true}]}");
        }
        List<EmulatorRule> rules = new ArrayList<>();
        try {
            for (Object item : items) {
                if (!(item instanceof Map<?, ?> object)) {
                    throw ApiError.invalidArgument("rules: " + ControlJson.show(item) + " is not an object with an \"outcome\"");
                }
                ControlJson.RuleItem rule = ControlJson.bind(object, ControlJson.RuleItem.class, "rules");
                EmulatorOutcome outcome = EmulatorServer.outcomeObject(new ControlJson.OutcomeItem(rule.outcome(),
                        rule.retryAfter(), rule.delay(), rule.imageBytes()), "rules");
                Duration dribble = Optional.ofNullable(rule.dribble()).map(d -> Durations.parse("dribble", d))
                        .orElse(Duration.ZERO);
                rules.add(new EmulatorRule(Optional.ofNullable(rule.promptContains()), outcome,
                        Boolean.TRUE.equals(rule.firstAttemptOnly()), dribble, Boolean.TRUE.equals(rule.discardBody())));
            }
        } catch (IllegalArgumentException e) {
            throw ApiError.invalidArgument(e.getMessage());
        }
        return rules;
    }
}
