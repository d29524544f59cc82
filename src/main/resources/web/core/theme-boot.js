// The reader's theme before the first paint: index.html and offline.html load this as a classic,
// blocking script in <head> (the Content-Security-Policy allows no inline script), so a reader who
// chose dark never sees a light flash. core/theme.js keeps it in step afterwards.
(function applyStoredTheme() {
  var theme = null;
  try {
    theme = localStorage.getItem('parley.theme');
  } catch (e) {
    return; // storage disabled: follow the system
  }
  if (theme !== 'light' && theme !== 'dark') return;
  document.documentElement.setAttribute('data-theme', theme);
  // The browser's own bars (theme-color) follow the choice too, not the system.
  var colour = theme === 'dark' ? '#1c1714' : '#f7f1e8';
  var metas = document.querySelectorAll('meta[name="theme-color"]');
  for (var i = 0; i < metas.length; i += 1) metas[i].setAttribute('content', colour);
}());
