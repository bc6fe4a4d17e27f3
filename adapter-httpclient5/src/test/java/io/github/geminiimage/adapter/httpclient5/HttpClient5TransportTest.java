package io.github.geminiimage.adapter.httpclient5;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.http.HttpRequest;
import io.github.geminiimage.http.HttpResponse;
import io.github.geminiimage.http.TransportSettings;
import io.github.geminiimage.tck.PatternBody;
import io.github.geminiimage.tck.RawHttpServer;
import io.github.geminiimage.tck.TckSecrets;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.core5.http.Header;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** What only the HttpClient 5 transport does: lent clients, and headers marked sensitive. The shared contract runs in the *SpiTest. */
@Timeout(60)
class HttpClient5TransportTest {

    private static HttpRequest request(String method, RawHttpServer server, String path) {
        return new HttpRequest(method, server.baseUri().resolve(path),
                List.of(Map.entry("X-Secret-Token", TckSecrets.SENTINEL_KEY), Map.entry("User-Agent", "tck")),
                Set.of("x-secret-token"), method.equals("GET") ? Optional.empty() : Optional.of(new PatternBody(10)),
                Instant.now().plusSeconds(30));
    }

    private static int statusOf(HttpClient5Transport transport, HttpRequest request) throws IOException {
        try (HttpResponse response = transport.send(request)) {
            response.body().readAllBytes();
            return response.statusCode();
        }
    }

    private static RawHttpServer serverAnswering(int status, String extraHeader) throws IOException {
        return RawHttpServer.start(c -> {
            while (c.readRequest().isPresent()) {
                c.write("HTTP/1.1 " + status + " X\r\n" + extraHeader + "\r\nContent-Length: 2\r\n\r\n{}");
            }
        });
    }

    @Test
    void theHeadLimitsAreTheTransportsOwnNotHttpCoresDefaults() throws Exception {
        // HttpCore 5.4 stops at 100 headers, 5.3 and older never: the transport sets its own limit.
        String headers = "X-Filler: 0123456789abcdef\r\n".repeat(HttpClient5Transport.MAX_HEADER_COUNT - 10);
        try (RawHttpServer server = serverAnswering(200, headers.strip());
                HttpClient5Transport transport = HttpClient5Transport.create(TransportSettings.DEFAULTS)) {
            assertThat(statusOf(transport, request("GET", server, "/many-headers"))).isEqualTo(200);
        }
        try (RawHttpServer server = serverAnswering(200, headers + headers.strip());
                HttpClient5Transport transport = HttpClient5Transport.create(TransportSettings.DEFAULTS)) {
            assertThatThrownBy(() -> statusOf(transport, request("GET", server, "/too-many-headers")))
                    .isInstanceOf(IOException.class).hasMessageContaining("header count");
        }
    }

    @Test
    void aLentClientWithHttpClientsDefaultsNeitherRetriesNorFollowsRedirectsNorInflates() throws Exception {
        try (RawHttpServer busy = serverAnswering(503, "Retry-After: 0");
                RawHttpServer moved = serverAnswering(302, "Location: /elsewhere");
                CloseableHttpClient lent = HttpClients.createDefault();
                HttpClient5Transport transport = HttpClient5Transport.using(lent, TransportSettings.DEFAULTS)) {
            assertThat(statusOf(transport, request("POST", busy, "/busy"))).isEqualTo(503);
            assertThat(statusOf(transport, request("POST", moved, "/moved"))).isEqualTo(302);
            assertThat(busy.requests()).hasSize(1);
            assertThat(moved.requests()).hasSize(1);
            assertThat(busy.requests().get(0).header("accept-encoding")).isEmpty();
        }
    }

    @Test
    void aLentClientStaysOpenAndEveryPathReleasesItsPooledConnection() throws Exception {
        PoolingHttpClientConnectionManager pool = new PoolingHttpClientConnectionManager();
        try (RawHttpServer server = serverAnswering(200, "Content-Type: application/json");
                RawHttpServer partial = RawHttpServer.start(c -> {
                    c.readRequest();
                    c.write("HTTP/1.1 200 OK\r\nContent-Length: 1000\r\n\r\nxx");
                    c.awaitPeerClose(10_000);
                });
                CloseableHttpClient lent = HttpClients.custom().setConnectionManager(pool).disableAutomaticRetries().build()) {
            try (HttpClient5Transport first = HttpClient5Transport.using(lent, TransportSettings.DEFAULTS)) {
                assertThat(statusOf(first, request("GET", server, "/a"))).isEqualTo(200);
                try (HttpResponse response = first.send(request("POST", partial, "/partial"))) {
                    assertThat(response.body().read()).isEqualTo('x');
                }
            }
            try (HttpClient5Transport second = HttpClient5Transport.using(lent, TransportSettings.DEFAULTS)) {
                assertThat(statusOf(second, request("DELETE", server, "/b"))).isEqualTo(200);
            }
            assertThat(pool.isClosed()).isFalse();
            assertThat(pool.getTotalStats().getLeased()).isZero();
            assertThat(server.connectionCount()).as("the pooled connection was reused").isEqualTo(1);
        }
    }

    @Test
    void theHeadersTheRequestNamesSensitiveAreMarkedSoForHttpClient() throws Exception {
        List<Header> sent = new CopyOnWriteArrayList<>();
        try (RawHttpServer server = serverAnswering(200, "Content-Type: application/json");
                CloseableHttpClient lent = HttpClients.custom().disableAutomaticRetries()
                        .addRequestInterceptorLast((request, entity, context) -> sent.addAll(List.of(request.getHeaders())))
                        .build();
                HttpClient5Transport transport = HttpClient5Transport.using(lent, TransportSettings.DEFAULTS)) {
            statusOf(transport, request("POST", server, "/x"));
        }
        assertThat(sent).filteredOn(h -> h.getName().equalsIgnoreCase("X-Secret-Token")).singleElement()
                .matches(Header::isSensitive);
        assertThat(sent).filteredOn(h -> h.getName().equalsIgnoreCase("User-Agent")).singleElement()
                .matches(h -> !h.isSensitive());
    }
}
