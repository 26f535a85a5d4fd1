package dev.blau.chat.search.boundary;

import java.util.Locale;

import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.faulttolerance.exceptions.BulkheadException;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import dev.blau.chat.ChatProblems;
import dev.blau.chat.callers.Caller;
import dev.blau.chat.search.control.MessageSearch;
import dev.blau.chat.search.control.SearchOrder;
import dev.blau.chat.search.control.SearchQuery;
import dev.blau.chat.search.entity.SearchPage;

@Path("search")
@DenyAll
@RequestScoped
@Tag(name = "search")
@SecurityRequirement(name = "bearer")
@SecurityRequirement(name = "bot")
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    private static final long SEARCH_RETRY_AFTER_SECONDS = 1;

    @Inject
    Caller caller;

    @Inject
    MessageSearch search;

    @GET
    @RolesAllowed("user")
    @Operation(summary = "Messages matching words (accents, case and word endings aside; substrings of 3+ characters),"
            + " \"phrases\", from:@username and in:#room, in the rooms the caller may read, newest first or by relevance")
    public SearchPage search(@QueryParam("q") String q,
                             @QueryParam("roomId") String roomId,
                             @QueryParam("limit") @DefaultValue("20")
                             @Min(value = 1, message = "must be 1 to 50") @Max(value = MessageSearch.MAX_LIMIT,
                                     message = "must be 1 to 50") int limit,
                             @QueryParam("cursor") String cursor,
                             @QueryParam("sort") @DefaultValue("newest") String sort) {
        SearchOrder order = switch (sort.toLowerCase(Locale.ROOT)) {
            case "newest" -> SearchOrder.NEWEST;
            case "relevance" -> SearchOrder.RELEVANCE;
            default -> throw ChatProblems.invalid("sort", "must be newest or relevance");
        };
        try {
            return search.search(caller.id(), SearchQuery.parse(q), roomId == null || roomId.isBlank() ? null : roomId,
                    order, limit, cursor);
        } catch (SearchQuery.InvalidQueryException e) {
            throw ChatProblems.invalidQuery(e.getMessage());
        } catch (MessageSearch.SearchTooBroadException e) {
            throw ChatProblems.searchTooBroad(e.getMessage());
        } catch (BulkheadException e) {
            throw ChatProblems.searchBusy(SEARCH_RETRY_AFTER_SECONDS);
        }
    }
}
