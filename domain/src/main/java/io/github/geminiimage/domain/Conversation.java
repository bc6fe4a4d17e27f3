package io.github.geminiimage.domain;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A multi-turn editing conversation: every earlier user turn and model answer, the model's parts
 * kept verbatim (thought flags, thought signatures, images) so each next request replays them
 * exactly. Immutable: {@link #then} returns a longer conversation, and {@link #request} makes the
 * next request from it.
 *
 * @param turns the turns so far, oldest first
 */
public record Conversation(List<Turn> turns) {

    /**
     * Copies the list, dropping every turn without parts together with the turn it answered or
     * that answered it: the server refuses an empty turn with a 400, so a session saved by an older
     * version (a model turn {@code "parts": []} after {@code NO_IMAGE}) still continues.
     */
    public Conversation {
        turns = withoutEmptyTurns(List.copyOf(turns));
    }

    /** A conversation with no turns yet. */
    public static Conversation empty() {
        return new Conversation(List.of());
    }

    /** Builds the next request: the builder's own prompt and images after every turn so far. */
    public GenerationRequest request(GenerationRequest.Builder next) {
        return next.history(turns).build();
    }

    private static List<Turn> withoutEmptyTurns(List<Turn> turns) {
        if (turns.stream().noneMatch(Conversation::isEmpty)) {
            return turns;
        }
        List<Turn> kept = new ArrayList<>();
        for (Turn turn : turns) {
            if (!isEmpty(turn)) {
                kept.add(turn);
            } else if (turn instanceof Turn.Model && !kept.isEmpty() && kept.get(kept.size() - 1) instanceof Turn.User) {
                // The question without its answer: retried, it is asked again anyway.
                kept.remove(kept.size() - 1);
            }
        }
        return List.copyOf(kept);
    }

    private static boolean isEmpty(Turn turn) {
        return turn instanceof Turn.User user ? user.text().isEmpty() && user.images().isEmpty()
                : ((Turn.Model) turn).parts().isEmpty();
    }

    /**
     * The conversation after {@code request} (which must have been built by {@link #request}) was
     * answered with {@code result}: its user turn and the first candidate's answer are appended.
     * A result without candidates (blocked prompt) or whose answer has no parts ({@code NO_IMAGE})
     * adds nothing, so the prompt can be changed and retried, and no empty turn is ever replayed.
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
