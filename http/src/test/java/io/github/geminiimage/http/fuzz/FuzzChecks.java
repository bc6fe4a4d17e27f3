package io.github.geminiimage.http.fuzz;

import io.github.geminiimage.domain.error.ImageGenerationException;
import io.github.geminiimage.http.internal.error.Redactor;

/** What every typed failure a target sees must satisfy. */
final class FuzzChecks {

    /** The key the error-mapping target redacts (host-name characters only, so it can be echoed anywhere, a redirect host included); seeds and the dictionary echo it back. */
    static final String KEY = "Sentinel-Key-7f3a9c";

    private FuzzChecks() {
    }

    /** A message, an attempt count, an excerpt of bounded length: what a caller is promised. */
    static void requireWellFormed(ImageGenerationException e) {
        if (e.getMessage() == null || e.getMessage().isBlank()) {
            throw new AssertionError("an exception without a message: " + e.getClass().getName(), e);
        }
        if (e.attempts() < 0) {
            throw new AssertionError("a negative attempt count: " + e.attempts(), e);
        }
        e.details().bodyExcerpt().ifPresent(excerpt -> {
            if (excerpt.length() > Redactor.MAX_EXCERPT_CHARS) {
                throw new AssertionError("an excerpt of " + excerpt.length() + " characters", e);
            }
        });
    }

    /** Neither the key nor its URL-encoded form shows anywhere a caller or a log could see. */
    static void requireNoKey(ImageGenerationException e) {
        String encoded = java.net.URLEncoder.encode(KEY, java.nio.charset.StandardCharsets.UTF_8);
        StringBuilder seen = new StringBuilder();
        seen.append(e.getMessage()).append('\n').append(e).append('\n');
        e.details().serverStatus().ifPresent(s -> seen.append(s).append('\n'));
        e.details().serverMessage().ifPresent(s -> seen.append(s).append('\n'));
        e.details().bodyExcerpt().ifPresent(s -> seen.append(s).append('\n'));
        seen.append(e.details());
        String text = seen.toString();
        if (text.contains(KEY) || text.contains(encoded)) {
            throw new AssertionError("the key leaked into " + e.getClass().getSimpleName());
        }
    }
}
