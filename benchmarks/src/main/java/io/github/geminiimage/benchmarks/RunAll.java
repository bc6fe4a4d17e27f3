package io.github.geminiimage.benchmarks;

/**
 * Runs every benchmark of the module with the GC profiler, as {@code benchmarks/RESULTS.md}
 * quotes them: {@code java -jar benchmarks/target/benchmarks.jar} does the same with JMH's own main.
 */
public final class RunAll {

    private RunAll() {
    }

    /** Runs everything with {@code -prof gc}; extra arguments are passed to JMH. */
    public static void main(String[] args) throws Exception {
        String[] all = new String[args.length + 2];
        all[0] = "-prof";
        all[1] = "gc";
        System.arraycopy(args, 0, all, 2, args.length);
        org.openjdk.jmh.Main.main(all);
    }
}
