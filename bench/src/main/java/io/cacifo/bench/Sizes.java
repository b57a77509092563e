package io.cacifo.bench;

/** How much each measurement does; {@link #quick()} is a smoke run of the whole bench in a few minutes. */
final class Sizes {
    final int inserts;
    final int warmInserts;
    final int insertWarmup;
    final int hopWarmup;
    final int hopRounds;
    final int cycles;
    final int stepSeconds;

    private Sizes(int inserts, int warmInserts, int insertWarmup, int hopWarmup, int hopRounds, int cycles, int stepSeconds) {
        this.inserts = inserts;
        this.warmInserts = warmInserts;
        this.insertWarmup = insertWarmup;
        this.hopWarmup = hopWarmup;
        this.hopRounds = hopRounds;
        this.cycles = cycles;
        this.stepSeconds = stepSeconds;
    }

    /**
     * The thesis' 100 inserts after a start; 300 warm ones after 300 warm-up inserts (enough samples
     * for a p99 that is not just the slowest one); 300 hop rounds; 30 parcel cycles; 15 s per load step.
     */
    static Sizes full() {
        return new Sizes(100, 300, 300, 100, 300, 30, 15);
    }

    static Sizes quick() {
        return new Sizes(100, 100, 50, 20, 50, 5, 4);
    }

    static Sizes named(String name) {
        return "quick".equals(name) ? quick() : full();
    }
}
