package dev.blau.auth.profiles.control;

import java.util.Optional;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;

import org.eclipse.microprofile.jwt.Claims;
import org.eclipse.microprofile.jwt.JsonWebToken;

import dev.blau.auth.AuthProblems;
import dev.blau.auth.profiles.entity.UserProfile;
import dev.blau.common.privacy.DataRequests;

/** Profiles of signed-in users, made on first use for people who came through single sign-on. */
@ApplicationScoped
public class Profiles {

    @Inject
    ProfileRepository repository;

    @Inject
    DataRequests requests;

    /** The caller's profile; created from the token's claims if this is their first call. */
    public UserProfile of(JsonWebToken caller) {
        String id = caller.getSubject();
        return repository.find(id).orElseGet(() -> createFromToken(caller));
    }

    private UserProfile createFromToken(JsonWebToken caller) {
        // a token issued before its account was erased is still valid for a few minutes: it brings nothing back
        if (requests.erasureOf(caller.getSubject()).isPresent()) {
            throw AuthProblems.accountErased();
        }
        String username = Optional.ofNullable(caller.<String>getClaim(Claims.preferred_username.name()))
                .orElse(caller.getName());
        String email = Optional.ofNullable(caller.<String>getClaim(Claims.email.name())).orElse("");
        String name = Optional.ofNullable(caller.<String>getClaim("name")).filter(n -> !n.isBlank()).orElse(username);
        try {
            return repository.create(new UserProfile(caller.getSubject(), username, email, name));
        } catch (PersistenceException | jakarta.transaction.TransactionalException e) {
            // two first calls at once: the other one made it
            return repository.find(caller.getSubject()).orElseThrow(() -> e);
        }
    }
}
