package dev.blau.testing.bench;

/** A user the load generator registered once and keeps in its cache: enough to sign in again. */
record BenchUser(String id, String username, String password) {
}
