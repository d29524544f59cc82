// The one pattern the client's shared state follows: a value, or a stream of notices, with
// subscribers. Listeners run in the order they subscribed; each subscribe returns its unsubscribe.

/** Notices without a value of their own (e.g. "the hallway changed"). */
export function createListeners() {
  const listeners = new Set();
  return {
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    emit(...args) {
      for (const listener of listeners) listener(...args);
    },
    get size() {
      return listeners.size;
    },
  };
}

/**
 * A value and who wants to hear of it. Every set() notifies, even with the same value: callers that
 * want "only on change" compare first (the connection's status does).
 */
export function createStore(initial) {
  let value = initial;
  const listeners = createListeners();
  return {
    get: () => value,
    set(next) {
      value = next;
      listeners.emit(value);
    },
    subscribe: listeners.subscribe,
  };
}
