package io.github.geminiimage.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A multi-turn editing conversation: every earlier user turn and model answer, the model's parts
 * kept verbatim (thought flags, thought signatures, images) so each next request replays them
 * exactly. Immutable: {@link #then} returns a longer conversation.
 *
 * <pre>{@code
 * Conversation chat = Conversation.empty();
 * GenerationRequest first = chat.request(GenerationRequest.builder().prompt("A cat"));
 * chat = chat.then(first, port.generate(first));
 * GenerationRequest second = chat.request(GenerationRequest.builder().prompt("Now in watercolour"));
 * }</pre>
 *
 * @param turns the turns so far, oldest first
 */
public record Conversation(List<Turn> turns) {

    /** Copies the list. */
    public Conversation {
        turns = List.copyOf(turns);
    }

    /** A conversation with no turns yet. */
    public static Conversation empty() {
        return new Conversation(List.of());
    }

    /** Builds the next request: the builder's own prompt and images after every turn so far. */
    public GenerationRequest request(GenerationRequest.Builder next) {
        return next.history(turns).build();
    }

    /**
     * The conversation after {@code request} (which must have been built by {@link #request}) was
     * answered with {@code result}: its user turn and the first candidate's answer are appended.
     * A result without candidates (blocked prompt) adds nothing, so the prompt can be changed and retried.
     */
    public Conversation then(GenerationRequest request, GenerationResult result) {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(result, "result");
        if (result.modelTurn().isEmpty()) {
            return this;
        }
        List<Turn> longer = new ArrayList<>(request.history());
        longer.add(request.userTurn());
        longer.add(result.modelTurn().get());
        return new Conversation(longer);
    }
}
