// Web Push on this device: whether the browser can have it, whether the reader allowed it, and
// turning it on (asking permission only then, on their click) and off. The server keeps one
// subscription per browser (subscribePush); the service worker (core/pwa/worker.js) shows what arrives.
import { getPushKey, subscribePush, unsubscribePush } from '../core/api.js';

/** 'unsupported' | 'blocked' | 'on' | 'off' */
export async function pushState() {
  if (!supported()) return 'unsupported';
  if (Notification.permission === 'denied') return 'blocked';
  const subscription = await currentSubscription();
  return subscription && Notification.permission === 'granted' ? 'on' : 'off';
}

function supported() {
  return window.isSecureContext && 'serviceWorker' in navigator && 'PushManager' in window && 'Notification' in window;
}

async function registration() {
  const existing = await navigator.serviceWorker.getRegistration('/');
  if (existing) return existing;
  await navigator.serviceWorker.register('/sw.js', { scope: '/', updateViaCache: 'none' });
  return navigator.serviceWorker.ready;
}

async function currentSubscription() {
  const reg = await navigator.serviceWorker.getRegistration('/');
  return reg ? reg.pushManager.getSubscription() : null;
}

/** Asks for permission (call it from a click), subscribes with the server's key and registers it. */
export async function enablePush() {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return pushState();
  const reg = await registration();
  const { publicKey } = await getPushKey();
  const key = fromBase64Url(publicKey);
  let subscription = await reg.pushManager.getSubscription();
  if (subscription && !sameKey(subscription.options?.applicationServerKey, key)) {
    await subscription.unsubscribe(); // made for another key (the server's data folder was replaced)
    subscription = null;
  }
  subscription ||= await reg.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: key });
  await subscribePush(subscription.toJSON());
  return 'on';
}

export async function disablePush() {
  const subscription = await currentSubscription();
  if (subscription) {
    await unsubscribePush(subscription.endpoint);
    await subscription.unsubscribe();
  }
  return pushState();
}

/** Tells the server this browser's subscription again (it may have moved here from another member). */
export async function confirmPush() {
  const subscription = await currentSubscription();
  if (subscription && Notification.permission === 'granted') await subscribePush(subscription.toJSON());
}

/** Before logging out: this browser stops receiving the member's pushes. Never fails the log-out. */
export async function forgetPushOnThisDevice() {
  try {
    if (!supported()) return;
    const subscription = await currentSubscription();
    if (!subscription) return;
    await unsubscribePush(subscription.endpoint).catch(() => {});
    await subscription.unsubscribe();
  } catch {
    // no worker, no subscription: nothing to forget
  }
}

function fromBase64Url(text) {
  const base64 = text.replace(/-/g, '+').replace(/_/g, '/');
  return Uint8Array.from(atob(base64 + '='.repeat((4 - (base64.length % 4)) % 4)), (c) => c.charCodeAt(0));
}

function sameKey(buffer, key) {
  if (!buffer) return false;
  const bytes = new Uint8Array(buffer);
  return bytes.length === key.length && bytes.every((b, i) => b === key[i]);
}
