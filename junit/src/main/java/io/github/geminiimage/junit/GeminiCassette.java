package io.github.geminiimage.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test a {@link Cassette} parameter over the cassette folder {@code ROOT/NAME}
 * (docs/cassettes.md shows a test). The mode comes from the configuration parameter or system
 * property {@value GeminiCassetteExtension#MODE_PROPERTY}, else the environment variable
 * {@value GeminiCassetteExtension#MODE_VARIABLE} ({@code record}, {@code replay} or
 * {@code record-missing}), else {@code replay}. On a class, each test method gets a cassette of its
 * own inside the class's ({@code NAME/methodName}: recording one test never erases another's),
 * unless the method is annotated itself.
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(GeminiCassetteExtension.class)
public @interface GeminiCassette {

    /**
     * The cassette's name, a folder (may contain {@code /}); on a class, the folder of its methods'
     * cassettes. Default {@code ClassName/methodName}.
     */
    String value() default "";

    /**
     * The folder cassettes live in; default the configuration parameter or system property
     * {@value GeminiCassetteExtension#ROOT_PROPERTY}, else {@code src/test/resources/cassettes}.
     * The property, when set, wins over this.
     */
    String root() default "";
}
