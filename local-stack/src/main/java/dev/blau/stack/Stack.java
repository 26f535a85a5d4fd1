package dev.blau.stack;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Starts services in groups (parallel inside a group), waits for readiness, stops them in reverse order. */
public final class Stack {

    /** A service failed to start or to become ready. */
    public static final class StartFailure extends Exception {
        private final transient ManagedService service;

        StartFailure(ManagedService service, String message, Throwable cause) {
            super(message, cause);
            this.service = service;
        }

        public ManagedService service() {
            return service;
        }
    }

    private static final class Entry {
        final ManagedService service;
        volatile ServiceState state = ServiceState.STOPPED;
        volatile long startMillis = -1;

        Entry(ManagedService service) {
            this.service = service;
        }
    }

    // replaced, never changed in place, so readers iterate it without locks
    private volatile Map<String, Entry> entries;
    private final Map<String, Supplier<ManagedService>> onDemand;
    private final PrintStream out;
    private volatile boolean closing;

    public Stack(List<ManagedService> services, PrintStream out) {
        this(services, Map.of(), out);
    }

    /** @param onDemand services not started with the stack, added when first asked to start */
    public Stack(List<ManagedService> services, Map<String, Supplier<ManagedService>> onDemand, PrintStream out) {
        Map<String, Entry> initial = new LinkedHashMap<>();
        services.forEach(s -> initial.put(s.name(), new Entry(s)));
        this.entries = initial;
        this.onDemand = Map.copyOf(onDemand);
        this.out = out;
    }

    /** Whether {@link #start(String)} knows the name: a service of the stack, or one added on demand. */
    public boolean knows(String name) {
        return entries.containsKey(name) || onDemand.containsKey(name);
    }

    private synchronized void addOnDemand(String name) {
        if (!entries.containsKey(name) && onDemand.containsKey(name)) {
            Map<String, Entry> next = new LinkedHashMap<>(entries);
            next.put(name, new Entry(onDemand.get(name).get()));
            entries = next;
        }
    }

    public List<ManagedService> services() {
        return entries.values().stream().map(e -> e.service).toList();
    }

    public Optional<ManagedService> find(String name) {
        return Optional.ofNullable(entries.get(name)).map(e -> e.service);
    }

    /** Starts each group after the previous one is ready; the services of one group start in parallel. */
    public void startGroups(List<List<String>> groups) throws StartFailure {
        ExecutorService pool = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "stack-start");
            t.setDaemon(true);
            return t;
        });
        try {
            for (List<String> group : groups) {
                List<CompletableFuture<Void>> starts = new ArrayList<>();
                for (String name : group) {
                    if (entries.containsKey(name)) {
                        starts.add(CompletableFuture.runAsync(() -> {
                            try {
                                start(name);
                            } catch (StartFailure f) {
                                throw new CompletionException(f);
                            }
                        }, pool));
                    }
                }
                try {
                    CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
                } catch (CompletionException e) {
                    if (e.getCause() instanceof StartFailure f) {
                        throw f;
                    }
                    throw e;
                }
            }
        } finally {
            pool.shutdown();
        }
    }

    /** Starts one service and waits until it is ready, polling every 200 ms up to its timeout. */
    public void start(String name) throws StartFailure {
        addOnDemand(name);
        Entry entry = entry(name);
        ManagedService service = entry.service;
        if (closing) {
            throw new StartFailure(service, "the stack is stopping", null);
        }
        if (entry.state == ServiceState.RUNNING || entry.state == ServiceState.STARTING) {
            return;
        }
        entry.state = ServiceState.STARTING;
        out.println(service.displayName() + " … starting");
        long t0 = System.nanoTime();
        try {
            service.start();
            long deadline = t0 + service.readyTimeout().toNanos();
            while (!service.isReady()) {
                if (closing) {
                    throw new StartFailure(service, "the stack is stopping", null);
                }
                if (!service.isAlive()) {
                    throw new StartFailure(service, service.displayName() + " exited while starting", null);
                }
                if (System.nanoTime() > deadline) {
                    throw new StartFailure(service, service.displayName() + " not ready after "
                            + service.readyTimeout().toSeconds() + " s", null);
                }
                Thread.sleep(200);
            }
        } catch (StartFailure f) {
            entry.state = ServiceState.FAILED;
            throw f;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            entry.state = ServiceState.FAILED;
            throw new StartFailure(service, "interrupted", e);
        } catch (Exception e) {
            entry.state = ServiceState.FAILED;
            throw new StartFailure(service, service.displayName() + " failed to start: " + e, e);
        }
        entry.startMillis = (System.nanoTime() - t0) / 1_000_000;
        entry.state = ServiceState.RUNNING;
        out.printf(Locale.ROOT, "%s ready in %.1f s on %s%n", service.displayName(), entry.startMillis / 1000.0,
                service.address());
    }

    /** Ends one service the way a crash would (SIGKILL), for tests of what survives it. */
    public void kill(String name) {
        Entry entry = entry(name);
        if (entry.state != ServiceState.STOPPED) {
            entry.service.kill();
            entry.state = ServiceState.STOPPED;
            out.println(entry.service.displayName() + " killed");
        }
    }

    /**
     * Freezes a service of its own process (SIGSTOP to its process tree), as a server that no longer
     * gets the CPU would be: connections stay open, requests wait. {@link #resume} thaws it.
     */
    public void pause(String name) throws IOException {
        signal(name, "-STOP");
    }

    public void resume(String name) throws IOException {
        signal(name, "-CONT");
    }

    private void signal(String name, String signal) throws IOException {
        Entry entry = entry(name);
        long pid = entry.service.pid().orElseThrow(() ->
                new IllegalArgumentException(entry.service.displayName() + " has no process of its own to signal"));
        List<String> command = new ArrayList<>(List.of("kill", signal, Long.toString(pid)));
        ProcessHandle.of(pid).ifPresent(root -> root.descendants().forEach(child -> command.add(Long.toString(child.pid()))));
        try {
            int exit = new ProcessBuilder(command).redirectErrorStream(true).start().waitFor();
            if (exit != 0) {
                throw new IOException("kill " + signal + " exited with " + exit);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while signalling " + name, e);
        }
        out.println(entry.service.displayName() + (signal.equals("-STOP") ? " paused" : " resumed"));
    }

    public void stop(String name) {
        Entry entry = entry(name);
        if (entry.state != ServiceState.STOPPED) {
            entry.service.stop();
            entry.state = ServiceState.STOPPED;
            out.println(entry.service.displayName() + " stopped");
        }
    }

    /**
     * A cold backup of a service whose data is one file: stops it, copies the file to
     * {@code target} (replacing it), and starts it again if it was running. Clients see the
     * service away for that time, as in any outage.
     */
    public void backup(String name, Path target) throws StartFailure, IOException {
        Path file = stateFile(name);
        copyWhileStopped(name, file, target);
    }

    /** Replaces a service's data file with a backup {@code source}, the service stopped meanwhile. */
    public void restore(String name, Path source) throws StartFailure, IOException {
        if (!Files.isRegularFile(source)) {
            throw new NoSuchFileException(source.toString(), null, "no backup file there");
        }
        copyWhileStopped(name, source, stateFile(name));
    }

    private Path stateFile(String name) {
        return entry(name).service.stateFile().orElseThrow(() -> new IllegalArgumentException(
                name + " is not backed up by copying a file (PostgreSQL: pg_dump and pg_restore)"));
    }

    private void copyWhileStopped(String name, Path from, Path to) throws StartFailure, IOException {
        boolean wasRunning = entry(name).state == ServiceState.RUNNING;
        stop(name);
        try {
            Path partial = to.resolveSibling(to.getFileName() + ".partial");
            Files.copy(from, partial, StandardCopyOption.REPLACE_EXISTING);
            Files.move(partial, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            if (wasRunning) {
                start(name);
            }
        }
    }

    /** Stops everything in reverse start order; safe to call more than once and while starting. */
    public synchronized void stopAll() {
        closing = true;
        List<Entry> reversed = new ArrayList<>(entries.values());
        java.util.Collections.reverse(reversed);
        for (Entry entry : reversed) {
            try {
                stop(entry.service.name());
            } catch (RuntimeException e) {
                out.println(entry.service.displayName() + " did not stop cleanly: " + e);
            }
        }
    }

    public boolean isReady() {
        return entries.values().stream().allMatch(e -> e.state == ServiceState.RUNNING);
    }

    public List<ServiceStatus> statuses() {
        List<ServiceStatus> list = new ArrayList<>();
        for (Entry e : entries.values()) {
            ManagedService s = e.service;
            OptionalLong pid = e.state == ServiceState.STOPPED ? OptionalLong.empty() : s.pid();
            boolean inLauncher = s.inLauncher();
            if (inLauncher && e.state != ServiceState.STOPPED) {
                pid = OptionalLong.of(ProcessHandle.current().pid());
            }
            OptionalLong rss = inLauncher || pid.isEmpty() ? OptionalLong.empty() : ProcessInfo.treeRssKb(pid.getAsLong());
            list.add(new ServiceStatus(s.name(), s.displayName(), e.state, s.mainPort(), s.address(), pid, inLauncher,
                    e.startMillis, rss));
        }
        return list;
    }

    /** The JSON document served by GET /services and written to last-start.json. */
    public Map<String, Object> statusDocument(Map<String, String> env) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ready", isReady());
        long self = ProcessHandle.current().pid();
        Map<String, Object> launcher = new LinkedHashMap<>();
        launcher.put("pid", self);
        OptionalLong rss = ProcessInfo.rssKb(self);
        launcher.put("rssKb", rss.isPresent() ? rss.getAsLong() : null);
        doc.put("launcher", launcher);
        doc.put("services", statuses().stream().map(ServiceStatus::toMap).toList());
        doc.put("env", env);
        return doc;
    }

    private Entry entry(String name) {
        Entry entry = entries.get(name);
        if (entry == null) {
            throw new IllegalArgumentException("No service named " + name);
        }
        return entry;
    }
}
