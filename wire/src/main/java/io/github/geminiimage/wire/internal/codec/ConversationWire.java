package io.github.geminiimage.wire.internal.codec;

import io.github.geminiimage.domain.Conversation;
import io.github.geminiimage.domain.GeneratedImage;
import io.github.geminiimage.domain.ImageInput;
import io.github.geminiimage.domain.Part;
import io.github.geminiimage.domain.Turn;
import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.domain.error.InvalidRequestException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Writes and reads a conversation as {@code {"contents":[...]}}, the wire shape of a request's
 * contents, with the request encoder and the reply decoder. Stateless and thread-safe.
 */
public final class ConversationWire {

    /** The largest conversation document read: images and signatures of many turns, not unbounded. */
    public static final long MAX_DOCUMENT_BYTES = 1L << 30;

    private ConversationWire() {
    }

    /**
     * Writes {@code conversation} to {@code out} (not closed), images as base64 from their bytes or files.
     *
     * @throws InvalidRequestException if a text has a lone surrogate or a kept part is not JSON
     * @throws IOException if writing fails or an image file changed since it was checked
     */
    public static void write(Conversation conversation, OutputStream out) throws IOException {
        Objects.requireNonNull(conversation, "conversation");
        Objects.requireNonNull(out, "out");
        WireWriter.checkRawParts(conversation.turns(), "turns");
        for (ImageSource image : WireWriter.sources(conversation.turns(), List.of())) {
            image.checkUnchanged();
        }
        JsonOutput o = JsonOutput.writingTo(out);
        WireWriter.conversation(conversation.turns(), o);
        o.flush();
    }

    /**
     * Reads a document written by {@link #write} (or by hand in the same shape).
     *
     * @throws IOException if reading fails or the document is malformed, too large, or holds a
     *     turn this library cannot represent (the message says where)
     */
    public static Conversation read(InputStream in) throws IOException {
        Objects.requireNonNull(in, "in");
        try {
            JsonScanner scanner = new JsonScanner(in, MAX_DOCUMENT_BYTES, OptionalLong.empty(), "conversation document");
            scanner.scan(JsonScanner.CONVERSATION);
            WireMapper mapper = new WireMapper(scanner);
            Wire.Conversation wire = mapper.bind(Wire.Conversation.class, "a conversation");
            List<Turn> turns = new ArrayList<>();
            List<Wire.Content> contents = wire.contents() == null ? List.of() : wire.contents();
            for (int i = 0; i < contents.size(); i++) {
                Wire.Content content = contents.get(i);
                List<Part> parts = mapper.parts(content, i, "content");
                String role = content.role() == null ? "user" : content.role();
                switch (role) {
                    case "model" -> turns.add(new Turn.Model(parts));
                    case "user" -> turns.add(userTurn(parts, i));
                    default -> throw new IOException("malformed conversation document: content " + i
                            + " has the role \"" + shorten(role) + "\", expected user or model");
                }
            }
            return new Conversation(turns);
        } catch (ImageGenerationException e) {
            throw new IOException("malformed conversation document: " + e.getMessage(), e);
        }
    }

    /** A user turn is its text first (at most one) and then its images, as requests are written. */
    private static Turn.User userTurn(List<Part> parts, int index) throws IOException {
        String text = null;
        List<ImageInput> images = new ArrayList<>();
        for (int j = 0; j < parts.size(); j++) {
            Part part = parts.get(j);
            String where = "malformed conversation document: content " + index + ", part " + j + ": ";
            if (part instanceof Part.Text t && !t.thought()) {
                if (text != null || !images.isEmpty()) {
                    throw new IOException(where + "a user turn has one text, before its images");
                }
                text = t.text();
            } else if (part instanceof Part.Image image && !image.thought()) {
                images.add(asInput(image.image(), where));
            } else {
                throw new IOException(where + "a user turn holds only a text and images");
            }
        }
        return new Turn.User(Optional.ofNullable(text), images);
    }

    private static ImageInput asInput(GeneratedImage image, String where) throws IOException {
        try {
            return image.asInput();
        } catch (InvalidRequestException e) {
            throw new IOException(where + e.getMessage(), e);
        }
    }

    private static String shorten(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
