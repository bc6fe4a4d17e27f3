/**
 * Waiting, written once for every port: the {@link io.github.geminiimage.domain.poll.Sleeper} (a
 * blocking and a non-blocking form) and the {@link io.github.geminiimage.domain.poll.Poller} that
 * waits for a file or a batch job. Depends on the domain and the JDK only.
 */
package io.github.geminiimage.domain.poll;
