/**
 * Implementation details of the JDK HttpClient transport: the clock and abort switch of one
 * exchange, the streaming request-body publisher, and the response whose body stream checks the
 * inactivity timeout and the deadline. Not API. Depends only on the JDK ({@code java.net.http}) and
 * the http module's transport SPI; never on another adapter.
 */
package io.github.geminiimage.adapter.jdkhttp.internal;
