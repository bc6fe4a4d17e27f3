package io.github.geminiimage.loadtests;

import com.sun.management.GarbageCollectionNotificationInfo;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import javax.management.ListenerNotFoundException;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;

/**
 * Watches the heap of this JVM while it runs: the peak of each heap pool (reset at start), the
 * highest total heap use seen by a sampler every 5 ms, and the highest heap use left after a
 * collection (the live set), from the collectors' notifications.
 */
final class HeapWatch implements AutoCloseable {

    /**
     * What was seen.
     *
     * @param maxHeapBytes the heap limit ({@code -Xmx})
     * @param sumOfPoolPeaks the sum of each heap pool's own peak: an upper bound of the peak heap use,
     *     as the pools need not peak at once
     * @param maxSampledUsed the highest total heap use the sampler saw
     * @param maxUsedAfterGc the highest heap use right after a collection (live data plus what the
     *     collector chose to leave)
     * @param collections collections during the watch
     * @param collectionMillis time the collectors report for them
     */
    record Report(long maxHeapBytes, long sumOfPoolPeaks, long maxSampledUsed, long maxUsedAfterGc, long collections,
            long collectionMillis) {
    }

    private final List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP).toList();
    private final Set<String> heapPoolNames = heapPools.stream().map(MemoryPoolMXBean::getName).collect(Collectors.toSet());
    private final List<GarbageCollectorMXBean> collectors = ManagementFactory.getGarbageCollectorMXBeans();
    private final AtomicLong maxSampled = new AtomicLong();
    private final AtomicLong maxAfterGc = new AtomicLong();
    private final List<Runnable> unregister = new ArrayList<>();
    private final long collectionsAtStart;
    private final long collectionMillisAtStart;
    private final Thread sampler;
    private volatile boolean running = true;

    private HeapWatch() {
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        collectionsAtStart = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
        collectionMillisAtStart = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
        NotificationListener listener = this::onNotification;
        for (GarbageCollectorMXBean collector : collectors) {
            if (collector instanceof NotificationEmitter emitter) {
                emitter.addNotificationListener(listener, null, null);
                unregister.add(() -> {
                    try {
                        emitter.removeNotificationListener(listener);
                    } catch (ListenerNotFoundException e) {
                        // already gone
                    }
                });
            }
        }
        sampler = new Thread(this::sample, "heap-watch");
        sampler.setDaemon(true);
        sampler.start();
    }

    /** Starts watching now (pool peaks are reset). */
    static HeapWatch start() {
        return new HeapWatch();
    }

    private void sample() {
        while (running) {
            sampleOnce();
            try {
                Thread.sleep(5);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void onNotification(Notification notification, Object handback) {
        if (!notification.getType().equals(GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION)) {
            return;
        }
        GarbageCollectionNotificationInfo info = GarbageCollectionNotificationInfo.from((CompositeData) notification.getUserData());
        long after = 0;
        for (var entry : info.getGcInfo().getMemoryUsageAfterGc().entrySet()) {
            if (heapPoolNames.contains(entry.getKey())) {
                after += entry.getValue().getUsed();
            }
        }
        maxAfterGc.accumulateAndGet(after, Math::max);
    }

    private void sampleOnce() {
        long used = heapPools.stream().mapToLong(p -> p.getUsage().getUsed()).sum();
        maxSampled.accumulateAndGet(used, Math::max);
    }

    /** What was seen so far, with a sample taken now: on a loaded machine the sampler thread may not have run yet. */
    Report report() {
        sampleOnce();
        long peaks = heapPools.stream().map(MemoryPoolMXBean::getPeakUsage).mapToLong(MemoryUsage::getUsed).sum();
        long collections = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum() - collectionsAtStart;
        long millis = collectors.stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum() - collectionMillisAtStart;
        return new Report(Runtime.getRuntime().maxMemory(), peaks, maxSampled.get(), maxAfterGc.get(), collections, millis);
    }

    @Override
    public void close() {
        running = false;
        sampler.interrupt();
        unregister.forEach(Runnable::run);
    }
}
