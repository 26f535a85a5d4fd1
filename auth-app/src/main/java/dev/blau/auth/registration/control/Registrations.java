package dev.blau.auth.registration.control;

import java.util.logging.Level;
import java.util.logging.Logger;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import dev.blau.auth.AuthProblems;
import dev.blau.auth.events.control.UserEvents;
import dev.blau.auth.events.entity.UserEvent;
import dev.blau.auth.keycloak.control.KeycloakClient;
import dev.blau.auth.profiles.control.ProfileRepository;
import dev.blau.auth.profiles.entity.UserProfile;

/**
 * Registers a user in two places, Keycloak (credentials) and PostgreSQL (profile), and never
 * leaves one without the other: the Keycloak user is made first; if the profile cannot be
 * stored it is deleted again.
 */
@ApplicationScoped
public class Registrations {

    private static final Logger LOG = Logger.getLogger(Registrations.class.getName());

    @Inject
    KeycloakClient keycloak;

    @Inject
    ProfileRepository profiles;

    @Inject
    UserEvents events;

    public UserProfile register(String username, String email, String password, String displayName) {
        String id = keycloak.createUser(username, email, password);
        UserProfile profile;
        try {
            profile = profiles.create(new UserProfile(id, username, email, displayName));
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "Profile of new user " + id + " not stored; removing the Keycloak user", e);
            try {
                keycloak.deleteUser(id);
            } catch (RuntimeException cleanup) {
                LOG.log(Level.SEVERE, "Keycloak user " + id + " (" + username + ") has no profile and could not be removed", cleanup);
            }
            throw AuthProblems.registrationNotStored(e);
        }
        events.publish(UserEvent.registered(id, username));
        return profile;
    }
}
