package dev.blau.common.openapi;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Adds to every operation of the OpenAPI document the error answers it can give, each an
 * {@code application/problem+json} {@code Problem} (docs/api.md, "Errors"): 400 where it takes
 * a body or parameters, 401 and 403 where it needs a caller, 404 where the path names
 * something, 429 and 503 where a limit or a backing service may refuse it, 500 everywhere.
 * An operation that declares an answer itself keeps its description, and gets the problem body. Registered by
 * {@code mp.openapi.filter}, so the answers written in the code stay about success.
 */
public class ProblemResponses implements OASFilter {

    static final String SCHEMA = "Problem";
    private static final String REF = "#/components/schemas/" + SCHEMA;

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema(SCHEMA, problemSchema());
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
            boolean namesSomething = path.getKey().contains("{");
            Map<PathItem.HttpMethod, Operation> operations = path.getValue().getOperations();
            if (operations == null) {
                continue;
            }
            operations.forEach((method, operation) -> describe(operation, method, namesSomething));
        }
    }

    private static void describe(Operation operation, PathItem.HttpMethod method, boolean namesSomething) {
        if (operation.getResponses() == null) {
            operation.setResponses(OASFactory.createAPIResponses());
        }
        APIResponses responses = operation.getResponses();
        // the error answers the code declares (a status and why) are problems too
        if (responses.getAPIResponses() != null) {
            responses.getAPIResponses().forEach((status, response) -> {
                if (status.startsWith("4") || status.startsWith("5")) {
                    if (response.getContent() == null && !"416".equals(status)) {
                        response.setContent(problemContent());
                    }
                }
            });
        }
        boolean takesInput = operation.getRequestBody() != null
                || (operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(p -> p.getIn() != org.eclipse.microprofile.openapi.models.parameters.Parameter.In.PATH));
        boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
        if (takesInput) {
            add(responses, "400", "The request is invalid: `detail` says why, `errors` lists each field");
        }
        if (secured) {
            add(responses, "401", "No valid credentials (a bearer token, or a bot token where allowed)");
            add(responses, "403", "The caller may not do this (`type` says which rule refused it)");
        }
        if (namesSomething) {
            add(responses, "404", "Nothing of that id that the caller may see (exactly as if it did not exist)");
        }
        if (method != PathItem.HttpMethod.GET && method != PathItem.HttpMethod.HEAD) {
            add(responses, "429", "Over a rate limit: wait as `Retry-After` says");
        }
        add(responses, "500", "Something went wrong on the server's side: `detail` holds an incident id for its log");
        add(responses, "503", "A service it needs is away for the moment: nothing was done; try again after `Retry-After`");
    }

    private static void add(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        APIResponse response = OASFactory.createAPIResponse().description(description)
                .content(problemContent());
        responses.addAPIResponse(status, response);
    }

    private static Content problemContent() {
        return OASFactory.createContent().addMediaType("application/problem+json",
                OASFactory.createMediaType().schema(OASFactory.createSchema().ref(REF)));
    }

    static Schema problemSchema() {
        Schema error = OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("message", OASFactory.createSchema().addType(Schema.SchemaType.STRING));
        return OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details, the body of every error answer")
                .required(List.of("type", "title", "status"))
                .addProperty("type", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri")
                        .examples(List.of("https://blau.dev/problems/room-not-found")))
                .addProperty("title", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER))
                .addProperty("detail", OASFactory.createSchema().addType(Schema.SchemaType.STRING))
                .addProperty("instance", OASFactory.createSchema().addType(Schema.SchemaType.STRING).format("uri"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY).items(error));
    }
}
