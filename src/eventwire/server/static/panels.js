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

/** Fetch `path`, then fill `list` with one `item(row, rows)` per object in `data[key]`; the list's
 * data-state says loading, ready or error, and an empty answer shows `empty`. */
async function fillPanel(list, {path, key, loading, empty, item, keepWhileLoading = false}) {
  list.dataset.state = 'loading';
  if (!keepWhileLoading || !list.firstChild) clear(list).appendChild(el('li', {class: 'empty'}, loading));
  try {
    const data = await api(path);
    const rows = (Array.isArray(data[key]) ? data[key] : []).filter((r) => r && typeof r === 'object');
    clear(list);
    if (!rows.length) list.appendChild(el('li', {class: 'empty'}, empty));
    for (const row of rows) list.appendChild(item(row, rows));
    list.dataset.state = 'ready';
  } catch (err) {
    list.dataset.state = 'error';
    clear(list).appendChild(el('li', {class: 'empty is-error'}, messageOf(err)));
  }
}

export function loadStories(list) {
  return fillPanel(list, {path: '/api/stories?limit=20', key: 'stories', loading: 'Loading stories…',
    empty: 'No stories yet.', item: storyItem});
}

function storyItem(s) {
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
  return li;
}

const trendCount = (row) => (Number.isFinite(row.count) ? row.count : 0);

export function loadTrending(list, by, onActor) {
  let most = null;  // the largest count, for the bars' scale: found once per answer
  return fillPanel(list, {path: `/api/trending?${new URLSearchParams({window: '7d', by})}`, key: 'trends',
    loading: 'Loading…', empty: 'Nothing is trending in the last 7 days.',
    item: (t, trends) => trendItem(t, most ??= Math.max(1, ...trends.map(trendCount)), by === 'actor' ? onActor : null)});
}

function trendItem(t, most, onClick) {
  const bar = el('span', {class: 'trend-bar', 'aria-hidden': 'true'});
  bar.style.width = `${Math.round((trendCount(t) / most) * 100)}%`;
  const z = Number.isFinite(t.z) ? t.z : null;
  const label = String(t.label ?? t.key ?? '');
  const content = [
    el('span', {class: 'item-title'}, label),
    el('span', {class: 'item-sub'}, `${fmtInt(t.count)} this week`,
      Number.isFinite(t.baseline) ? ` · usual ${t.baseline.toFixed(1)}` : '',
      z !== null ? el('span', {class: z >= 2 ? 'z z-hot' : 'z'}, ` · z ${z.toFixed(1)}`) : null),
    el('span', {class: 'trend-track'}, bar),
  ];
  if (!onClick || !label) return el('li', {class: 'trend item-col'}, ...content);
  const btn = el('button', {type: 'button', class: 'item-btn item-col', title: 'Filter the map to this actor'}, ...content);
  btn.addEventListener('click', () => onClick(label));
  return el('li', {class: 'trend'}, btn);
}

export function loadReviewQueue(list, itemFor) {
  return fillPanel(list, {path: '/api/review-queue?limit=50', key: 'events', loading: 'Loading…',
    empty: 'Nothing waits for review.', keepWhileLoading: true, item: (ev) => {
      const reasons = Array.isArray(ev.reasons) ? ev.reasons.map(String) : [];
      const chips = reasons.length ? el('span', {class: 'reasons'}, reasons.map((r) => el('span', {class: 'reason'}, r.replace(/_/g, ' ')))) : null;
      return itemFor(ev, chips);
    }});
}
