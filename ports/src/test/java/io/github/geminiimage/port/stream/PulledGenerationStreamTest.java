package io.github.geminiimage.port.stream;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.FinishReason;
import io.github.geminiimage.domain.GenerationResult;
import io.github.geminiimage.domain.Usage;
import io.github.geminiimage.domain.stream.StreamEvent;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PulledGenerationStreamTest {

    private static final GenerationResult RESULT = new GenerationResult(List.of(), Optional.empty(), Usage.NONE,
            Optional.of("model-1"), Optional.empty());

    /** Passes on events made elsewhere, one a pull, then ends with {@link #RESULT}. */
    private static final class Relay extends PulledGenerationStream {
        private final Deque<StreamEvent> source;
        int pulls;

        Relay(List<StreamEvent> events) {
            this.source = new ArrayDeque<>(events);
        }

        @Override
        protected void pull() {
            pulls++;
            if (source.isEmpty()) {
                complete(RESULT);
            } else {
                emit(source.removeFirst());
            }
        }

        @Override
        public void close() {
        }
    }

    @Test
    void emittedEventsAreReadAsTheyAreInOrderOnePullEach() {
        StreamEvent usage = new StreamEvent.UsageUpdate(Usage.NONE);
        StreamEvent finished = new StreamEvent.Finished(0, FinishReason.STOP, Optional.empty());
        Relay stream = new Relay(List.of(usage, finished));

        assertThat(stream.events()).containsExactly(usage, finished);
        assertThat(stream.pulls).isEqualTo(3);
        assertThat(stream.result()).isSameAs(RESULT);
        assertThat(stream.chunks()).isZero();
    }

    @Test
    void nothingIsPulledBeforeTheConsumerAsks() {
        Relay stream = new Relay(List.of(new StreamEvent.UsageUpdate(Usage.NONE)));

        var events = stream.iterator();
        assertThat(stream.pulls).isZero();
        assertThat(events.hasNext()).isTrue();
        assertThat(stream.pulls).isEqualTo(1);
    }
}
