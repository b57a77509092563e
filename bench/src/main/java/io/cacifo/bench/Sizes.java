package io.cacifo.bench;

/** How much each measurement does; {@link #quick()} is a smoke run of the whole bench in a few minutes. */
final class Sizes {
    final int inserts;
    final int warmInserts;
    final int insertWarmup;
    final int hopWarmup;
    final int hopRounds;
    final int cycles;
    final int flowWarmupCycles;
    final int stepSeconds;

    private Sizes(int inserts, int warmInserts, int insertWarmup, int hopWarmup, int hopRounds, int cycles,
                  int flowWarmupCycles, int stepSeconds) {
        this.inserts = inserts;
        this.warmInserts = warmInserts;
        this.insertWarmup = insertWarmup;
        this.hopWarmup = hopWarmup;
        this.hopRounds = hopRounds;
        this.cycles = cycles;
        this.flowWarmupCycles = flowWarmupCycles;
        this.stepSeconds = stepSeconds;
    }

    /**
     * The thesis' 100 inserts after a start; 300 warm ones after 300 warm-up inserts (enough samples
     * for a p99 that is not just the slowest one); 300 hop rounds; 50 parcel cycles (100 code
     * entries, so p99 is not merely the slowest) after 5 warm-up cycles; 10 s per load step. Every
     * configuration runs at least twice, so the load steps, the longest part, are 10 s rather than
     * 15: 10 steps of 10 s at 800 to 3,000 calls/s still give thousands of samples each.
     */
    static Sizes full() {
        return new Sizes(100, 300, 300, 100, 300, 50, 5, 10);
    }

    static Sizes quick() {
        return new Sizes(100, 100, 50, 20, 50, 5, 2, 4);
    }

    static Sizes named(String name) {
        return "quick".equals(name) ? quick() : full();
    }
}
