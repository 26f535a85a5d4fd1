package dev.blau.chat.files.control;

import java.io.IOException;

/** The blob store has nothing under the key. */
public class MissingBlobException extends IOException {

    public MissingBlobException(String key) {
        super("no blob " + key);
    }
}
