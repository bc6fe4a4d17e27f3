/**
 * The HTTP transport over the JDK's {@code java.net.http.HttpClient}: {@link
 * io.github.geminiimage.adapter.jdkhttp.JdkHttpTransport} moves bytes, and
 * {@code JdkHttpImageGeneration} builds the image port over it. Depends on the http module's
 * transport SPI and the JDK only; knows no other adapter.
 */
package io.github.geminiimage.adapter.jdkhttp;
