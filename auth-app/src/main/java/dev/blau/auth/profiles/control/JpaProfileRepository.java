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

@ApplicationScoped
@Transactional
public class JpaProfileRepository implements ProfileRepository {

    @PersistenceContext(unitName = "auth")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transaction;

    @Override
    public Optional<UserProfile> find(String id) {
        return Lookups.find(em, transaction, UserProfile.class, id);
    }

    @Override
    public UserProfile create(UserProfile profile) {
        em.persist(profile);
        em.flush(); // a duplicate shows here, inside the caller's try, not at commit
        return profile;
    }

    @Override
    public UserProfile update(String id, String displayName, String locale, String statusMessage) {
        UserProfile profile = Lookups.find(em, transaction, UserProfile.class, id)
                .orElseThrow(() -> new IllegalArgumentException("no profile " + id));
        profile.setDisplayName(displayName);
        profile.setLocale(locale);
        profile.setStatusMessage(statusMessage);
        em.flush();
        return profile;
    }

    @Override
    public void delete(String id) {
        em.createQuery("DELETE FROM UserProfile p WHERE p.id = :id").setParameter("id", id).executeUpdate();
    }

    @Override
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
