// The Follow / Following toggle used on profiles and member lists.
import { t } from '../core/i18n.js';
import { follow, unfollow } from '../core/api.js';
import { button, setButtonLabel } from '../core/ui/buttons.js';
import { toast } from '../core/ui/toasts.js';
import { errorMessage } from '../core/ui/errors.js';

/**
 * Follow / Following toggle with optimistic update: the label flips at once, the request follows,
 * and a failure flips it back and says why. onChange(delta) lets the page adjust counts.
 */
export function followButton(username, initiallyFollowing, { onChange = () => {}, small = false } = {}) {
  let following = initiallyFollowing;
  let pending = false;
  const btn = button('', { class: `btn ${small ? 'btn-sm' : ''}`, 'data-testid': 'follow-button' });
  function render() {
    btn.classList.toggle('btn-primary', !following);
    btn.classList.toggle('btn-following', following);
    btn.setAttribute('aria-pressed', String(following));
    btn.dataset.state = following ? 'following' : 'not-following';
    setButtonLabel(btn, t(following ? 'follow.following' : 'follow.follow'));
    btn.setAttribute('aria-label', t(following ? 'follow.unfollowLabel' : 'follow.followLabel', { username }));
  }
  // While following, hovering/focusing hints what a click does.
  const hint = (on) => following && setButtonLabel(btn, t(on ? 'follow.unfollow' : 'follow.following'));
  btn.addEventListener('mouseenter', () => hint(true));
  btn.addEventListener('mouseleave', () => hint(false));
  btn.addEventListener('click', async () => {
    if (pending) return;
    pending = true;
    const before = following;
    following = !before;
    render();
    onChange(following ? 1 : -1);
    btn.setAttribute('aria-busy', 'true');
    try {
      await (following ? follow(username) : unfollow(username));
    } catch (error) {
      following = before;
      render();
      onChange(before ? 1 : -1);
      if (error.status !== 401) toast(errorMessage(error), { kind: 'error' });
    } finally {
      pending = false;
      btn.removeAttribute('aria-busy');
    }
  });
  render();
  return btn;
}
