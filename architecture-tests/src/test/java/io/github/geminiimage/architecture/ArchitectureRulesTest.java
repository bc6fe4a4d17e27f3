package io.github.geminiimage.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.domain.properties.HasName;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.library.dependencies.SliceAssignment;
import com.tngtech.archunit.library.dependencies.SliceIdentifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The layering (domain under ports and wire, both under http, http under the adapters) and the
 * confinement of third-party APIs, as rules over the main classes of every module on this module's
 * test classpath, the benchmarks included, and over the CDI example's classes (test classes only).
 * A rule whose classes are missing (a renamed package) fails rather than passing on nothing:
 * archunit.properties sets {@code archRule.failOnEmptyShould}.
 */
@AnalyzeClasses(packages = "io.github.geminiimage", importOptions = ArchitectureRulesTest.MainClassesAndTheCdiExample.class)
class ArchitectureRulesTest {

    /** Main classes, and the CDI example's test classes, which are all it has (from its directory or test jar). */
    static final class MainClassesAndTheCdiExample implements ImportOption {
        private static final ImportOption MAIN = new ImportOption.DoNotIncludeTests();

        @Override
        public boolean includes(Location location) {
            return MAIN.includes(location) || location.contains("cdi-example");
        }
    }

    private static final String ROOT = "io.github.geminiimage";
    /** The Spring Boot starter, the one module allowed to know Spring and both transports' client types. */
    private static final String STARTER = ROOT + ".spring.boot..";
    /** The benchmarks, whose naive baselines bind JSON directly to measure the codec against them. */
    private static final String BENCHMARKS = ROOT + ".benchmarks..";
    /**
     * The emulator's internals, whose own documents (the control API under /emulator/v1) are records
     * bound with JSON-B; the API's JSON they leave to wire.
     */
    private static final String EMULATOR_INTERNALS = ROOT + ".emulator.internal..";
    /** The cassette files' own format (recordings of exchanges, not an API document), bound with JSON-B. */
    private static final String CASSETTE_INTERNALS = ROOT + ".http.internal.cassette..";
    /**
     * The command line, whose own documents (its {@code --json} output, the files it keeps) are bound
     * with JSON-B; the API's JSON it leaves to wire.
     */
    private static final String CLI = ROOT + ".cli..";
    private static final String APACHE_CLIENT = "org.apache.hc.client5.http.impl.classic.CloseableHttpClient";

    /** Domain classes allowed not to be records or enums, each for a stated reason. */
    private static final Set<String> DOMAIN_CLASSES_THAT_ARE_NOT_RECORDS = Set.of(
            // Holds a byte array or a file and hides which one: a record would expose the array.
            ROOT + ".domain.ImageInput",
            // Holds a byte array with array equality and defensive copies.
            ROOT + ".domain.GeneratedImage",
            // Many optional fields behind a builder; a record would expose nullable components.
            ROOT + ".domain.GenerationRequest",
            ROOT + ".domain.GenerationRequest$Builder",
            // Static helpers only.
            ROOT + ".domain.ImageHeaders",
            ROOT + ".domain.ImageReferences",
            // Holds a file or a one-shot stream and hides which one; many optional fields behind a builder.
            ROOT + ".domain.file.FileUpload",
            ROOT + ".domain.file.FileUpload$Builder",
            // Holds a byte array with array equality and defensive copies.
            ROOT + ".domain.file.Sha256",
            // The builders of records with many optional components.
            ROOT + ".domain.file.StoredFile$Builder",
            ROOT + ".domain.batch.BatchJob$Builder",
            ROOT + ".domain.PriceTable$Builder",
            // Not a value: the registry of an open value record's known constants, held privately by each.
            ROOT + ".domain.OpenValues",
            // Rules, not values: how a batch job's input is checked and when a job is polled.
            ROOT + ".domain.batch.BatchInputCheck",
            ROOT + ".domain.batch.BatchAwait");

    /** The value packages of the domain; the others hold rules and machinery (poll, stream, sink, continuation). */
    private static final String[] DOMAIN_VALUE_PACKAGES = {ROOT + ".domain", ROOT + ".domain.error", ROOT + ".domain.file",
        ROOT + ".domain.batch", ROOT + ".domain.grounding"};

    /** The most public types a domain package may hold before it is split by resource. */
    private static final int MOST_PUBLIC_TYPES_PER_DOMAIN_PACKAGE = 40;

    @ArchTest
    static final ArchRule domain_depends_only_on_the_jdk = classes()
            .that().resideInAPackage(ROOT + ".domain..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".domain..", "java..")
            .because("the domain is pure: values and rules that every adapter and the fake share, no JSON, no I/O helpers");

    @ArchTest
    static final ArchRule ports_depend_only_on_the_domain = classes()
            .that().resideInAPackage(ROOT + ".port..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".port..", ROOT + ".domain..", "java..")
            .because("the port is the hexagon's boundary and must not know any transport");

    @ArchTest
    static final ArchRule the_port_package_holds_only_interfaces = classes()
            .that().resideInAPackage(ROOT + ".port")
            .and().areNotAnnotations()
            .and().doNotHaveSimpleName("package-info")
            .should().beInterfaces()
            .because("implementations belong to adapters, not to the port");

    @ArchTest
    static final ArchRule no_adapter_depends_on_another_adapter = slices()
            .matching(ROOT + ".adapter.(*)..")
            .should().notDependOnEachOther()
            .because("transports are interchangeable and two of them on one classpath must be fine");

    @ArchTest
    static final ArchRule apache_httpclient_only_in_its_adapter = noClasses()
            .that().resideOutsideOfPackages(ROOT + ".adapter.httpclient5..", STARTER)
            .and().resideInAPackage(ROOT + "..")
            .should().dependOnClassesThat().resideInAPackage("org.apache.hc..")
            .because("Apache HttpClient 5 is one interchangeable transport, confined to its adapter");

    @ArchTest
    static final ArchRule the_starter_names_only_the_apache_client_it_lends = noClasses()
            .that().resideInAPackage(STARTER)
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("org.apache.hc..")
                    .and(DescribedPredicate.not(HasName.Predicates.name(APACHE_CLIENT))))
            .because("the starter only hands the application's CloseableHttpClient bean to the adapter");

    @ArchTest
    static final ArchRule jdk_http_client_only_in_its_adapter = noClasses()
            .that().resideOutsideOfPackages(ROOT + ".adapter.jdkhttp..", STARTER)
            .and().resideInAPackage(ROOT + "..")
            .should().dependOnClassesThat().resideInAPackage("java.net.http..")
            .because("the JDK HttpClient is one interchangeable transport, confined to its adapter");

    @ArchTest
    static final ArchRule the_starter_names_only_the_jdk_client_it_lends = noClasses()
            .that().resideInAPackage(STARTER)
            .should().dependOnClassesThat(JavaClass.Predicates.resideInAPackage("java.net.http..")
                    .and(DescribedPredicate.not(HasName.Predicates.name("java.net.http.HttpClient"))))
            .because("the starter only hands the application's java.net.http.HttpClient bean to the adapter");

    @ArchTest
    static final ArchRule spring_only_in_the_starter = noClasses()
            .that().resideOutsideOfPackage(STARTER)
            .and().resideInAPackage(ROOT + "..")
            .should().dependOnClassesThat().resideInAPackage("org.springframework..")
            .because("the library is framework-free; Spring Boot wiring lives in the starter");

    @ArchTest
    static final ArchRule micrometer_only_in_its_module_and_the_starter = noClasses()
            .that().resideOutsideOfPackages(ROOT + ".micrometer..", STARTER)
            .and().resideInAPackage(ROOT + "..")
            .should().dependOnClassesThat().resideInAPackage("io.micrometer..")
            .because("metrics plug in through the CallObserver SPI; whoever does not add the module never loads Micrometer");

    @ArchTest
    static final ArchRule the_micrometer_module_knows_only_the_observer_spi = classes()
            .that().resideInAPackage(ROOT + ".micrometer..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".micrometer..", ROOT + ".http",
                    ROOT + ".domain..", "java..", "io.micrometer..")
            .because("it adapts CallObserver events to Micrometer, usable with any transport and without Spring");

    @ArchTest
    static final ArchRule google_auth_library_only_in_its_optional_module = noClasses()
            .that().resideOutsideOfPackage(ROOT + ".auth.google..")
            .and().resideInAPackage(ROOT + "..")
            .should().dependOnClassesThat().resideInAnyPackage("com.google.auth..", "com.google.api.client..")
            .because("Google's auth library is optional: whoever does not call Vertex AI never downloads it");

    @ArchTest
    static final ArchRule library_modules_know_no_optional_module = noClasses()
            .that().resideInAnyPackage(ROOT + ".domain..", ROOT + ".port..", ROOT + ".wire..", ROOT + ".http..",
                    ROOT + ".adapter..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".auth..", ROOT + ".micrometer..", STARTER)
            .because("optional modules plug into the http module's SPIs (tokens, observer); the core never names them");

    @ArchTest
    static final ArchRule the_wire_module_depends_only_on_the_domain = classes()
            .that().resideInAPackage(ROOT + ".wire..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".wire..", ROOT + ".domain..", "java..",
                    "jakarta.json..")
            .because("the API's JSON both ways sits between the domain and every client, fake and server");

    @ArchTest
    static final ArchRule only_the_wire_module_reads_or_writes_json = noClasses()
            .that().resideOutsideOfPackages(ROOT + ".wire..", BENCHMARKS, EMULATOR_INTERNALS, CASSETTE_INTERNALS, CLI)
            .and().resideInAPackage(ROOT + "..")
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.json..", "org.eclipse.yasson..")
            .because("every JSON document of the API has one reader and one writer, in wire: the streaming codec "
                    + "where image bytes flow, JSON-B for the small documents");

    @ArchTest
    static final ArchRule the_transport_helpers_depend_only_on_the_jdk = classes()
            .that().resideInAPackage(ROOT + ".http.support..")
            .should().onlyDependOnClassesThat().resideInAnyPackage(ROOT + ".http.support..", "java..")
            .because("the http package's SPI uses them, so a dependency back on http would be a package cycle");

    @ArchTest
    static final ArchRule own_documents_are_bound_with_json_b_only = noClasses()
            .that().resideInAnyPackage(CLI, CASSETTE_INTERNALS, EMULATOR_INTERNALS)
            .should().dependOnClassesThat().resideInAnyPackage("jakarta.json", "jakarta.json.stream..", "org.eclipse.yasson..")
            .because("the command line's documents, the cassette files and the emulator's control API are records "
                    + "bound with JSON-B; JSON-P trees and streams, a further way to read or write JSON, stay out of them");

    @ArchTest
    static final ArchRule the_emulator_is_a_server_not_a_client = noClasses()
            .that().resideInAPackage(ROOT + ".emulator..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".http..", ROOT + ".cli..", ROOT + ".tck..")
            .because("the emulator is built on the fake alone, so a client under test never shares code with its server");

    @ArchTest
    static final ArchRule the_port_tck_knows_no_emulator = noClasses()
            .that().resideInAPackage(ROOT + ".tck")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".emulator..", ROOT + ".tck.http..")
            .because("the emulator is built on the fake, whose tests run port-tck's suites: the suites that need the "
                    + "emulator live in http-tck, or the modules would form a cycle");

    @ArchTest
    static final ArchRule only_the_emulators_junit_extension_knows_junit = noClasses()
            .that().resideInAPackage(ROOT + ".emulator..")
            .and().resideOutsideOfPackage(ROOT + ".emulator.junit..")
            .should().dependOnClassesThat().resideInAPackage("org.junit..")
            .because("JUnit is an optional dependency of the emulator, needed only by its extension");

    @ArchTest
    static final ArchRule the_http_core_knows_no_adapter = noClasses()
            .that().resideInAPackage(ROOT + ".http..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".adapter..", ROOT + ".cli..")
            .because("arrows point down only: adapters use the http core, never the reverse");

    @ArchTest
    static final ArchRule library_modules_know_no_cli_or_test_kit = noClasses()
            .that().resideInAnyPackage(ROOT + ".domain..", ROOT + ".port..", ROOT + ".wire..", ROOT + ".http..",
                    ROOT + ".adapter..")
            .should().dependOnClassesThat().resideInAnyPackage(ROOT + ".cli..", ROOT + ".tck..", ROOT + ".benchmarks..",
                    ROOT + ".loadtests..")
            .because("the command line, the contract suites, the benchmarks and the load tests sit on top of the library");

    @ArchTest
    static final ArchRule no_cycles_between_packages = slices()
            .assignedFrom(packagesWithTheirInternals())
            .should().beFreeOfCycles()
            .because("cycles make modules impossible to split and reason about; a package and its .internal "
                    + "implementation are one unit (internal classes implement the package's SPI types, e.g. RequestBody)");

    @ArchTest
    static final ArchRule no_module_imports_another_modules_internals = classes()
            .that().resideInAPackage(ROOT + "..")
            .should(useNoInternalPackageOfAnotherModule())
            .because("an .internal package is not API: it may change in any release, so only its own module may use it "
                    + "(the benchmarks use the public codec, io.github.geminiimage.wire)");

    @ArchTest
    static final ArchRule the_cdi_example_uses_only_public_api = noClasses()
            .that().resideInAPackage(ROOT + ".cdi..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + "..internal..")
            .because("it is the README's CDI producer: what users copy must compile against the public API");

    @ArchTest
    static final ArchRule the_benchmarks_use_only_public_api = noClasses()
            .that().resideInAPackage(ROOT + ".benchmarks..")
            .should().dependOnClassesThat().resideInAPackage(ROOT + "..internal..")
            .because("the benchmarks measure what users call (the public codec, io.github.geminiimage.http.codec)");

    @ArchTest
    static final ArchRule domain_values_are_records_or_enums = classes()
            .that().resideInAnyPackage(DOMAIN_VALUE_PACKAGES)
            .and().areNotInterfaces()
            .and().areNotAssignableTo(RuntimeException.class)
            .and(notListed())
            .and().doNotHaveSimpleName("package-info")
            .should(beRecordsOrEnums())
            .because("domain values are immutable and compared by value; records and enums say so");

    @ArchTest
    static void no_domain_package_holds_more_than_40_public_types(JavaClasses classes) {
        Map<String, List<String>> byPackage = new TreeMap<>();
        for (JavaClass c : classes) {
            if (c.getPackageName().startsWith(ROOT + ".domain") && c.isTopLevelClass()
                    && c.getModifiers().contains(JavaModifier.PUBLIC)) {
                byPackage.computeIfAbsent(c.getPackageName(), p -> new ArrayList<>()).add(c.getSimpleName());
            }
        }
        assertThat(byPackage).as("the domain's packages").isNotEmpty();
        byPackage.forEach((pkg, types) -> assertThat(types)
                .as("public types in %s (group them by resource in packages of their own)", pkg)
                .hasSizeLessThanOrEqualTo(MOST_PUBLIC_TYPES_PER_DOMAIN_PACKAGE));
    }

    private static SliceAssignment packagesWithTheirInternals() {
        return new SliceAssignment() {
            @Override
            public SliceIdentifier getIdentifierOf(JavaClass javaClass) {
                String name = javaClass.getPackageName();
                if (!name.startsWith(ROOT)) {
                    return SliceIdentifier.ignore();
                }
                if (name.equals(ROOT + ".domain") || name.startsWith(ROOT + ".domain.")) {
                    // One module of values grouped by resource: an exception names the outcome, a request
                    // takes a stored file; its packages are read together, never split apart.
                    return SliceIdentifier.of(ROOT + ".domain");
                }
                return SliceIdentifier.of(name.replaceFirst("\\.internal(\\..*)?$", ""));
            }

            @Override
            public String getDescription() {
                return "packages under " + ROOT + ", each together with its .internal sub-packages (the domain's "
                        + "packages as one)";
            }
        };
    }

    /** The module a package belongs to: the segment after the root, two for the adapters. */
    static String moduleOf(String packageName) {
        if (!packageName.startsWith(ROOT + ".")) {
            return "";
        }
        String[] segments = packageName.substring(ROOT.length() + 1).split("\\.");
        return segments[0].equals("adapter") && segments.length > 1 ? "adapter." + segments[1] : segments[0];
    }

    private static ArchCondition<JavaClass> useNoInternalPackageOfAnotherModule() {
        return new ArchCondition<>("use no .internal package of another module") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                String mine = moduleOf(item.getPackageName());
                item.getDirectDependenciesFromSelf().forEach(dependency -> {
                    String target = dependency.getTargetClass().getPackageName();
                    boolean internal = target.contains(".internal.") || target.endsWith(".internal");
                    if (internal && target.startsWith(ROOT + ".") && !moduleOf(target).equals(mine)) {
                        events.add(SimpleConditionEvent.violated(item, dependency.getDescription()));
                    }
                });
            }
        };
    }

    private static DescribedPredicate<JavaClass> notListed() {
        return DescribedPredicate.describe("are not listed as justified exceptions",
                c -> !DOMAIN_CLASSES_THAT_ARE_NOT_RECORDS.contains(c.getName()));
    }

    private static ArchCondition<JavaClass> beRecordsOrEnums() {
        return new ArchCondition<>("be records or enums") {
            @Override
            public void check(JavaClass item, ConditionEvents events) {
                boolean ok = item.isRecord() || item.isEnum()
                        || (item.getEnclosingClass().isPresent() && item.getEnclosingClass().get().isEnum())
                        || item.getModifiers().contains(JavaModifier.SYNTHETIC)
                        || item.isAnonymousClass();
                events.add(new SimpleConditionEvent(item, ok, item.getName() + (ok ? " is" : " is not") + " a record or enum"));
            }
        };
    }
}
