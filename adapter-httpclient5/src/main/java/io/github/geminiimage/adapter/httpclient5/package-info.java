/**
 * The HTTP transport over Apache HttpClient 5 (classic API) and a builder that wires it into the
 * shared HTTP implementation of the port. It only moves bytes: retries, credentials, error mapping
 * and decoding live in {@code io.github.geminiimage.http}. Depends on the http module and
 * {@code org.apache.hc}; knows no other adapter.
 */
package io.github.geminiimage.adapter.httpclient5;
