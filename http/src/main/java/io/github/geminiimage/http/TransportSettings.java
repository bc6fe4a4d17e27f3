package io.github.geminiimage.http;

import java.net.ProxySelector;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * What a transport needs to know to move bytes, and nothing of Gemini: how long to wait for a
 * connection, how long a silent connection may stay open, how many connections to keep per host,
 * and which forward proxy to go through. Built by the core from {@link HttpOptions#transportSettings()},
 * or by hand for a transport used on its own.
 *
 * @param connectTimeout the longest wait for a TCP (and TLS) connection
 * @param inactivityTimeout the longest wait for the next byte of a reply, headers or body
 * @param maxConnectionsPerHost the pool's bound per host (the JDK client has no per-host bound and
 *     uses it for its worker threads instead)
 * @param proxySelector the forward proxy for each URI; empty for the JVM's
 *     ({@link ProxySelector#getDefault()}, which reads {@code https.proxyHost}, {@code https.proxyPort},
 *     {@code http.proxyHost}, {@code http.proxyPort} and {@code http.nonProxyHosts} when it selects)
 */
public record TransportSettings(Duration connectTimeout, Duration inactivityTimeout, int maxConnectionsPerHost,
        Optional<ProxySelector> proxySelector) {

    /** The defaults: 30 s to connect, 3 min of silence, 64 connections per host, the JVM's proxy settings. */
    public static final TransportSettings DEFAULTS = new TransportSettings(Duration.ofSeconds(30), Duration.ofMinutes(3), 64);

    /** Checks that both durations are positive and the bound is at least 1. */
    public TransportSettings {
        requirePositive(connectTimeout, "connectTimeout");
        requirePositive(inactivityTimeout, "inactivityTimeout");
        if (maxConnectionsPerHost < 1) {
            throw new IllegalArgumentException("maxConnectionsPerHost must be at least 1, was " + maxConnectionsPerHost);
        }
        Objects.requireNonNull(proxySelector, "proxySelector");
    }

    /** Settings that follow the JVM's proxy settings. */
    public TransportSettings(Duration connectTimeout, Duration inactivityTimeout, int maxConnectionsPerHost) {
        this(connectTimeout, inactivityTimeout, maxConnectionsPerHost, Optional.empty());
    }

    /** These settings with another connect timeout. */
    public TransportSettings withConnectTimeout(Duration timeout) {
        return new TransportSettings(timeout, inactivityTimeout, maxConnectionsPerHost, proxySelector);
    }

    /** These settings with another inactivity timeout. */
    public TransportSettings withInactivityTimeout(Duration timeout) {
        return new TransportSettings(connectTimeout, timeout, maxConnectionsPerHost, proxySelector);
    }

    /** These settings with another per-host connection bound. */
    public TransportSettings withMaxConnectionsPerHost(int max) {
        return new TransportSettings(connectTimeout, inactivityTimeout, max, proxySelector);
    }

    /**
     * These settings with a proxy selector of their own, in place of the JVM's; e.g.
     * {@code ProxySelector.of(null)} for none at all.
     */
    public TransportSettings withProxySelector(ProxySelector selector) {
        return new TransportSettings(connectTimeout, inactivityTimeout, maxConnectionsPerHost,
                Optional.of(Objects.requireNonNull(selector, "selector")));
    }

    private static void requirePositive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
    }
}
