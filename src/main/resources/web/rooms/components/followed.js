// Who the people on stage follow, to split the audience into "Followed by the speakers" and "Others".
//
// The choice, for cheapness: fetch the following list (first page, 100 names) of at most
// MAX_SPEAKERS stage members, once per stage member per room visit, and take the union. A room has
// few speakers and many listeners, so asking per speaker is far cheaper than asking about each
// listener; the cost is that speakers who follow more than 100 people, or a stage larger than 10,
// may leave someone in "Others". Exact would be a server-side flag in the snapshot.
import { listFollowing } from '../../core/api.js';

const MAX_SPEAKERS = 10;
const PAGE = 100;

/** Tracks the stage; onUpdate() runs when a newly fetched list changed the set. */
export function followedBySpeakers({ signal, onUpdate }) {
  const fetched = new Map(); // stage username → Set of usernames they follow (empty while loading)
  let union = new Set();

  function rebuild() {
    union = new Set();
    for (const names of fetched.values()) for (const name of names) union.add(name.toLowerCase());
  }

  return {
    /** Starts fetching for stage members not seen yet (first MAX_SPEAKERS of them). */
    track(stageMembers) {
      for (const p of stageMembers.slice(0, MAX_SPEAKERS)) {
        if (fetched.has(p.username)) continue;
        fetched.set(p.username, new Set());
        listFollowing(p.username, { limit: PAGE, offset: 0 }, { signal })
          .then((list) => {
            fetched.set(p.username, new Set(list.items.map((m) => m.username)));
            rebuild();
            onUpdate();
          })
          .catch(() => {}); // unknown: they stay in "Others in the room"
      }
    },
    has(username) {
      return union.has(username.toLowerCase());
    },
  };
}
