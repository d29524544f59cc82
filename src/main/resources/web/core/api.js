// Thin fetch wrapper for the Parley HTTP API (docs/api.md). One exported function per operationId.
//
// - JSON in and out; problem+json errors become ApiError with code, status, detail and errors[].
// - Double-submit CSRF: state-changing requests copy the parley_csrf cookie into X-CSRF-Token.
// - A 401 `unauthenticated` calls the handler set with onUnauthenticated (the router sends the
//   reader to /login), unless the caller passes {quiet401: true}.

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const CSRF_COOKIE = 'parley_csrf';

export class ApiError extends Error {
  constructor({ status, code, detail, title, errors, retryAfter }) {
    super(detail || title || `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.code = code || 'unknown';
    this.detail = detail || '';
    this.errors = Array.isArray(errors) ? errors : [];
    this.retryAfter = retryAfter; // seconds, when the server sent Retry-After
  }
}

let unauthenticatedHandler = () => {};

export function onUnauthenticated(handler) {
  unauthenticatedHandler = handler;
}

function readCookie(name) {
  for (const part of document.cookie.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return decodeURIComponent(rest.join('='));
  }
  return null;
}

/** Any API response sets the CSRF cookie when missing; fetch one before the first write. */
async function ensureCsrfCookie(signal) {
  if (readCookie(CSRF_COOKIE)) return;
  try {
    await fetch('/api/me', { credentials: 'same-origin', signal, headers: { Accept: 'application/json' } });
  } catch (error) {
    if (error.name === 'AbortError') throw error;
  }
}

function parseRetryAfter(value) {
  if (!value) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds)) return Math.max(0, seconds);
  const date = Date.parse(value); // Retry-After may also be an HTTP date
  return Number.isNaN(date) ? undefined : Math.max(0, Math.round((date - Date.now()) / 1000));
}

async function toError(response) {
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  const type = response.headers.get('Content-Type') || '';
  let problem = {};
  if (type.includes('json')) {
    try {
      problem = await response.json();
    } catch {
      problem = {};
    }
  }
  return new ApiError({ ...problem, status: response.status, retryAfter });
}

/** Sends one request; resolves to the parsed JSON body (or null for 204). */
export async function request(method, path, { body, raw, signal, quiet401 = false } = {}) {
  const headers = { Accept: 'application/json, application/problem+json' };
  if (UNSAFE.has(method)) {
    await ensureCsrfCookie(signal);
    const token = readCookie(CSRF_COOKIE);
    if (token) headers['X-CSRF-Token'] = token;
  }
  const init = { method, headers, credentials: 'same-origin', signal };
  if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  } else if (raw) {
    // Bytes as they are (an image Blob), with their own type: uploadAvatar.
    headers['Content-Type'] = raw.type;
    init.body = raw;
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (error) {
    if (error.name === 'AbortError') throw error;
    throw new ApiError({ status: 0, code: 'network', detail: error.message });
  }
  if (!response.ok) {
    const error = await toError(response);
    if (error.status === 401 && error.code === 'unauthenticated' && !quiet401) unauthenticatedHandler(error);
    throw error;
  }
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

const seg = encodeURIComponent;
const page = ({ limit = 50, offset = 0 } = {}) => `?limit=${limit}&offset=${offset}`;

export const signUp = (body, opts) => request('POST', '/api/accounts', { ...opts, body });
export const logIn = (body, opts) => request('POST', '/api/session', { ...opts, body });
export const logOut = (opts) => request('DELETE', '/api/session', opts);
export const getMe = (opts) => request('GET', '/api/me', opts);
export const updateMe = (body, opts) => request('PATCH', '/api/me', { ...opts, body });
export const uploadAvatar = (blob, opts) => request('PUT', '/api/me/avatar', { ...opts, raw: blob });
export const deleteAvatar = (opts) => request('DELETE', '/api/me/avatar', opts);
export const changePassword = (body, opts) => request('PUT', '/api/me/password', { ...opts, body });
export const getProfile = (username, opts) => request('GET', `/api/members/${seg(username)}`, opts);
export const listFollowers = (username, range, opts) =>
  request('GET', `/api/members/${seg(username)}/followers${page(range)}`, opts);
export const listFollowing = (username, range, opts) =>
  request('GET', `/api/members/${seg(username)}/following${page(range)}`, opts);
export const follow = (username, opts) => request('PUT', `/api/members/${seg(username)}/follow`, opts);
export const unfollow = (username, opts) => request('DELETE', `/api/members/${seg(username)}/follow`, opts);
export const createInvite = (opts) => request('POST', '/api/invites', { ...opts, body: {} });
export const listInvites = (opts) => request('GET', '/api/invites', opts);
export const getInvite = (code, opts) => request('GET', `/api/invites/${seg(code)}`, opts);
export const revokeInvite = (code, opts) => request('DELETE', `/api/invites/${seg(code)}`, opts);
export const checkUsername = (code, username, opts) =>
  request('GET', `/api/invites/${seg(code)}/usernames/${seg(username)}`, opts);
export const getInviteTree = (opts) => request('GET', '/api/invite-tree', opts);
export const listNotifications = ({ limit, before } = {}, opts) => {
  const query = new URLSearchParams();
  if (limit) query.set('limit', limit);
  if (before) query.set('before', before);
  const search = query.toString();
  return request('GET', `/api/notifications${search ? `?${search}` : ''}`, opts);
};
export const markNotificationsRead = (upTo, opts) =>
  request('POST', '/api/notifications/read', { ...opts, body: upTo ? { upTo } : {} });
export const getNotificationSettings = (opts) => request('GET', '/api/notifications/settings', opts);
export const updateNotificationSettings = (body, opts) => request('PUT', '/api/notifications/settings', { ...opts, body });
export const getPushKey = (opts) => request('GET', '/api/push/key', opts);
export const subscribePush = (subscription, opts) => request('POST', '/api/push/subscriptions', { ...opts, body: subscription });
export const unsubscribePush = (endpoint, opts) =>
  request('POST', '/api/push/subscriptions/remove', { ...opts, body: { endpoint } });
export const block = (username, opts) => request('PUT', `/api/members/${seg(username)}/block`, opts);
export const unblock = (username, opts) => request('DELETE', `/api/members/${seg(username)}/block`, opts);
export const createRoom = (body, opts) => request('POST', '/api/rooms', { ...opts, body });
export const getHallway = ({ language, ...opts } = {}) =>
  request('GET', `/api/hallway${language ? `?language=${encodeURIComponent(language)}` : ''}`, opts);
export const getRoom = (id, opts) => request('GET', `/api/rooms/${seg(id)}`, opts);
export const createEvent = (body, opts) => request('POST', '/api/events', { ...opts, body });
export const getEvent = (id, opts) => request('GET', `/api/events/${seg(id)}`, opts);
export const updateEvent = (id, body, opts) => request('PATCH', `/api/events/${seg(id)}`, { ...opts, body });
export const cancelEvent = (id, opts) => request('POST', `/api/events/${seg(id)}/cancel`, opts);
export const rsvpEvent = (id, opts) => request('PUT', `/api/events/${seg(id)}/rsvp`, opts);
export const unrsvpEvent = (id, opts) => request('DELETE', `/api/events/${seg(id)}/rsvp`, opts);
export const answerCohostRequest = (id, accept, opts) =>
  request('POST', `/api/events/${seg(id)}/cohost`, { ...opts, body: { accept } });
export const startEvent = (id, opts) => request('POST', `/api/events/${seg(id)}/start`, opts);
export const listUpcomingEvents = (opts) => request('GET', '/api/events/upcoming', opts);
export const getCalendarFeedStatus = (opts) => request('GET', '/api/me/calendar', opts);
export const resetCalendarFeed = (opts) => request('POST', '/api/me/calendar', opts);
export const revokeCalendarFeed = (opts) => request('DELETE', '/api/me/calendar', opts);
export const getReminderLead = (opts) => request('GET', '/api/me/event-reminders', opts);
export const updateReminderLead = (leadMinutes, opts) => request('PUT', '/api/me/event-reminders', { ...opts, body: { leadMinutes } });
export const listRoomOperators = (id, opts) => request('GET', `/api/rooms/${seg(id)}/operators`, opts);
export const createOrganization = (body, opts) => request('POST', '/api/organizations', { ...opts, body });
export const listMyOrganizations = (opts) => request('GET', '/api/me/organizations', opts);
export const listDelegates = (org, opts) => request('GET', `/api/organizations/${seg(org)}/delegates`, opts);
export const addDelegate = (org, username, owner, opts) =>
  request('PUT', `/api/organizations/${seg(org)}/delegates/${seg(username)}`, { ...opts, body: { owner } });
export const removeDelegate = (org, username, opts) =>
  request('DELETE', `/api/organizations/${seg(org)}/delegates/${seg(username)}`, opts);
export const actAs = (org, opts) => request('PUT', '/api/session/acting', { ...opts, body: { organization: org } });
export const stopActing = (opts) => request('DELETE', '/api/session/acting', opts);
export const listOrganizationAudit = (org, before, opts) =>
  request('GET', `/api/organizations/${seg(org)}/audit${before ? `?before=${encodeURIComponent(before)}` : ''}`, opts);
export const setVerified = (username, label, opts) =>
  request('PUT', `/api/members/${seg(username)}/verified`, { ...opts, body: { label } });
export const unsetVerified = (username, opts) => request('DELETE', `/api/members/${seg(username)}/verified`, opts);
export const listImpersonationFlags = (opts) => request('GET', '/api/admin/impersonation-flags', opts);
export const dismissImpersonationFlag = (username, opts) =>
  request('DELETE', `/api/admin/impersonation-flags/${seg(username)}`, opts);
export const listSessions = (opts) => request('GET', '/api/sessions', opts);
export const endSession = (id, opts) => request('DELETE', `/api/sessions/${seg(id)}`, opts);
export const endOtherSessions = (opts) => request('POST', '/api/sessions/end-others', opts);
export const requestExport = (opts) => request('POST', '/api/me/export', opts);
export const getExport = (opts) => request('GET', '/api/me/export', opts);
export const deleteAccount = (password, opts) => request('DELETE', '/api/me', { ...opts, body: { password } });
export const getPrivacy = (opts) => request('GET', '/api/privacy', opts);
export const createProposal = (body, opts) => request('POST', '/api/proposals', { ...opts, body });
export const getProposal = (id, opts) => request('GET', `/api/proposals/${seg(id)}`, opts);
export const answerProposal = (id, body, opts) => request('POST', `/api/proposals/${seg(id)}/answer`, { ...opts, body });
export const askOnProposal = (id, text, opts) => request('POST', `/api/proposals/${seg(id)}/messages`, { ...opts, body: { text } });
export const listProposals = (query, opts) =>
  request('GET', `/api/proposals${query ? `?${new URLSearchParams(query)}` : ''}`, opts);
