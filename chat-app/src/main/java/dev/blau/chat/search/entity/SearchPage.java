package dev.blau.chat.search.entity;

import java.util.List;

import jakarta.json.bind.annotation.JsonbNillable;

/** A page of results, and the cursor of the next one ({@code null} after the last). */
@JsonbNillable // "nextCursor": null says there is no more
public record SearchPage(List<SearchResult> results, String nextCursor) {
}
