package io.github.geminiimage.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives each test a {@link Cassette} parameter over the cassette folder {@code ROOT/NAME}; the mode
 * comes from {@value GeminiCassetteExtension#MODE_PROPERTY} (configuration parameter or system
 * property), else {@value GeminiCassetteExtension#MODE_VARIABLE}, else {@code replay}. On a class,
 * each test method gets its own cassette inside the class's ({@code NAME/methodName}), unless the
 * method is annotated itself. docs/cassettes.md shows a test and the modes.
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
