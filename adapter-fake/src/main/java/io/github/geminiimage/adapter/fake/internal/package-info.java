/**
 * How the fake builds its answers: the picture renderer (a gradient and a bitmap-font caption,
 * encoded with ImageIO) and the replies shaped like the real models' (sizes, formats, signatures,
 * token counts), and the Files API store's answers and helpers. Not API: may change in any release.
 * Depends on the domain, the ports and the JDK only.
 */
package io.github.geminiimage.adapter.fake.internal;
