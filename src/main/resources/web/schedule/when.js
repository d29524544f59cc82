// When an event is, in the reader's own time zone and language: "Tuesday 8 December, 18:00–19:00",
// the zone's name ("Central European Standard Time"), and a length ("1.5 hours"). The server keeps
// instants; every date here is formatted by Intl in the browser's zone.
import { currentFormatLocale } from '../core/i18n.js';

/** The reader's zone as the browser knows it (an IANA name such as Europe/Bucharest). */
export const readerZone = () => Intl.DateTimeFormat().resolvedOptions().timeZone;

/** "Tuesday, 8 December 2026, 18:00 – 19:00" (the end's date too when it is another day). */
export function formatSpan(startIso, endIso) {
  const format = new Intl.DateTimeFormat(currentFormatLocale(), { dateStyle: 'full', timeStyle: 'short' });
  try {
    return format.formatRange(new Date(startIso), new Date(endIso));
  } catch {
    return format.format(new Date(startIso));
  }
}

/** "Tue 8 Dec, 18:00": short, for cards. */
export function formatShort(iso) {
  return new Intl.DateTimeFormat(currentFormatLocale(), {
    weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit',
  }).format(new Date(iso));
}

/** The reader's zone, named in their language ("Central European Standard Time"). */
export function zoneName(at = new Date()) {
  const parts = new Intl.DateTimeFormat(currentFormatLocale(), { timeZoneName: 'long' }).formatToParts(at);
  return parts.find((p) => p.type === 'timeZoneName')?.value || readerZone();
}

/** "45 minutes", "1.5 hours", in the reader's language. */
export function formatLength(minutes) {
  const locale = currentFormatLocale();
  if (minutes < 60) return new Intl.NumberFormat(locale, { style: 'unit', unit: 'minute', unitDisplay: 'long' }).format(minutes);
  return new Intl.NumberFormat(locale, { style: 'unit', unit: 'hour', unitDisplay: 'long', maximumFractionDigits: 2 })
    .format(minutes / 60);
}

/** The "YYYY-MM-DD" and "HH:MM" of an instant in the reader's zone, for date and time inputs. */
export function localParts(iso) {
  const d = new Date(iso);
  const pad = (n) => String(n).padStart(2, '0');
  return { date: `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`, time: `${pad(d.getHours())}:${pad(d.getMinutes())}` };
}

/** The instant (ISO, UTC) of a date and time input read in the reader's zone; null when incomplete. */
export function toInstant(date, time) {
  if (!date || !time) return null;
  const d = new Date(`${date}T${time}`);
  return Number.isNaN(d.getTime()) ? null : d.toISOString();
}
