package org.parley.accounts;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.parley.events.EventBus;
import org.parley.events.MemberChanged;
import org.parley.events.MemberJoined;
import org.parley.events.SessionsEnded;
import org.parley.module.SearchDocument;
import org.parley.module.Searchable;
import org.parley.module.Searcher;
import org.parley.storage.Database;

/**
 * Members as search finds them: by username, display name and bio; a deleted account is gone. A member who blocked the searcher,
 * or whom the searcher blocked, is never found (as everywhere else, a block hides both ways).
 */
final class MemberSearch implements Searchable {

    private final Database db;
    private final MemberStore store;

    MemberSearch(Database db, MemberStore store) {
        this.db = db;
        this.store = store;
    }

    @Override
    public String kind() {
        return MEMBER;
    }

    @Override
    public void all(Consumer<SearchDocument> out) {
        db.read(conn -> {
            store.each(conn, m -> out.accept(document(m)));
            return null;
        });
    }

    @Override
    public Optional<SearchDocument> one(String id) {
        long member;
        try {
            member = Long.parseLong(id);
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
        return db.read(conn -> store.byId(conn, member)).map(MemberSearch::document);
    }

    @Override
    public void follow(EventBus events, Consumer<String> changed) {
        events.subscribe(MemberJoined.class, e -> changed.accept(Long.toString(e.memberId())));
        events.subscribe(MemberChanged.class, e -> changed.accept(Long.toString(e.memberId())));
        // A deleted account's sessions end with it: re-read, it is gone (byId skips deleted members).
        events.subscribe(SessionsEnded.class, e -> changed.accept(Long.toString(e.memberId())));
    }

    @Override
    public Predicate<SearchDocument> visibleTo(Searcher searcher) {
        return d -> !searcher.blockedEitherWay(Long.parseLong(d.id()));
    }

    static SearchDocument document(Member m) {
        Map<String, String> shown = new HashMap<>();
        shown.put("username", m.username());
        shown.put("displayName", m.displayName());
        shown.put("bio", m.bio() == null ? "" : m.bio());
        if (m.avatarUrl() != null) {
            shown.put("avatarUrl", m.avatarUrl());
        }
        if (m.verified() != null) {
            shown.put("verified", m.verified());
        }
        if (m.organization()) {
            shown.put("organization", "true");
        }
        return new SearchDocument(MEMBER, Long.toString(m.id()), List.of(m.username(), m.displayName()), m.bio(),
                Set.of(m.id()), shown);
    }
}
