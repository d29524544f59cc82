// Dates, relative times and numbers in the reader's locale.
import { currentFormatLocale as currentLocale } from './i18n.js';

const SECOND = 1000;
const UNITS = [
  ['year', 365 * 24 * 3600 * SECOND],
  ['month', 30 * 24 * 3600 * SECOND],
  ['week', 7 * 24 * 3600 * SECOND],
  ['day', 24 * 3600 * SECOND],
  ['hour', 3600 * SECOND],
  ['minute', 60 * SECOND],
  ['second', SECOND],
];

/** "22 November 2026" in the reader's locale. */
export function formatDate(iso) {
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'long' }).format(new Date(iso));
}

/** Date and time, for tooltips and exact expiry. */
export function formatDateTime(iso) {
  return new Intl.DateTimeFormat(currentLocale(), { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso));
}

/** "in 6 days" / "3 hours ago", choosing the largest unit that fits. */
export function formatRelative(iso, now = Date.now()) {
  return formatRelativeMillis(new Date(iso).getTime() - now);
}

/** "in 42 seconds", "in 2 minutes" for a delay in milliseconds (negative = past). */
export function formatRelativeMillis(millis) {
  const rtf = new Intl.RelativeTimeFormat(currentLocale(), { numeric: 'auto' });
  const abs = Math.abs(millis);
  for (const [unit, size] of UNITS) {
    if (abs >= size || unit === 'second') {
      return rtf.format(Math.round(millis / size), unit);
    }
  }
  return rtf.format(0, 'second');
}

export function formatNumber(n) {
  return new Intl.NumberFormat(currentLocale()).format(n);
}

/** <time> element with machine-readable datetime and the exact moment as a tooltip. */
export function timeElement(iso, text) {
  const time = document.createElement('time');
  time.dateTime = iso;
  time.title = formatDateTime(iso);
  time.textContent = text;
  return time;
}
