package org.parley.clubs;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.parley.kernel.InvisibleText;
import org.parley.kernel.SpokenLanguages;
import org.parley.kernel.Validation;

/**
 * What a club's fields must be, and who may do what in a club: one table for every role × action,
 * checked on the server for each request ({@code ClubRulesMatrixTest} and {@code ClubPermissionsApiTest}
 * hold it to the table in docs/api.md "Clubs").
 */
final class ClubRules {

    static final int NAME_MAX = 60;
    static final int SLUG_MIN = 3;
    static final int SLUG_MAX = 40;
    static final int TEXT_MAX = 2000;
    static final int TOPICS_MAX = 5;
    static final int TOPIC_MAX = 30;
    /** Lower-case letters and digits, single hyphens between them: readable in a link and never ambiguous. */
    static final String SLUG_PATTERN = "[a-z0-9]+(-[a-z0-9]+)*";
    /** Slugs the web client's own paths use ({@code /c/new}), so no club can take them. */
    static final Set<String> RESERVED_SLUGS = Set.of("new", "mine", "clubs", "admin", "api");

    /** Everything a caller can do with a club. */
    enum Action {
        view, listMembers, follow, join, leave, update, listRequests, answerRequest, invite, setRole, remove, ban, unban,
        startRoom, createEvent, makeInviteLink
    }

    /**
     * Where the caller stands in the club.
     *
     * @param role    null when not a member
     * @param banned  an admin banned them
     */
    record Standing(ClubRole role, boolean banned, boolean requested, boolean invited) {
        static final Standing OUTSIDER = new Standing(null, false, false, false);

        boolean member() {
            return role != null;
        }

        boolean atLeast(ClubRole r) {
            return role != null && role.atLeast(r);
        }
    }

    private ClubRules() {}

    /**
     * Whether {@code actor} may do {@code action} at all (before any target is looked at); empty when
     * allowed. {@code join} depends on the policy: open joins, approval asks, invitation needs an invitation.
     */
    static Optional<Refusal.Reason> permit(Action action, Standing actor, JoinPolicy policy) {
        Refusal.Reason refused = switch (action) {
            case view, listMembers -> null;
            case follow -> actor.banned() ? Refusal.Reason.banned : null;
            case join -> actor.banned() ? Refusal.Reason.banned
                    : actor.member() ? Refusal.Reason.already_member
                    : policy == JoinPolicy.invitation && !actor.invited() ? Refusal.Reason.not_invited : null;
            case leave -> actor.role() == ClubRole.founder ? Refusal.Reason.founder_must_hand_over
                    : actor.member() || actor.requested() ? null : Refusal.Reason.not_a_member;
            case startRoom, createEvent -> actor.atLeast(ClubRole.leader) ? null : Refusal.Reason.not_leader;
            case update, listRequests, answerRequest, invite, setRole, remove, ban, unban, makeInviteLink ->
                    actor.atLeast(ClubRole.admin) ? null : Refusal.Reason.not_admin;
        };
        return Optional.ofNullable(refused);
    }

    /**
     * Whether {@code actor} may act on a member whose role is {@code target} (null: not a member):
     * only on someone below them, so an admin cannot remove another admin, nor anyone the founder.
     */
    static Optional<Refusal.Reason> permitOn(ClubRole actor, ClubRole target) {
        return target != null && actor.compareTo(target) <= 0 ? Optional.of(Refusal.Reason.outranked) : Optional.empty();
    }

    /**
     * Whether {@code actor} may give a member the role {@code to}: roles below their own; the founder
     * also "founder", which hands founding over (the old founder becomes an admin).
     */
    static Optional<Refusal.Reason> permitRole(ClubRole actor, ClubRole target, ClubRole to) {
        if (target == null) {
            return Optional.of(Refusal.Reason.target_not_member);
        }
        Optional<Refusal.Reason> onTarget = permitOn(actor, target);
        if (onTarget.isPresent()) {
            return onTarget;
        }
        if (to == ClubRole.founder) {
            return actor == ClubRole.founder ? Optional.empty() : Optional.of(Refusal.Reason.outranked);
        }
        return actor.compareTo(to) > 0 ? Optional.empty() : Optional.of(Refusal.Reason.outranked);
    }

    // ---- fields ----

    static String name(Validation v, String value, boolean required) {
        if (value == null) {
            if (required) {
                v.required("name", null);
            }
            return null;
        }
        String trimmed = value.strip();
        v.length("name", trimmed, 1, NAME_MAX).printable("name", trimmed, false);
        if (!trimmed.isEmpty() && !InvisibleText.hasVisible(trimmed)) {
            v.add("name", "too_short", "must contain a visible character");
        }
        return trimmed;
    }

    static String slug(Validation v, String value) {
        if (!v.required("slug", value)) {
            return null;
        }
        String slug = value.strip().toLowerCase(Locale.ROOT);
        v.length("slug", slug, SLUG_MIN, SLUG_MAX);
        if (!v.hasError("slug") && !slug.matches(SLUG_PATTERN)) {
            v.add("slug", "invalid_format", "must be lower-case letters and digits, with single hyphens between them");
        }
        if (RESERVED_SLUGS.contains(slug)) {
            v.add("slug", "reserved", "is used by Parley itself");
        }
        return slug;
    }

    /** Description or rules: several lines, at most {@value #TEXT_MAX} characters; null keeps. */
    static String text(Validation v, String field, String value) {
        if (value == null) {
            return null;
        }
        String trimmed = value.strip().replace("\r\n", "\n");
        v.length(field, trimmed, 0, TEXT_MAX).printable(field, trimmed, true);
        return trimmed;
    }

    static List<String> topics(Validation v, JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > TOPICS_MAX) {
            v.add("topics", "invalid_type", "must be a list of at most " + TOPICS_MAX + " topics");
            return null;
        }
        List<String> topics = new ArrayList<>();
        for (JsonNode item : node) {
            String topic = item.isTextual() ? item.textValue().strip() : null;
            if (topic == null || topic.isEmpty() || topic.codePointCount(0, topic.length()) > TOPIC_MAX
                    || topic.contains(",") || !Validation.isPrintable(topic, false) || !InvisibleText.hasVisible(topic)) {
                v.add("topics", "invalid_value", "each topic must be 1 to " + TOPIC_MAX + " visible characters, without commas");
                return null;
            }
            if (topics.stream().noneMatch(topic::equalsIgnoreCase)) {
                topics.add(topic);
            }
        }
        return topics;
    }

    static List<String> languages(Validation v, JsonNode node) {
        if (node == null) {
            return null;
        }
        if (node.isNull()) {
            return List.of();
        }
        if (!node.isArray() || node.size() > SpokenLanguages.MAX_PER_MEMBER) {
            v.add("languages", "invalid_type", "must be a list of at most " + SpokenLanguages.MAX_PER_MEMBER + " language codes");
            return null;
        }
        List<String> codes = new ArrayList<>();
        for (JsonNode item : node) {
            if (!item.isTextual() || !SpokenLanguages.isCode(item.textValue())) {
                v.add("languages", "invalid_value", "must be two-letter ISO 639-1 language codes, such as en or ro");
                return null;
            }
            if (!codes.contains(item.textValue())) {
                codes.add(item.textValue());
            }
        }
        return codes;
    }

    static JoinPolicy policy(Validation v, String value, boolean required) {
        if (value == null) {
            if (required) {
                v.required("joinPolicy", null);
            }
            return null;
        }
        try {
            return JoinPolicy.valueOf(value);
        } catch (IllegalArgumentException e) {
            v.add("joinPolicy", "invalid_value", "must be open, approval or invitation");
            return null;
        }
    }
}
