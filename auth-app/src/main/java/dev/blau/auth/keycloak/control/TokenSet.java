package dev.blau.auth.keycloak.control;

import jakarta.json.bind.annotation.JsonbPropertyOrder;

/** What a successful sign-in or refresh answers: the shape of the API contract. */
@JsonbPropertyOrder({"accessToken", "refreshToken", "expiresIn", "refreshExpiresIn", "tokenType"})
public record TokenSet(String accessToken, String refreshToken, long expiresIn, long refreshExpiresIn,
                       String tokenType) {

    @Override
    public String toString() {
        // never print a token
        return "TokenSet[expiresIn=" + expiresIn + ", refreshExpiresIn=" + refreshExpiresIn + "]";
    }
}
