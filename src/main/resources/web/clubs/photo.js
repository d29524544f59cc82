// A club's picture: its photo when it has one, else its initial on a colour drawn from its slug.
import { h } from '../core/dom.js';

const SIZES = { sm: 48, md: 96, lg: 256 };

export function clubPhoto(club, size = 'md') {
  if (club.photoUrl) {
    return h('img', { class: `club-photo club-photo-${size}`, src: `${club.photoUrl}?size=${SIZES[size]}`, alt: '' });
  }
  let hash = 0;
  for (const ch of club.slug) hash = (hash * 31 + ch.codePointAt(0)) % 360;
  return h('span', { class: `club-photo club-photo-${size} club-photo-initial`, style: `--club-hue: ${hash}`, 'aria-hidden': 'true' },
    [...club.name.trim()][0]?.toUpperCase() || '#');
}
