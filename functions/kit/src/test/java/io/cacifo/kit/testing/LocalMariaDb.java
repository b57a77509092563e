package io.cacifo.kit.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real MariaDB server for tests and the devstack, started from Debian's mariadbd on 127.0.0.1
 * with its own data directory (no Docker here, so no Testcontainers). It starts in well under a
 * second. Set {@code CACIFO_TEST_DB=host:port} with {@code CACIFO_TEST_DB_USER} and
 * {@code CACIFO_TEST_DB_PASSWORD} to use a server you run yourself instead.
 *
 * <p>Failure behaviour: start-up problems throw {@link IllegalStateException} naming the log file.
 */
public final class LocalMariaDb {
    private static LocalMariaDb shared;

    private final Path dataDir;
    private final String host;
    private final int port;
    private final String user;
    private final String password;
    private final boolean owned;
    private Process process;
    /** The current process was stopped with {@link #stopServer()}, so its exit is no news. */
    private boolean stopRequested;
    private Runnable onUnexpectedExit = () -> { };

    private LocalMariaDb(Path dataDir, String host, int port, String user, String password, boolean owned) {
        this.dataDir = dataDir;
        this.host = host;
        this.port = port;
        this.user = user;
        this.password = password;
        this.owned = owned;
    }

    /** One server per test JVM, stopped and deleted when the JVM exits. */
    public static synchronized LocalMariaDb shared() {
        if (shared == null) {
            String external = System.getenv("CACIFO_TEST_DB");
            if (external != null && !external.isBlank()) {
                String[] hostPort = external.trim().split(":");
                shared = new LocalMariaDb(null, hostPort[0], Integer.parseInt(hostPort[1]),
                        System.getenv("CACIFO_TEST_DB_USER"), System.getenv("CACIFO_TEST_DB_PASSWORD"), false);
            } else {
                try {
                    Path dir = Files.createTempDirectory("cacifo-mariadb-");
                    shared = start(dir, freePort(), "cacifo_test", "test-only-" + Long.toHexString(System.nanoTime()));
                    LocalMariaDb server = shared;
                    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                        server.stop();
                        deleteTree(dir);
                    }));
                } catch (IOException e) {
                    throw new IllegalStateException("could not make a data directory for MariaDB", e);
                }
            }
        }
        return shared;
    }

    /**
     * Starts mariadbd on {@code dataDir} (initialised on first use) and makes sure {@code user} can
     * log in from 127.0.0.1 with {@code password} and create databases.
     */
    public static LocalMariaDb start(Path dataDir, int port, String user, String password) {
        LocalMariaDb server = new LocalMariaDb(dataDir, "127.0.0.1", port, user, password, true);
        server.startServer();
        try {
            server.admin("CREATE USER IF NOT EXISTS '" + user + "'@'127.0.0.1' IDENTIFIED BY '" + password + "'",
                    "ALTER USER '" + user + "'@'127.0.0.1' IDENTIFIED BY '" + password + "'",
                    "GRANT ALL ON *.* TO '" + user + "'@'127.0.0.1' WITH GRANT OPTION");
        } catch (RuntimeException e) {
            // The caller gets no handle to stop it with, so a half-set-up server must not outlive this call.
            server.stopServer();
            throw e;
        }
        return server;
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public String user() {
        return user;
    }

    public String password() {
        return password;
    }

    public Connection connect(String database) throws SQLException {
        return DriverManager.getConnection("jdbc:mariadb://" + host + ":" + port + "/" + database
                + "?allowMultiQueries=true", user, password);
    }

    /** Starts the server process (again, after {@link #stopServer()}), waiting until it accepts connections. */
    public synchronized void startServer() {
        requireOwned();
        try {
            Files.createDirectories(dataDir);
            Path data = dataDir.resolve("data");
            // Its own temporary files, not the shared /tmp: an install there failed when one of its temporary
            // table files vanished while other servers ran beside it.
            Path tmp = Files.createDirectories(dataDir.resolve("tmp"));
            if (!Files.exists(data.resolve("mysql"))) {
                run(List.of("mariadb-install-db", "--no-defaults", "--datadir=" + data, "--tmpdir=" + tmp,
                        "--auth-root-authentication-method=socket", "--skip-test-db", "--user=root"),
                        dataDir.resolve("install.log"));
            }
            Files.deleteIfExists(socket());
            List<String> command = new ArrayList<>(List.of("mariadbd", "--no-defaults",
                    "--datadir=" + data, "--tmpdir=" + tmp, "--socket=" + socket(), "--port=" + port,
                    "--bind-address=127.0.0.1", "--skip-name-resolve", "--user=root",
                    "--pid-file=" + dataDir.resolve("mariadbd.pid"), "--log-error=" + dataDir.resolve("error.log"),
                    "--innodb-buffer-pool-size=32M", "--innodb-log-file-size=16M",
                    "--innodb-flush-log-at-trx-commit=2", "--max-connections=300"));
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(dataDir.resolve("mariadbd.out").toFile())).start();
            stopRequested = false;
            Process started = process;
            started.onExit().thenRun(() -> exited(started));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (!Files.exists(socket()) || !acceptsTcp()) {
                if (!process.isAlive()) {
                    throw new IllegalStateException("mariadbd exited; see " + dataDir.resolve("error.log"));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("mariadbd did not start in 30 s; see " + dataDir.resolve("error.log"));
                }
                Thread.sleep(50);
            }
        } catch (IOException e) {
            throw new IllegalStateException("could not start mariadbd (is Debian's mariadb-server installed?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting mariadbd", e);
        }
    }

    /**
     * Calls {@code listener}, on a thread of its own, each time the server process ends without
     * {@link #stopServer()}: a crash, the OOM killer, {@link #kill()}. Replaces an earlier listener.
     */
    public synchronized void onUnexpectedExit(Runnable listener) {
        onUnexpectedExit = listener;
    }

    private void exited(Process exited) {
        Runnable listener;
        synchronized (this) {
            if (exited != process || stopRequested) {
                return;
            }
            listener = onUnexpectedExit;
        }
        listener.run();
    }

    /** SIGKILL to the server process, as a crash or the OOM killer would end it; waits until it is gone. Data stays. */
    public void kill() {
        Process running;
        synchronized (this) {
            requireOwned();
            running = process;
        }
        if (running != null && running.isAlive()) {
            running.destroyForcibly();
            try {
                running.waitFor();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Whether the server process runs now (an external server counts as running). */
    public synchronized boolean isRunning() {
        return !owned || process != null && process.isAlive();
    }

    /** Stops the server process cleanly, as `systemctl stop mariadb` would; data stays. */
    public synchronized void stopServer() {
        requireOwned();
        stopRequested = true;
        if (process != null && process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    public boolean isOwned() {
        return owned;
    }

    public void stop() {
        if (owned) {
            stopServer();
        }
    }

    private void admin(String... statements) {
        try {
            List<String> command = new ArrayList<>(List.of("mariadb", "--no-defaults", "--socket=" + socket(),
                    "-u", "root", "-e", String.join(";", statements)));
            run(command, dataDir.resolve("admin.log"));
        } catch (IOException e) {
            throw new IllegalStateException("could not run the mariadb client", e);
        }
    }

    private boolean acceptsTcp() {
        try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
            return true;
        } catch (IOException notYet) {
            return false;
        }
    }

    private Path socket() {
        return dataDir.resolve("mariadbd.sock");
    }

    private void requireOwned() {
        if (!owned) {
            throw new IllegalStateException("this MariaDB is not ours to start or stop (CACIFO_TEST_DB is set)");
        }
    }

    private static void run(List<String> command, Path log) throws IOException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        try {
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException(command.get(0) + " failed; see " + log);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted running " + command.get(0), e);
        }
    }

    /** A TCP port nobody listens on right now. */
    public static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // A temp directory left behind is harmless; the test result does not depend on it.
        }
    }

    /** Runs SQL as the test user, for setting up a database outside the functions. */
    public void execute(String database, String sql) throws SQLException {
        try (Connection connection = connect(database); Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
