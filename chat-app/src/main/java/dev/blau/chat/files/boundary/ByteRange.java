package dev.blau.chat.files.boundary;

/**
 * One byte range of a {@code Range} header (RFC 9110 §14.1.2) resolved against a size:
 * {@code bytes=a-b}, {@code bytes=a-} or the last {@code n} bytes {@code bytes=-n}. Several
 * ranges or a header this does not understand are ignored (the whole file is served), as the RFC allows.
 */
record ByteRange(long start, long end, boolean satisfiable) {

    /** The range asked for, or null for the whole file. */
    static ByteRange parse(String header, long size) {
        if (header == null || !header.startsWith("bytes=") || header.indexOf(',') >= 0) {
            return null;
        }
        String spec = header.substring("bytes=".length()).strip();
        int dash = spec.indexOf('-');
        if (dash < 0) {
            return null;
        }
        try {
            String first = spec.substring(0, dash).strip();
            String last = spec.substring(dash + 1).strip();
            if (first.isEmpty()) { // a suffix: the last n bytes
                long n = Long.parseLong(last);
                if (n <= 0) {
                    return new ByteRange(0, 0, false);
                }
                return size == 0 ? new ByteRange(0, 0, false) : new ByteRange(Math.max(0, size - n), size - 1, true);
            }
            long start = Long.parseLong(first);
            long end = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            if (start < 0 || (!last.isEmpty() && Long.parseLong(last) < start)) {
                return null; // not a valid range: ignored
            }
            return start >= size ? new ByteRange(start, start, false) : new ByteRange(start, end, true);
        } catch (NumberFormatException e) {
            return null;
        }
    }

    long length() {
        return end - start + 1;
    }
}
