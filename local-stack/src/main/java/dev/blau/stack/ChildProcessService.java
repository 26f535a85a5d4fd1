package dev.blau.stack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A service the launcher runs as a {@link ChildProcess} of its own, its output appended to its log file.
 * A subclass says what is its own: the command line, environment and working directory, how long it
 * may take to stop, and when it is ready.
 */
public abstract class ChildProcessService implements ManagedService {

    private final Path logFile;
    private final Duration stopGrace;
    private ChildProcess process;

    /** @param stopGrace how long the process has after SIGTERM before it is killed */
    protected ChildProcessService(Path logFile, Duration stopGrace) {
        this.logFile = logFile;
        this.stopGrace = stopGrace;
    }

    /** Whatever must be in place before the process starts (files unpacked, directories made). */
    protected void prepare() throws IOException {
    }

    protected abstract List<String> command();

    /** Added to the launcher's environment. */
    protected abstract Map<String, String> environment();

    protected abstract Path workingDirectory();

    @Override
    public Path logFile() {
        return logFile;
    }

    @Override
    public synchronized void start() throws IOException {
        prepare();
        Map<String, String> env = new LinkedHashMap<>(environment());
        // kc.sh and wlp/bin/server need a JDK: the launcher's own, unless environment() names one
        env.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
        process = ChildProcess.start(command(), env, workingDirectory(), logFile);
    }

    @Override
    public boolean isAlive() {
        ChildProcess p = process;
        return p == null || p.isAlive();
    }

    @Override
    public synchronized void stop() {
        if (process != null) {
            process.stop(stopGrace);
            process = null;
        }
    }

    /** SIGKILL to the whole process tree: no shutdown hooks, sockets drop, nothing is said to anyone. */
    protected synchronized void killProcess() {
        if (process != null) {
            process.kill();
            process = null;
        }
    }

    @Override
    public OptionalLong pid() {
        ChildProcess p = process;
        return p == null ? OptionalLong.empty() : OptionalLong.of(p.pid());
    }
}
