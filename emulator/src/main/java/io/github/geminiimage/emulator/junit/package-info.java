/** The JUnit 5 extension that gives each test class its own {@link io.github.geminiimage.emulator.GeminiEmulator}. */
package io.github.geminiimage.emulator.junit;
