// The one place the server's messages are routed (docs/protocol.md): by `type` to the part of the
// client that registered for it — the connection itself for hello/ack/error, the rooms feature for
// room state, pings and hallway notices. A type nobody registered is dropped: a newer server may send
// messages this client predates.

const handlers = new Map(); // type → handler(message)

/** Registers the one handler for a message type; returns the function that removes it. */
export function onMessage(type, handler) {
  if (handlers.has(type)) throw new Error(`a handler for '${type}' messages is already registered`);
  handlers.set(type, handler);
  return () => handlers.delete(type);
}

/** Hands one parsed message to its handler. */
export function dispatch(message) {
  handlers.get(message?.type)?.(message);
}
