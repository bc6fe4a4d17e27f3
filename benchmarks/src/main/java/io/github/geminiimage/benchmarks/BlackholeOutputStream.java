package io.github.geminiimage.benchmarks;

import java.io.OutputStream;
import org.openjdk.jmh.infra.Blackhole;

/** An output stream that hands what it is given to the current {@link Blackhole}, so no write can be optimised away. */
final class BlackholeOutputStream extends OutputStream {

    /** The invocation's blackhole, set by the benchmark method before it writes. */
    Blackhole blackhole;

    @Override
    public void write(int b) {
        blackhole.consume(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
        blackhole.consume(b);
        blackhole.consume(len);
    }
}
