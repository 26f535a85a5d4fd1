package dev.blau.chat.users.control;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.stream.Collectors;

import jakarta.annotation.Resource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

import dev.blau.chat.callers.UserRef;
import dev.blau.chat.users.entity.ChatUser;
import dev.blau.common.persistence.Lookups;

/**
 * The user directory of chat-app. Names change rarely, so a user is written only when this
 * server has not yet seen them with the same names.
 */
@ApplicationScoped
public class ChatUsers {

    private static final int MAX_REMEMBERED = 50_000;
    /** What an erased account is called from then on. */
    public static final String ERASED_NAME = "Deleted user";

    @PersistenceContext(unitName = "chat")
    EntityManager em;

    @Resource
    TransactionSynchronizationRegistry transaction;

    private final Map<String, UserRef> written = new ConcurrentHashMap<>();

    @Transactional
    public void remember(UserRef user) {
        if (user.equals(written.get(user.id()))) {
            return;
        }
        em.createNativeQuery("""
                        INSERT INTO chat.chat_user (id, username, display_name) VALUES (?1, ?2, ?3)
                        ON CONFLICT (id) DO UPDATE SET username = excluded.username,
                            display_name = excluded.display_name, updated_at = now()
                        WHERE chat_user.erased_at IS NULL
                          AND (chat_user.username <> excluded.username
                               OR chat_user.display_name IS DISTINCT FROM excluded.display_name)""")
                .setParameter(1, user.id())
                .setParameter(2, user.username())
                .setParameter(3, user.displayName())
                .executeUpdate();
        if (written.size() > MAX_REMEMBERED) {
            written.clear();
        }
        written.put(user.id(), user);
    }

    /** A user first seen through a {@code user.registered} event: their display name is not known yet. */
    @Transactional
    public void rememberUsername(String id, String username) {
        em.createNativeQuery("""
                        INSERT INTO chat.chat_user (id, username) VALUES (?1, ?2)
                        ON CONFLICT (id) DO NOTHING""")
                .setParameter(1, id)
                .setParameter(2, username)
                .executeUpdate();
    }

    /**
     * An erased account keeps its id (its messages keep their author) and loses its names for
     * good: a token it was given before stays valid a few minutes, but brings no name back.
     */
    @Transactional
    public void erase(String id) {
        written.remove(id);
        em.createNativeQuery("""
                        INSERT INTO chat.chat_user (id, username, display_name, erased_at)
                        VALUES (?1, 'deleted-' || left(md5(?1), 8), ?2, now())
                        ON CONFLICT (id) DO UPDATE SET username = excluded.username,
                            display_name = excluded.display_name, updated_at = now(),
                            erased_at = coalesce(chat_user.erased_at, excluded.erased_at)""")
                .setParameter(1, id)
                .setParameter(2, ERASED_NAME)
                .executeUpdate();
    }

    @Transactional
    public Optional<UserRef> find(String id) {
        return Lookups.find(em, transaction, ChatUser.class, id).map(ChatUser::ref);
    }

    @Transactional
    public Map<String, UserRef> findAll(Collection<String> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        List<ChatUser> users = em.createQuery("SELECT u FROM ChatUser u WHERE u.id IN :ids", ChatUser.class)
                .setParameter("ids", ids)
                .getResultList();
        return users.stream().map(ChatUser::ref).collect(Collectors.toMap(UserRef::id, Function.identity()));
    }
}
