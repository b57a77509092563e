package io.cacifo.bench;

import io.cacifo.kit.json.Json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one bench run measured outside JMeter, kept as {@code run.json} beside its plans' results so
 * the report can be written again from the files alone. Plain fields, written and read by Gson.
 */
public final class RunRecord {
    public static final String FILE = "run.json";

    String config;
    /** {@link JvmConfig.Kind} of the configuration; older results have none and ran as FUNCTIONS. */
    JvmConfig.Kind kind = JvmConfig.Kind.FUNCTIONS;
    String flags;
    String meaning;
    String gateway;
    boolean local;
    Instant startedAt;
    Instant finishedAt;
    double loadBefore;
    double loadAfter;
    String java;
    String machine;
    boolean ecdsaForBackendActions;
    List<StartupTime> startup = new ArrayList<>();
    /** EMULATED_ARM64 only: the same start with each function's AppCDS archive moved aside; empty otherwise. */
    List<StartupTime> startupWithoutArchive = new ArrayList<>();
    Map<String, ProcessMemory> memoryIdle = new LinkedHashMap<>();
    Map<String, ProcessMemory> memoryAfterLoad = new LinkedHashMap<>();
    Map<String, List<Double>> hopMicros = new LinkedHashMap<>();
    /** During the load plan: TCP connections opened on this machine, and connections MariaDB accepted (-1: not read). */
    long loadTcpOpened = -1;
    long loadDbConnections = -1;
    /**
     * Step name (the keys of {@link #plans}) → average cores used by processes outside the bench's own
     * process tree during that step ({@link ForeignCpu}); older results have none.
     */
    Map<String, Double> foreignCores = new LinkedHashMap<>();
    /** Parcel cycles at the start of the code-flow run that warm it up and are left out of its figures. */
    int codeFlowWarmupCycles;
    /** After a power cut: boot to the first door a code opened, each function's start to ready; null when not measured. */
    ColdBoot coldBoot;
    /** Plan run name → "ok" or why it did not give results. */
    Map<String, String> plans = new LinkedHashMap<>();
    List<String> notes = new ArrayList<>();

    /** A run of {@code config} on this machine's devstack, starting now; {@code java} names the functions' JVM. */
    static RunRecord local(JvmConfig config, String java) {
        RunRecord record = new RunRecord();
        record.config = config.name();
        record.kind = config.kind();
        record.flags = config.flags();
        record.meaning = config.meaning();
        record.local = true;
        record.startedAt = Instant.now();
        record.loadBefore = LoadAverage.oneMinute();
        record.java = java;
        record.machine = Machine.describe();
        return record;
    }

    /** The run ended well: when, and the load then. */
    void finish() {
        finishedAt = Instant.now();
        loadAfter = LoadAverage.oneMinute();
    }

    void write(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(FILE), Json.GSON.toJson(this), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("could not write " + dir.resolve(FILE), e);
        }
    }

    static RunRecord read(Path dir) {
        try {
            return Json.GSON.fromJson(Files.readString(dir.resolve(FILE), StandardCharsets.UTF_8), RunRecord.class);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + dir.resolve(FILE), e);
        }
    }

    public String config() {
        return config;
    }
}
