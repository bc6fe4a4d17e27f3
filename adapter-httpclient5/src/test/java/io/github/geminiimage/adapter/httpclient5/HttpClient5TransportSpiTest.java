package io.github.geminiimage.adapter.httpclient5;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.TransportSettings;
import io.github.geminiimage.tck.HttpTransportSpiContract;

class HttpClient5TransportSpiTest extends HttpTransportSpiContract {

    @Override
    protected HttpTransport createTransport(TransportSettings settings) {
        return HttpClient5Transport.create(settings);
    }

    @Override
    protected void assertReleased(HttpTransport transport) {
        assertThat(((HttpClient5Transport) transport).activeExchanges()).as("exchanges still open").isZero();
    }
}
