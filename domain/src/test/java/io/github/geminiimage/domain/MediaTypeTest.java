package io.github.geminiimage.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class MediaTypeTest {

    @Test
    void sniffsARealPng() {
        assertThat(MediaType.sniff(TestImages.png(3, 2))).contains(MediaType.PNG);
    }

    @Test
    void sniffsARealJpeg() {
        assertThat(MediaType.sniff(TestImages.jpeg(3, 2))).contains(MediaType.JPEG);
    }

    @Test
    void sniffsEveryWebpFlavour() {
        assertThat(MediaType.sniff(TestImages.webpLossless(5, 7))).contains(MediaType.WEBP);
        assertThat(MediaType.sniff(TestImages.webpExtended(5, 7))).contains(MediaType.WEBP);
        assertThat(MediaType.sniff(TestImages.webpLossy(5, 7))).contains(MediaType.WEBP);
    }

    @Test
    void sniffsHeicBrands() {
        for (String brand : new String[] {"heic", "heix", "hevc", "hevx", "heim", "heis"}) {
            assertThat(MediaType.sniff(TestImages.isoBmff(brand))).as(brand).contains(MediaType.HEIC);
        }
    }

    @Test
    void sniffsHeifBrands() {
        for (String brand : new String[] {"mif1", "msf1", "heif"}) {
            assertThat(MediaType.sniff(TestImages.isoBmff(brand))).as(brand).contains(MediaType.HEIF);
        }
    }

    @Test
    void doesNotRecogniseOtherIsoMediaLikeMp4() {
        assertThat(MediaType.sniff(TestImages.isoBmff("isom"))).isEmpty();
    }

    @Test
    void doesNotRecogniseGifTextOrTooFewBytes() {
        assertThat(MediaType.sniff("GIF89a......".getBytes())).isEmpty();
        assertThat(MediaType.sniff("hello world!".getBytes())).isEmpty();
        assertThat(MediaType.sniff(new byte[] {(byte) 0x89, 'P', 'N'})).isEmpty();
        assertThat(MediaType.sniff(new byte[0])).isEmpty();
    }

    @Test
    void riffWithoutWebpIsNotWebp() {
        byte[] wav = TestImages.webpLossless(1, 1);
        wav[8] = 'W';
        wav[9] = 'A';
        wav[10] = 'V';
        wav[11] = 'E';
        assertThat(MediaType.sniff(wav)).isEmpty();
    }

    @Test
    void sniffHonoursTheGivenLength() {
        byte[] png = TestImages.png(1, 1);
        assertThat(MediaType.sniff(png, 4)).isEmpty();
        assertThat(MediaType.sniff(png, 8)).contains(MediaType.PNG);
    }

    @Test
    void mapsMimeStringsCaseInsensitivelyWithParameters() {
        assertThat(MediaType.fromMimeType("IMAGE/PNG")).contains(MediaType.PNG);
        assertThat(MediaType.fromMimeType("image/jpeg; q=0.9")).contains(MediaType.JPEG);
        assertThat(MediaType.fromMimeType("image/jpg")).contains(MediaType.JPEG);
        assertThat(MediaType.fromMimeType("image/gif")).isEmpty();
        assertThat(MediaType.fromMimeType(null)).isEqualTo(Optional.empty());
    }

    @Test
    void everyTypeHasItsMimeStringAndExtension() {
        assertThat(MediaType.PNG.mimeType()).isEqualTo("image/png");
        assertThat(MediaType.JPEG.mimeType()).isEqualTo("image/jpeg");
        assertThat(MediaType.WEBP.mimeType()).isEqualTo("image/webp");
        assertThat(MediaType.HEIC.mimeType()).isEqualTo("image/heic");
        assertThat(MediaType.HEIF.mimeType()).isEqualTo("image/heif");
        assertThat(MediaType.JPEG.fileExtension()).isEqualTo("jpg");
        assertThat(MediaType.WEBP.fileExtension()).isEqualTo("webp");
    }
}
