// History-API router. Routes are matched in order; `:name` segments become params.
// Each navigation gets a fresh view element and AbortSignal: when the reader moves on, the old
// page's requests are aborted and its late DOM updates land in a detached element.

const routes = [];
let controller = null;
let outlet = null;
let onRouteChange = () => {};

/** Registers a page; `fixed` params are merged into the matched ones. */
export function route(pattern, load, fixed = {}) {
  const names = [];
  const source = pattern.replace(/:(\w+)/g, (_, name) => {
    names.push(name);
    return '([^/]+)';
  });
  routes.push({ regex: new RegExp(`^${source}/?$`), names, load, fixed });
}

function match(pathname) {
  for (const r of routes) {
    const m = r.regex.exec(pathname);
    if (m) {
      const params = { ...r.fixed };
      r.names.forEach((name, i) => {
        try {
          params[name] = decodeURIComponent(m[i + 1]);
        } catch {
          params[name] = m[i + 1];
        }
      });
      return { load: r.load, params };
    }
  }
  return null;
}

export function navigate(path, { replace = false } = {}) {
  if (replace) history.replaceState(null, '', path);
  else history.pushState(null, '', path);
  return render();
}

/** Only same-site paths are acceptable redirect targets (no //evil.example). */
export function safeNext(value) {
  return value && value.startsWith('/') && !value.startsWith('//') && !value.startsWith('/\\') ? value : null;
}

async function render() {
  controller?.abort();
  controller = new AbortController();
  const { signal } = controller;
  const view = document.createElement('div');
  view.className = 'view';
  outlet.replaceChildren(view);
  const url = new URL(location.href);
  const found = match(url.pathname);
  onRouteChange(url.pathname);
  const ctx = {
    params: found ? found.params : {},
    query: url.searchParams,
    path: url.pathname,
    view,
    signal,
    navigate,
    /** Sets the document title and moves focus to the page heading, for screen readers. */
    ready(title) {
      if (signal.aborted) return;
      document.title = title ? `${title} · Parley` : 'Parley';
      view.querySelector('h1')?.focus({ preventScroll: true });
    },
  };
  const loader = found ? found.load : notFoundLoader;
  try {
    const page = await loader();
    await page.render(ctx);
  } catch (error) {
    if (error.name === 'AbortError' || signal.aborted) return;
    const { renderError } = await import('./pages/error.js');
    renderError(ctx, error);
  }
}

let notFoundLoader = () => import('./pages/error.js');

export function notFound(load) {
  notFoundLoader = load;
}

function isPlainLeftClick(event) {
  return event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;
}

export function startRouter(mainElement, { onChange } = {}) {
  outlet = mainElement;
  onRouteChange = onChange || onRouteChange;
  document.addEventListener('click', (event) => {
    if (event.defaultPrevented || !isPlainLeftClick(event)) return;
    const link = event.target.closest('a[href]');
    if (!link || link.target || link.hasAttribute('download')) return;
    const url = new URL(link.href, location.href);
    if (url.origin !== location.origin || url.pathname.startsWith('/api/')) return;
    event.preventDefault();
    if (url.href === location.href) return;
    navigate(url.pathname + url.search);
    window.scrollTo(0, 0);
  });
  window.addEventListener('popstate', () => render());
  return render();
}
