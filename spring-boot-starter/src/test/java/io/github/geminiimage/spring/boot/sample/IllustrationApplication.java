package io.github.geminiimage.spring.boot.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** A tiny application using the starter: no wiring of its own, only gemini.image.* properties. */
@SpringBootApplication
public class IllustrationApplication {

    public static void main(String[] args) {
        SpringApplication.run(IllustrationApplication.class, args);
    }
}
