package io.github.geminiimage.adapter.jdkhttp;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.http.HttpTransport;
import io.github.geminiimage.http.TransportSettings;
import io.github.geminiimage.tck.HttpTransportSpiContract;

class JdkHttpTransportSpiTest extends HttpTransportSpiContract {

    @Override
    protected HttpTransport createTransport(TransportSettings settings) {
        return JdkHttpTransport.create(settings);
    }

    @Override
    protected void assertReleased(HttpTransport transport) {
        assertThat(((JdkHttpTransport) transport).activeExchanges()).as("exchanges still open").isZero();
    }
}
