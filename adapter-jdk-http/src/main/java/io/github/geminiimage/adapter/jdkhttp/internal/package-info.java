/**
 * Implementation details of the JDK HttpClient transport: the streaming request-body publisher, the
 * reply-body stream with its inactivity and deadline checks, the response wrapper and the named
 * thread pools. Not API. Depends only on the JDK ({@code java.net.http}) and the http module's
 * transport SPI; never on another adapter.
 */
package io.github.geminiimage.adapter.jdkhttp.internal;
