package dev.blau.auth.keycloak.control;

import java.util.function.Supplier;

import jakarta.ws.rs.client.ClientRequestContext;
import jakarta.ws.rs.client.ClientRequestFilter;
import jakarta.ws.rs.core.HttpHeaders;

/** Signs every admin API call with the service account's access token. */
class ServiceAccountToken implements ClientRequestFilter {

    private final Supplier<String> token;

    ServiceAccountToken(Supplier<String> token) {
        this.token = token;
    }

    @Override
    public void filter(ClientRequestContext request) {
        request.getHeaders().putSingle(HttpHeaders.AUTHORIZATION, "Bearer " + token.get());
    }
}
