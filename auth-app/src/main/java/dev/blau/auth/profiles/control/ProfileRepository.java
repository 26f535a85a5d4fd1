package dev.blau.auth.profiles.control;

import java.util.List;
import java.util.Optional;

import dev.blau.auth.profiles.entity.UserProfile;

/** The profiles of BLAU's users, keyed by the Keycloak subject. */
public interface ProfileRepository {

    Optional<UserProfile> find(String id);

    UserProfile create(UserProfile profile);

    UserProfile update(String id, String displayName, String locale, String statusMessage);

    /** Removes the profile (an erased account); nothing when there is none. */
    void delete(String id);

    /** Users whose username or display name starts with the query (case-insensitive), by username. */
    List<UserProfile> search(String query, int limit);
}
