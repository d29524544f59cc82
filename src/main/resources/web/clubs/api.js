// The clubs API (docs/api.md "Clubs"), on core/api.js's request (CSRF, problems, 401 handling).
import { request } from '../core/api.js';

const seg = encodeURIComponent;
const club = (ref) => `/api/clubs/${seg(ref)}`;

export const createClub = (body, opts) => request('POST', '/api/clubs', { ...opts, body });
export const getClub = (ref, opts) => request('GET', club(ref), opts);
export const updateClub = (ref, body, opts) => request('PATCH', club(ref), { ...opts, body });
export const listMyClubs = (opts) => request('GET', '/api/clubs/mine', opts);
export const joinClub = (ref, opts) => request('POST', `${club(ref)}/join`, opts);
export const leaveClub = (ref, opts) => request('POST', `${club(ref)}/leave`, opts);
export const followClub = (ref, opts) => request('PUT', `${club(ref)}/follow`, opts);
export const unfollowClub = (ref, opts) => request('DELETE', `${club(ref)}/follow`, opts);
export const listClubMembers = (ref, { limit = 20, offset = 0 } = {}, opts) =>
  request('GET', `${club(ref)}/members?limit=${limit}&offset=${offset}`, opts);
export const setClubRole = (ref, username, role, opts) =>
  request('PUT', `${club(ref)}/members/${seg(username)}/role`, { ...opts, body: { role } });
export const removeClubMember = (ref, username, opts) => request('DELETE', `${club(ref)}/members/${seg(username)}`, opts);
export const banClubMember = (ref, username, opts) => request('PUT', `${club(ref)}/bans/${seg(username)}`, opts);
export const listClubRequests = (ref, opts) => request('GET', `${club(ref)}/requests`, opts);
export const answerClubRequest = (ref, username, approve, opts) =>
  request('POST', `${club(ref)}/requests/${seg(username)}`, { ...opts, body: { approve } });
export const inviteToClub = (ref, username, opts) => request('PUT', `${club(ref)}/invitations/${seg(username)}`, opts);
export const uploadClubPhoto = (ref, blob, opts) => request('PUT', `${club(ref)}/photo`, { ...opts, raw: blob });
export const createClubInviteLink = (ref, opts) => request('POST', `${club(ref)}/invite-links`, opts);
export const listClubEvents = (ref, opts) => request('GET', `${club(ref)}/events`, opts);
export const addClubEvent = (ref, eventId, opts) => request('PUT', `${club(ref)}/events/${seg(eventId)}`, opts);
export const listClubRooms = (ref, opts) => request('GET', `${club(ref)}/rooms`, opts);
export const startClubRoom = (ref, body, opts) => request('POST', `${club(ref)}/rooms`, { ...opts, body });
