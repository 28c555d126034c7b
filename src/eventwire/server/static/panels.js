// Side panels filled from the API: stories, what is trending, the review queue. Each takes the list
// element to fill; text from documents goes in as text nodes only (`el`).

import {el, clear, api, ApiError, fmtInt, fmtDate} from './util.js';

export function plural(n, word) {
  return `${fmtInt(n)} ${word}${n === 1 ? '' : 's'}`;
}

export function messageOf(err) {
  if (err instanceof ApiError) return err.message;
  return err && err.message ? `Unexpected error: ${err.message}` : 'Unexpected error.';
}

export async function loadStories(list) {
  list.dataset.state = 'loading';
  clear(list).appendChild(el('li', {class: 'empty'}, 'Loading stories…'));
  try {
    const data = await api('/api/stories?limit=20');
    const stories = Array.isArray(data.stories) ? data.stories : [];
    clear(list);
    if (!stories.length) list.appendChild(el('li', {class: 'empty'}, 'No stories yet.'));
    for (const s of stories) {
      if (!s || typeof s !== 'object') continue;
      const titles = Array.isArray(s.titles) ? s.titles.map(String) : [];
      const sites = Array.isArray(s.sites) ? s.sites.map(String) : [];
      const dates = [fmtDate(s.first_seen), fmtDate(s.last_seen)].filter(Boolean);
      const li = el('li', {class: 'story', 'data-story-id': String(s.story_id)},
        el('div', {class: 'item-title'}, String(s.label || titles[0] || `Story ${s.story_id}`)),
        el('div', {class: 'item-sub'}, [
          dates.length === 2 && dates[0] !== dates[1] ? `${dates[0]} – ${dates[1]}` : dates[0] || '',
          plural(s.n_articles, 'article'), plural(s.n_events, 'event'),
        ].filter(Boolean).join(' · ')),
        sites.length ? el('div', {class: 'item-sub muted'}, sites.slice(0, 6).join(', ') + (sites.length > 6 ? ` +${sites.length - 6}` : '')) : null);
      if (titles.length) {
        li.appendChild(el('details', {class: 'titles'},
          el('summary', null, `${titles.length} headline${titles.length === 1 ? '' : 's'}`),
          el('ul', null, titles.map((t) => el('li', null, t)))));
      }
      list.appendChild(li);
    }
    list.dataset.state = 'ready';
  } catch (err) {
    list.dataset.state = 'error';
    clear(list).appendChild(el('li', {class: 'empty is-error'}, messageOf(err)));
  }
}

export async function loadTrending(list, by, onActor) {
  list.dataset.state = 'loading';
  clear(list).appendChild(el('li', {class: 'empty'}, 'Loading…'));
  try {
    const data = await api(`/api/trending?${new URLSearchParams({window: '7d', by})}`);
    const trends = Array.isArray(data.trends) ? data.trends : [];
    clear(list);
    if (!trends.length) list.appendChild(el('li', {class: 'empty'}, 'Nothing is trending in the last 7 days.'));
    const maxCount = Math.max(1, ...trends.map((t) => (Number.isFinite(t.count) ? t.count : 0)));
    for (const t of trends) {
      if (!t || typeof t !== 'object') continue;
      const bar = el('span', {class: 'trend-bar', 'aria-hidden': 'true'});
      bar.style.width = `${Math.round(((Number.isFinite(t.count) ? t.count : 0) / maxCount) * 100)}%`;
      const z = Number.isFinite(t.z) ? t.z : null;
      const label = String(t.label ?? t.key ?? '');
      const content = [
        el('span', {class: 'item-title'}, label),
        el('span', {class: 'item-sub'}, `${fmtInt(t.count)} this week`,
          Number.isFinite(t.baseline) ? ` · usual ${t.baseline.toFixed(1)}` : '',
          z !== null ? el('span', {class: z >= 2 ? 'z z-hot' : 'z'}, ` · z ${z.toFixed(1)}`) : null),
        el('span', {class: 'trend-track'}, bar),
      ];
      if (by === 'actor' && label) {
        const btn = el('button', {type: 'button', class: 'item-btn item-col', title: 'Filter the map to this actor'}, ...content);
        btn.addEventListener('click', () => onActor(label));
        list.appendChild(el('li', {class: 'trend'}, btn));
      } else {
        list.appendChild(el('li', {class: 'trend item-col'}, ...content));
      }
    }
    list.dataset.state = 'ready';
  } catch (err) {
    list.dataset.state = 'error';
    clear(list).appendChild(el('li', {class: 'empty is-error'}, messageOf(err)));
  }
}

export async function loadReviewQueue(list, itemFor) {
  list.dataset.state = 'loading';
  if (!list.firstChild) list.appendChild(el('li', {class: 'empty'}, 'Loading…'));
  try {
    const data = await api('/api/review-queue?limit=50');
    const events = Array.isArray(data.events) ? data.events : [];
    clear(list);
    if (!events.length) list.appendChild(el('li', {class: 'empty'}, 'Nothing waits for review.'));
    for (const ev of events) {
      if (!ev || typeof ev !== 'object') continue;
      const reasons = Array.isArray(ev.reasons) ? ev.reasons.map(String) : [];
      const chips = reasons.length ? el('span', {class: 'reasons'}, reasons.map((r) => el('span', {class: 'reason'}, r.replace(/_/g, ' ')))) : null;
      list.appendChild(itemFor(ev, chips));
    }
    list.dataset.state = 'ready';
  } catch (err) {
    list.dataset.state = 'error';
    clear(list).appendChild(el('li', {class: 'empty is-error'}, messageOf(err)));
  }
}
