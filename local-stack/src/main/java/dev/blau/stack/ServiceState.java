package dev.blau.stack;

public enum ServiceState {
    STOPPED, STARTING, RUNNING, FAILED;

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
