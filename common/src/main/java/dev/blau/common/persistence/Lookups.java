package dev.blau.common.persistence;

import java.util.Optional;

import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;

import dev.blau.common.problem.ServiceOutage;

/**
 * {@link EntityManager#find} that cannot take a database failure for a missing row: inside a
 * JTA transaction already marked for rollback (a pooled connection that died with a database
 * restart fails to enlist), Hibernate answers {@code null} instead of throwing (HHH-12472), and
 * "no such room" would go out while the room is fine.
 */
public final class Lookups {

    private Lookups() {
    }

    public static <T> Optional<T> find(EntityManager em, TransactionSynchronizationRegistry transaction,
                                       Class<T> type, Object id) {
        T found = em.find(type, id);
        if (found == null && transaction.getTransactionKey() != null && transaction.getRollbackOnly()) {
            throw new ServiceOutage.Unreachable("database");
        }
        return Optional.ofNullable(found);
    }
}
