package io.github.geminiimage.cli.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The one humanizer: durations and sizes in a library message as the rest of the command line writes them. */
class MessagesTest {

    @Test
    void durationsOfEveryShapeReadAsDurationsFormatWritesThem() {
        assertThat(Messages.humanize("HTTP 429 (retry after 2.500s; per-minute quota)")).isEqualTo("HTTP 429 (retry after 2.5 s; per-minute quota)");
        assertThat(Messages.humanize("retry after 3s")).isEqualTo("retry after 3 s");
        assertThat(Messages.humanize("still RUNNING after waiting PT20S (3 polls)")).isEqualTo("still RUNNING after waiting 20 s (3 polls)");
    }

    @Test
    void byteCountsOfAKibibyteOrMoreReadAsByteSizesWritesThem() {
        assertThat(Messages.humanize("the reply is larger than the cap of 67108864 bytes"))
                .isEqualTo("the reply is larger than the cap of 64 MB");
        assertThat(Messages.humanize("about 20971521 bytes sent inline")).isEqualTo("about 20 MB sent inline");
        assertThat(Messages.humanize("a 512 bytes header")).isEqualTo("a 512 bytes header");
        assertThat(ByteSizes.human(1536)).isEqualTo("1.5 KB");
        assertThat(ByteSizes.human(3L * 1024 * 1024 * 1024)).isEqualTo("3 GB");
    }

    @Test
    void oneLineJoinsTheLinesAndHumanizesKeepingTheRest() {
        assertThat(Messages.oneLine("first\nsecond within PT2S")).isEqualTo("first second within 2 s");
        assertThat(Messages.humanize("line 1\nline 2")).isEqualTo("line 1\nline 2");
    }
}
