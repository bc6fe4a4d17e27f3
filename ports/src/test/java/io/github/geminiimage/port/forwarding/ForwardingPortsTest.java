package io.github.geminiimage.port.forwarding;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.geminiimage.domain.GenerationRequest;
import io.github.geminiimage.domain.batch.BatchJob;
import io.github.geminiimage.domain.batch.BatchSubmitOptions;
import io.github.geminiimage.domain.batch.KeyedRequest;
import io.github.geminiimage.domain.file.FileUpload;
import io.github.geminiimage.domain.file.StoredFile;
import io.github.geminiimage.port.BatchPort;
import io.github.geminiimage.port.FilesPort;
import io.github.geminiimage.port.ImageGenerationPort;
import io.github.geminiimage.port.UploadProgress;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class ForwardingPortsTest {

    /** A call the recording delegate received. */
    private record Call(Method method, List<Object> args) {
    }

    @Test
    void everyAbstractMethodOfTheFilesPortReachesTheDelegateWithItsArguments() throws Exception {
        checkForwards(FilesPort.class, delegate -> (ForwardingFilesPort) () -> delegate);
    }

    @Test
    void everyAbstractMethodOfTheBatchPortReachesTheDelegateWithItsArguments() throws Exception {
        checkForwards(BatchPort.class, delegate -> (ForwardingBatchPort) () -> delegate);
    }

    @Test
    void everyMethodOfTheImageGenerationPortReachesTheDelegateWithItsArguments() throws Exception {
        checkForwards(ImageGenerationPort.class, delegate -> (ForwardingImageGenerationPort) () -> delegate);
    }

    @Test
    void aFilesConvenienceCallGoesThroughTheDecoratorsOverride() {
        List<Call> calls = new ArrayList<>();
        FilesPort delegate = recording(FilesPort.class, calls);
        List<String> overridden = new ArrayList<>();
        FilesPort decorator = new ForwardingFilesPort() {
            @Override
            public FilesPort delegate() {
                return delegate;
            }

            @Override
            public StoredFile upload(FileUpload upload, UploadProgress progress) {
                overridden.add("upload with " + progress);
                return null;
            }
        };

        decorator.upload(null);

        assertThat(overridden).containsExactly("upload with " + UploadProgress.NONE);
        assertThat(calls).isEmpty();
    }

    @Test
    void aBatchSubmitOfAStreamGoesThroughTheDecoratorsOverride() {
        List<Call> calls = new ArrayList<>();
        BatchPort delegate = recording(BatchPort.class, calls);
        List<String> submitted = new ArrayList<>();
        BatchPort decorator = new ForwardingBatchPort() {
            @Override
            public BatchPort delegate() {
                return delegate;
            }

            @Override
            public BatchJob submit(String displayName, String model, Iterable<KeyedRequest> requests,
                    BatchSubmitOptions options) {
                requests.forEach(r -> submitted.add(r.key()));
                return null;
            }
        };
        KeyedRequest one = KeyedRequest.of("one", GenerationRequest.builder().prompt("A cat").build());

        decorator.submit("job", "gemini-2.5-flash-image", Stream.of(one), BatchSubmitOptions.defaults());

        assertThat(submitted).containsExactly("one");
        assertThat(calls).isEmpty();
    }

    private static <P> void checkForwards(Class<P> port, Function<P, ? extends P> forwarding) throws Exception {
        List<Call> calls = new ArrayList<>();
        P forwarder = forwarding.apply(recording(port, calls));
        List<Method> checked = new ArrayList<>();
        for (Method method : port.getMethods()) {
            if (method.isDefault() || Modifier.isStatic(method.getModifiers())) {
                continue;
            }
            Object[] args = arguments(method);
            calls.clear();

            method.invoke(forwarder, args);

            assertThat(calls).as(method.toString()).containsExactly(new Call(method, Arrays.asList(args)));
            checked.add(method);
        }
        assertThat(checked).as("the abstract methods of " + port).isNotEmpty();
    }

    /** Distinct values where the type allows, so that two arguments swapped show. */
    private static Object[] arguments(Method method) {
        Class<?>[] types = method.getParameterTypes();
        Object[] args = new Object[types.length];
        for (int i = 0; i < types.length; i++) {
            Class<?> type = types[i];
            String value = method.getName() + "-" + i;
            if (type == String.class) {
                args[i] = value;
            } else if (type == int.class) {
                args[i] = 10 + i;
            } else if (type == Optional.class) {
                args[i] = Optional.of(value);
            } else if (type == Duration.class) {
                args[i] = Duration.ofSeconds(10 + i);
            } else if (type == Path.class) {
                args[i] = Path.of(value);
            }
        }
        return args;
    }

    /** A port that records each call and returns nothing (zero for a {@code long}). */
    private static <P> P recording(Class<P> port, List<Call> calls) {
        return port.cast(Proxy.newProxyInstance(port.getClassLoader(), new Class<?>[] {port}, (proxy, method, args) -> {
            if (method.getDeclaringClass() == Object.class) {
                return method.getName().equals("equals") ? proxy == args[0]
                        : method.getName().equals("hashCode") ? System.identityHashCode(proxy) : "recording " + port;
            }
            calls.add(new Call(method, args == null ? List.of() : Arrays.asList(args)));
            return method.getReturnType() == long.class ? 0L : null;
        }));
    }
}
