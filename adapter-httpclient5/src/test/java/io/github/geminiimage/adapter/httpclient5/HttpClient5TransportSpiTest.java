package io.github.geminiimage.adapter.httpclient5;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.http.HttpOptions;
import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.tck.HttpTransportSpiContract;

class HttpClient5TransportSpiTest extends HttpTransportSpiContract {

    @Override
    protected HttpTransport createTransport(HttpOptions options) {
        return HttpClient5Transport.create(options);
    }

    @Override
    protected void assertReleased(HttpTransport transport) {
        assertThat(((HttpClient5Transport) transport).activeExchanges()).as("exchanges still open").isZero();
    }
}
