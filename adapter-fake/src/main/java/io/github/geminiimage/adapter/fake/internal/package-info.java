/**
 * How the fake builds its answers: the picture renderer (a gradient and a bitmap-font caption,
 * encoded with ImageIO) and the replies shaped like the real models' (sizes, formats, signatures,
 * token counts). Not API: may change in any release. Depends on the domain and the JDK only.
 */
package io.github.geminiimage.adapter.fake.internal;
