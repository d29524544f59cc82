// The reader's choice of interface language (issue 14), and keeping it where it belongs:
// - a signed-in member's choice is saved on the account (`language` in Me, PATCH /api/me);
// - a visitor's choice on the signed-out pages is kept in this browser (localStorage), and saved on
//   the account once they sign up or log in to one that has none yet;
// - null means "follow the browser" (navigator.languages, core/i18n.js), else English.
import { setLocale } from './i18n.js';
import { updateMe } from './api.js';
import { currentMe, setMe } from './session.js';

const STORED = 'parley.language';

function stored() {
  try {
    return localStorage.getItem(STORED);
  } catch {
    return null; // storage disabled: the choice lasts for this page only
  }
}

function store(choice) {
  try {
    if (choice) localStorage.setItem(STORED, choice);
    else localStorage.removeItem(STORED);
  } catch {
    // as above
  }
}

/** The explicit choice for this reader, or null to follow the browser. */
export function chosenLanguage(me = currentMe()) {
  return me ? me.language ?? null : stored();
}

/**
 * Applies and keeps a choice: on the account for a member (resolves to the new Me; an ApiError if the
 * server refused), in this browser otherwise. The interface switches before the save, so it answers
 * at once.
 */
export async function chooseLanguage(choice) {
  store(choice);
  await setLocale(choice);
  if (!currentMe()) return null;
  const me = await updateMe({ language: choice });
  setMe(me);
  return me;
}

/**
 * Follows who is signed in (call on every Me change): the account's language wins; an account without
 * one takes the choice this browser made while signed out.
 */
export async function followMember(me) {
  if (me && me.language == null && stored()) {
    try {
      setMe(await updateMe({ language: stored() })); // comes back here with the language set
      return;
    } catch {
      // not saved this time; the interface still follows the stored choice below
    }
  }
  if (me?.language) store(me.language);
  await setLocale(me ? me.language ?? stored() : stored());
}
