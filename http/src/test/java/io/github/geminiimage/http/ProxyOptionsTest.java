package io.github.geminiimage.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The forward-proxy options and what they hand the transports; the calls through a proxy are in the port-tck wiring contract. */
class ProxyOptionsTest {

    @Test
    void withoutAProxyTheTransportsFollowTheJvm() {
        assertThat(HttpOptions.defaults().proxySelector()).isEmpty();
        assertThat(HttpOptions.defaults().transportSettings().proxySelector()).isEmpty();
        assertThat(HttpOptions.defaults().toString()).contains("proxy=(JVM settings)");
    }

    @Test
    void anExplicitProxyIsTheSelectorForEveryUriAndSurvivesToBuilder() {
        HttpOptions options = HttpOptions.builder().proxy(URI.create("http://proxy.corp.example:3128")).build();
        ProxySelector selector = options.transportSettings().proxySelector().orElseThrow();

        List<Proxy> chosen = selector.select(URI.create("https://generativelanguage.googleapis.com/v1beta/models"));
        assertThat(chosen).hasSize(1);
        assertThat(chosen.get(0).type()).isEqualTo(Proxy.Type.HTTP);
        InetSocketAddress address = (InetSocketAddress) chosen.get(0).address();
        assertThat(address.getHostString()).isEqualTo("proxy.corp.example");
        assertThat(address.getPort()).isEqualTo(3128);
        assertThat(address.isUnresolved()).as("resolved when connecting, not when configured").isTrue();
        assertThat(options.toBuilder().build().proxy()).contains(URI.create("http://proxy.corp.example:3128"));
        assertThat(options.toString()).contains("proxy=http://proxy.corp.example:3128");
    }

    @Test
    void aSelectorReplacesAProxySetBefore() {
        ProxySelector none = ProxySelector.of(null);
        HttpOptions options = HttpOptions.builder().proxy(URI.create("http://proxy.corp.example:3128"))
                .proxySelector(none).build();
        assertThat(options.proxy()).isEmpty();
        assertThat(options.transportSettings().proxySelector()).containsSame(none);
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://proxy.example:3128", "http://proxy.example", "http://proxy.example:3128/path",
        "socks5://proxy.example:1080"})
    void aProxyThatIsNotHttpHostAndPortIsRefusedNamingIt(String proxy) {
        assertThatThrownBy(() -> HttpOptions.builder().proxy(URI.create(proxy)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("proxy " + proxy + " must be http://host:port");
    }

    @Test
    void aPasswordInARefusedProxyStaysOutOfTheMessage() {
        assertThatThrownBy(() -> HttpOptions.builder().proxy(URI.create("http://user:s3cret@proxy.example:3128")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("proxy http://***@proxy.example:3128 must be http://host:port")
                .hasMessageNotContaining("s3cret");
    }
}
