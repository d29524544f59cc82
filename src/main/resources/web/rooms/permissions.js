// Which room commands the client offers to whom: the permission part of rooms.Rules, so menus only
// show what the server will accept. The server stays the authority; a refused command shows its error.
import { moderators, onStage, stage } from './state.js';

/**
 * The actions `actorId` may take on `targetId`, in menu order. Names are the protocol commands,
 * except `mute` (setMuted true for someone else), `stepDown` (moveToAudience for oneself),
 * `interpret:<language>` (nameInterpreter into that language) and `toFloor` (nameInterpreter back to
 * the floor).
 */
export function actionsFor(state, actorId, targetId) {
  const actor = state.participants.get(actorId);
  const target = state.participants.get(targetId);
  if (!actor || !target || state.ended) return [];
  if (actorId === targetId) {
    return onStage(actor) && mayStepDown(state, actor) ? ['stepDown'] : [];
  }
  if (actor.role !== 'moderator') return [];
  switch (target.role) {
    case 'listener':
      return [target.invitedToSpeak ? null : 'inviteToSpeak', 'remove'].filter(Boolean);
    case 'speaker':
      return ['moveToAudience', ...interpreting(state, target), target.interpreting ? null : 'makeModerator',
        target.muted ? null : 'mute', 'remove'].filter(Boolean);
    case 'moderator':
      return target.muted ? [] : ['mute']; // moderators step down themselves; nobody removes them
    default:
      return [];
  }
}

/** Rules#nameInterpreter: a speaker of the floor into each offered language, an interpreter back to the floor. */
function interpreting(state, target) {
  if (target.interpreting) return ['toFloor'];
  return state.interpretation.map((language) => `interpret:${language}`);
}

/**
 * Rules#moveToAudience: the only moderator may step down only when a speaker of the floor (not an
 * interpreter) can take over.
 */
export function mayStepDown(state, me) {
  if (me.role !== 'moderator') return true;
  if (moderators(state).some((m) => m.memberId !== me.memberId)) return true;
  return stage(state).some((p) => p.role === 'speaker' && !p.interpreting);
}

/** Rules#raiseHand: listeners, while hand-raising is on. */
export function mayRaiseHand(state, me) {
  return !!me && me.role === 'listener' && state.handRaisingEnabled;
}

export const isModerator = (me) => !!me && me.role === 'moderator';

/** The protocol message for a menu action. */
export function commandFor(action, targetId) {
  switch (action) {
    case 'inviteToSpeak': return ['inviteToSpeak', { member: targetId }];
    case 'moveToAudience':
    case 'stepDown': return ['moveToAudience', { member: targetId }];
    case 'makeModerator': return ['makeModerator', { member: targetId }];
    case 'mute': return ['setMuted', { member: targetId, muted: true }];
    case 'remove': return ['remove', { member: targetId }];
    case 'toFloor': return ['nameInterpreter', { member: targetId, language: null }];
    default:
      if (action.startsWith('interpret:')) return ['nameInterpreter', { member: targetId, language: action.slice(10) }];
      throw new Error(`unknown action ${action}`);
  }
}
