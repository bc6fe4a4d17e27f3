package io.github.geminiimage.wire;

import io.github.geminiimage.domain.Conversation;
import io.github.geminiimage.domain.error.InvalidRequestException;
import io.github.geminiimage.wire.internal.codec.ConversationWire;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Saves a multi-turn {@link Conversation} to a stream and reads it back, e.g. to keep an editing
 * session in a file between runs of a program. The document is JSON, {@code {"contents":[...]}},
 * in the same shape as a request's contents: user turns with their text and images, model turns
 * with every part verbatim (thought flags, thought signatures, images), so a conversation read back
 * replays byte for byte. Images are embedded as base64; user images come back as in-memory
 * {@link io.github.geminiimage.domain.ImageInput}s. Stateless and thread-safe.
 */
public final class ConversationCodec {

    private ConversationCodec() {
    }

    /**
     * Writes {@code conversation} as JSON to {@code out}, streaming the images (an image given as a
     * file is read chunk by chunk). Does not close {@code out}.
     *
     * @throws InvalidRequestException if a text has a lone surrogate (not encodable as UTF-8) or a
     *     part kept as raw JSON is not a JSON object
     * @throws IOException if writing fails, or an image file changed size since it was checked
     */
    public static void write(Conversation conversation, OutputStream out) throws IOException {
        ConversationWire.write(conversation, out);
    }

    /**
     * Reads a conversation written by {@link #write}. Reads {@code in} to its end; does not close it.
     *
     * @throws IOException if reading fails, or the document is not a conversation (not JSON,
     *     truncated, invalid base64, an unknown role, larger than 1 GiB); the message says where
     */
    public static Conversation read(InputStream in) throws IOException {
        return ConversationWire.read(in);
    }
}
