package org.parley.module;

import java.time.Duration;

/** Where modules register the work a node repeats while it runs (see {@link Module#housekeeping}). */
@FunctionalInterface
public interface Housekeeping {

    /**
     * Runs {@code task} every {@code period}, the first time after {@code firstDelay}. A task that
     * throws is logged under {@code name} and runs again next period.
     */
    void every(Duration firstDelay, Duration period, String name, Runnable task);
}
