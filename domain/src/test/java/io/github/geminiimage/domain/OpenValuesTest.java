package io.github.geminiimage.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.geminiimage.domain.batch.BatchState;
import io.github.geminiimage.domain.file.FileState;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The open value records (a raw server string, known or not) all behave alike through {@link OpenValues}. */
class OpenValuesTest {

    static Stream<Arguments> types() {
        return Stream.of(
                type(BlockReason.class, BlockReason::of, BlockReason::knownValues),
                type(HarmCategory.class, HarmCategory::of, HarmCategory::knownValues),
                type(HarmProbability.class, HarmProbability::of, HarmProbability::knownValues),
                type(Modality.class, Modality::of, Modality::knownValues),
                type(FileState.class, FileState::of, FileState::knownValues),
                type(FinishReason.class, FinishReason::of, FinishReason::knownValues),
                type(BatchState.class, BatchState::of, BatchState::knownValues));
    }

    private static <T> Arguments type(Class<T> type, Function<String, T> of, Supplier<List<T>> known) {
        return Arguments.of(type, of, known);
    }

    @ParameterizedTest
    @MethodSource("types")
    <T> void everyConstantIsKnownInDeclarationOrderAndParsesToItself(Class<T> type, Function<String, T> of,
            Supplier<List<T>> known) throws IllegalAccessException {
        List<Object> constants = new ArrayList<>();
        for (Field field : type.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isPublic(modifiers) && Modifier.isStatic(modifiers) && field.getType() == type) {
                constants.add(field.get(null));
            }
        }
        assertThat(known.get()).containsExactlyElementsOf(constants.stream().map(type::cast).toList());
        for (T constant : known.get()) {
            assertThat(of.apply(constant.toString())).isSameAs(constant);
        }
        assertThatThrownBy(() -> known.get().add(known.get().get(0))).isInstanceOf(UnsupportedOperationException.class);
    }

    @ParameterizedTest
    @MethodSource("types")
    <T> void anUnknownValueIsKeptAsSentAndIsNotKnown(Class<T> type, Function<String, T> of, Supplier<List<T>> known) {
        T unknown = of.apply("SOMETHING_NEW");

        assertThat(unknown.toString()).isEqualTo("SOMETHING_NEW");
        assertThat(known.get()).doesNotContain(unknown);
        assertThatThrownBy(() -> of.apply(null)).isInstanceOf(NullPointerException.class);
    }

    @ParameterizedTest
    @MethodSource("types")
    <T> void knownValuesAreEqualToTheirConstantsWhenMadeAgain(Class<T> type, Function<String, T> of, Supplier<List<T>> known)
            throws ReflectiveOperationException {
        for (T constant : known.get()) {
            Object made = type.getDeclaredConstructor(String.class).newInstance(constant.toString());
            assertThat(made).isEqualTo(constant);
            assertThat((boolean) type.getMethod("isKnown").invoke(made)).isTrue();
        }
    }
}
