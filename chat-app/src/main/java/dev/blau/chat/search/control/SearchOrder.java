package dev.blau.chat.search.control;

/** How results are ordered: newest first (the default), or best match first. */
public enum SearchOrder {
    NEWEST, RELEVANCE
}
