// The hallway's `hallwayChanged` notices: the server sends them only to connections that asked
// (subscribeHallway), so the subscription follows whether any page is listening, and is renewed
// after every reconnect.
import { command, connectionStatus, onOpen, sendNow } from '../core/socket/connection.js';
import { onMessage } from '../core/socket/dispatcher.js';
import { createListeners } from '../core/store.js';

const listeners = createListeners();

/** Takes `hallwayChanged` off the connection and subscribes again after each reconnect. */
export function listenForHallwayNotices() {
  onMessage('hallwayChanged', () => listeners.emit());
  onOpen(() => {
    if (!listeners.size) return;
    sendNow('subscribeHallway', { on: true }).catch(() => {});
    listeners.emit(); // notices were missed while away
  });
}

/** listener() on every `hallwayChanged` notice and after reconnecting; returns the unsubscribe function. */
export function onHallwayChanged(listener) {
  const unsubscribe = listeners.subscribe(listener);
  if (listeners.size === 1) command('subscribeHallway', { on: true }).catch(() => {});
  return () => {
    unsubscribe();
    if (!listeners.size && connectionStatus() === 'open') sendNow('subscribeHallway', { on: false }).catch(() => {});
  };
}
