// The colour theme (issue 13): the system's, light or dark. Kept in this browser (localStorage), not
// on the account: a theme belongs to a device and its surroundings (a dark bedroom phone, a bright
// office laptop), unlike the language, which belongs to the reader (docs/decisions.md).
// core/theme-boot.js applies the stored choice before the first paint; this module changes it.

const STORED = 'parley.theme';
const COLOURS = { light: '#f7f1e8', dark: '#1c1714' };

export const THEMES = ['system', 'light', 'dark'];

/** 'system', 'light' or 'dark'. */
export function currentTheme() {
  const value = document.documentElement.dataset.theme;
  return value === 'light' || value === 'dark' ? value : 'system';
}

/** Applies a theme at once and keeps it for the next visit. */
export function setTheme(theme) {
  const explicit = theme === 'light' || theme === 'dark';
  const root = document.documentElement;
  if (explicit) root.dataset.theme = theme;
  else delete root.dataset.theme;
  try {
    if (explicit) localStorage.setItem(STORED, theme);
    else localStorage.removeItem(STORED);
  } catch {
    // storage disabled: the choice lasts for this page only
  }
  // theme-color tags carry a media query each; an explicit theme gives both its own colour.
  for (const meta of document.querySelectorAll('meta[name="theme-color"]')) {
    const scheme = (meta.getAttribute('media') || '').includes('dark') ? 'dark' : 'light';
    meta.setAttribute('content', COLOURS[explicit ? theme : scheme]);
  }
}
