package dev.blau.auth.profiles.control;

import java.util.List;
import java.util.Optional;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import dev.blau.auth.profiles.entity.UserProfile;
import dev.blau.common.persistence.Lookups;

/** The profiles of BLAU's users, keyed by the Keycloak subject. */
@ApplicationScoped
@Transactional
public class ProfileRepository {

    @PersistenceContext(unitName = "auth")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transaction;

    public Optional<UserProfile> find(String id) {
        return Lookups.find(em, transaction, UserProfile.class, id);
    }

    public UserProfile create(UserProfile profile) {
        em.persist(profile);
        em.flush(); // a duplicate shows here, inside the caller's try, not at commit
        return profile;
    }

    public UserProfile update(String id, String displayName, String locale, String statusMessage) {
        UserProfile profile = Lookups.find(em, transaction, UserProfile.class, id)
                .orElseThrow(() -> new IllegalArgumentException("no profile " + id));
        profile.setDisplayName(displayName);
        profile.setLocale(locale);
        profile.setStatusMessage(statusMessage);
        em.flush();
        return profile;
    }

    /** Removes the profile (an erased account); nothing when there is none. */
    public void delete(String id) {
        em.createQuery("DELETE FROM UserProfile p WHERE p.id = :id").setParameter("id", id).executeUpdate();
    }

    /** Users whose username or display name starts with the query (case-insensitive), by username. */
    public List<UserProfile> search(String query, int limit) {
        String prefix = query.toLowerCase().replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        return em.createQuery("""
                        SELECT p FROM UserProfile p
                        WHERE lower(p.username) LIKE :prefix ESCAPE '\\'
                           OR lower(p.displayName) LIKE :prefix ESCAPE '\\'
                        ORDER BY p.username""", UserProfile.class)
                .setParameter("prefix", prefix)
                .setMaxResults(limit)
                .getResultList();
    }
}
