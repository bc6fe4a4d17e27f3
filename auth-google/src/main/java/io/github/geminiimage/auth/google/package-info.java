/**
 * Optional: Google's auth library ({@code com.google.auth}) adapted to the http module's token SPI,
 * so that Vertex AI calls can use Application Default Credentials. The only package of the project
 * that may use {@code com.google.auth} or {@code com.google.api.client}; depends otherwise on the
 * http module's {@code AccessTokenSource} and {@code AccessToken}, and on nothing else of the project.
 */
package io.github.geminiimage.auth.google;
