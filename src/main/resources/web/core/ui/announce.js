// The polite live region (#announcer in index.html): screen readers read what is put here when
// they are free, without moving focus. Clearing first makes a repeated sentence be read again.
let clearTimer = null;

export function announce(message) {
  const region = document.getElementById('announcer');
  if (!region || !message) return;
  region.textContent = '';
  clearTimeout(clearTimer);
  // A tick between clearing and writing: assistive technology notices a change, not a no-op.
  requestAnimationFrame(() => {
    region.textContent = message;
    clearTimer = setTimeout(() => { region.textContent = ''; }, 7000);
  });
}
