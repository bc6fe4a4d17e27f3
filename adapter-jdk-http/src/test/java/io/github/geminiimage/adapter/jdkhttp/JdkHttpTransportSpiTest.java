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

    /**
     * Java 17's client fails such a reply at its head limit ({@code jdk.http.maxHeaderSize}, 384 KiB
     * by default) with a {@link java.net.ProtocolException}, but leaves the socket open, out of this
     * transport's reach: the limitation the class Javadoc and the README describe.
     */
    @Override
    protected boolean closesTheConnectionOfAnEndlessHead() {
        return false;
    }

    @Override
    protected void assertReleased(HttpTransport transport) {
        assertThat(((JdkHttpTransport) transport).activeExchanges()).as("exchanges still open").isZero();
    }
}
