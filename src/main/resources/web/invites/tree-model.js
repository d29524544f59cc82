// The invitation tree (getInviteTree) as nodes with children, and the search over it. The server
// lists inviters before the members they invited, so one pass builds the tree.

/** Lower case without diacritics, so "romaneste" finds "Românește" and "ZOE" finds "Zoë". */
export function fold(text) {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}

/** {roots, byName}: each node {member, children, parent, depth, descendants}. */
export function buildTree(members) {
  const byName = new Map();
  const roots = [];
  for (const member of members) {
    // A former member (a deleted account) is found by no search: it has no name left.
    const key = member.former ? '' : fold(`${member.username} ${member.displayName}`);
    const node = { member, children: [], parent: null, depth: 0, descendants: 0, key };
    byName.set(member.username.toLowerCase(), node);
    const parent = member.invitedBy ? byName.get(member.invitedBy.toLowerCase()) : null;
    if (parent) {
      node.parent = parent;
      node.depth = parent.depth + 1;
      parent.children.push(node);
    } else {
      roots.push(node); // a founder (or an inviter beyond a truncated list)
    }
  }
  // Counts from the leaves up: the list is inviters-first, so walking it backwards visits children first.
  for (const node of [...byName.values()].reverse()) {
    if (node.parent) node.parent.descendants += 1 + node.descendants;
  }
  return { roots, byName };
}

/** The nodes whose name or username contains every word of `query`, in tree order. */
export function search(tree, query) {
  const words = fold(query).split(/\s+/).filter(Boolean);
  if (!words.length) return [];
  return [...tree.byName.values()].filter((node) => words.every((w) => node.key.includes(w)));
}

/** The node and its inviters up to a founder. */
export function pathTo(node) {
  const path = [];
  for (let n = node; n; n = n.parent) path.push(n);
  return path;
}
