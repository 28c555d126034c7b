// The event card: everything known about one merged event, and the analyst's review actions.
//
// Every string here comes from articles or analysts and is put on the page as text only.

import {
  el, clear, externalLink, fmtDate, fmtInt, fmtTimestamp, typeLabel, typeDot, PRECISION_WORDS,
  EVENT_TYPES,
} from './util.js';

const CORRECTABLE = [
  ['event_type', 'Event type'],
  ['sub_event_type', 'Sub-event type'],
  ['location', 'Location (place name)'],
  ['fatalities', 'Fatalities'],
  ['injured', 'Injured'],
  ['actor1', 'Actor 1'],
  ['actor2', 'Actor 2'],
  ['event_date', 'Event date'],
];

const LOWER_BOUND = /(at\s*least|more\s+than|over|above|exceed|minimum|\bmin\b|>|\+)/i;

function isNum(v) {
  return typeof v === 'number' && Number.isFinite(v);
}

function str(v) {
  return v === null || v === undefined ? '' : String(v);
}

/** A toll as a short figure: "22", "22–25", "at least 22", or "" when unknown. */
export function tollFigure(toll) {
  if (!toll || typeof toll !== 'object') return '';
  const low = isNum(toll.low) ? toll.low : null;
  const high = isNum(toll.high) ? toll.high : null;
  const best = isNum(toll.best) ? toll.best : null;
  const a = low ?? best ?? high;
  const b = high ?? best ?? low;
  if (a === null) return '';
  const reports = Array.isArray(toll.reports) ? toll.reports : [];
  const qualified = reports.length > 0 && reports.every((r) => r && LOWER_BOUND.test(str(r.qualifier)));
  if (a === b || b === null) {
    return (high === null && low !== null) || qualified ? `at least ${fmtInt(a)}` : fmtInt(a);
  }
  return `${fmtInt(Math.min(a, b))}–${fmtInt(Math.max(a, b))}`;
}

function reportFigure(r) {
  const low = isNum(r.low) ? r.low : null;
  const high = isNum(r.high) ? r.high : null;
  const best = isNum(r.best) ? r.best : null;
  let fig;
  if (low !== null && high !== null && low !== high) fig = `${fmtInt(low)}–${fmtInt(high)}`;
  else fig = fmtInt(best ?? low ?? high);
  const q = str(r.qualifier).replace(/_/g, ' ').trim();
  return q ? `${q} ${fig}` : fig;
}

function actorText(actor) {
  if (!actor) return null;
  if (typeof actor === 'string') return actor;
  const name = str(actor.name) || str(actor.text);
  const bits = [str(actor.kind), str(actor.country)].filter(Boolean);
  const parts = [name || 'unnamed actor'];
  if (bits.length) parts.push(` (${bits.join(', ')})`);
  if (actor.text && actor.name && actor.text !== actor.name) parts.push(` — as “${actor.text}”`);
  return parts.join('');
}

function placeText(loc) {
  if (!loc) return null;
  if (typeof loc === 'string') return loc;
  const name = str(loc.name) || str(loc.text);
  const parts = [name, str(loc.admin1), str(loc.country) || str(loc.iso)].filter(Boolean);
  // Drop repeats such as "Ukraine, Ukraine".
  return parts.filter((p, i) => parts.indexOf(p) === i).join(', ') || null;
}

function badge(text, cls, title) {
  return el('span', {class: `badge ${cls || ''}`.trim(), title: title || null}, text);
}

function section(title, ...content) {
  return el('section', {class: 'card-section'}, el('h3', null, title), ...content);
}

function fact(dt, ...dd) {
  return [el('dt', null, dt), el('dd', null, ...dd)];
}

/** A sentence with every occurrence of the needles wrapped in <mark>. */
export function highlighted(sentence, needles) {
  const text = str(sentence);
  const ranges = [];
  const lower = text.toLowerCase();
  for (const raw of needles) {
    const needle = str(raw).trim();
    if (needle.length < 2) continue;
    const n = needle.toLowerCase();
    let from = 0;
    for (;;) {
      const at = lower.indexOf(n, from);
      if (at < 0) break;
      ranges.push([at, at + n.length]);
      from = at + n.length;
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const frag = document.createDocumentFragment();
  let pos = 0;
  for (const [s, e] of ranges) {
    if (s < pos) continue; // overlaps an earlier mark
    if (s > pos) frag.appendChild(document.createTextNode(text.slice(pos, s)));
    frag.appendChild(el('mark', null, text.slice(s, e)));
    pos = e;
  }
  if (pos < text.length) frag.appendChild(document.createTextNode(text.slice(pos)));
  return frag;
}

function tollBlock(label, toll, sitesBySource) {
  const reports = Array.isArray(toll.reports) ? toll.reports : [];
  const head = el('div', {class: 'toll-head'},
    el('span', {class: 'toll-label'}, label),
    el('span', {class: 'toll-figure'}, tollFigure(toll) || 'unknown'));
  if (toll.disagreement) head.appendChild(badge('disputed', 'badge-warn', 'Sources give different figures'));
  if (isNum(toll.acled)) head.appendChild(el('span', {class: 'muted small'}, `coded ${fmtInt(toll.acled)}`));
  const wrap = el('div', {class: `toll ${toll.disagreement ? 'toll-disputed' : ''}`.trim()}, head);
  if (reports.length) {
    const list = el('ul', {class: 'toll-reports'});
    for (const r of reports) {
      if (!r || typeof r !== 'object') continue;
      const site = str(r.site) || (sitesBySource.get(r.source) || []).join(', ');
      const who = [isNum(r.source) ? `source ${r.source}` : '', site].filter(Boolean).join(' · ');
      list.appendChild(el('li', null,
        el('span', {class: 'toll-rfig'}, reportFigure(r)),
        who ? el('span', {class: 'muted'}, ` ${who}`) : null,
        r.claim_status && r.claim_status !== 'reported' ? badge(str(r.claim_status).replace(/_/g, ' '), 'badge-quiet') : null,
        r.text ? el('q', {class: 'toll-text'}, str(r.text)) : null));
    }
    wrap.appendChild(list);
  } else if (toll.disagreement && Array.isArray(toll.by_source)) {
    wrap.appendChild(el('p', {class: 'small'}, `By source: ${toll.by_source.map((v) => fmtInt(v)).join(', ')}`));
  }
  if (toll.disagreement && Array.isArray(toll.by_source) && reports.length) {
    wrap.appendChild(el('p', {class: 'small muted'}, `Figures by independent source: ${toll.by_source.map((v) => fmtInt(v)).join(' / ')}`));
  }
  return wrap;
}

/**
 * Render an event into the card container.
 * ctx: {token, busy, message, messageKind, onClose(), onLocate(), onReview(payload)}
 */
export function renderCard(container, ev, ctx) {
  clear(container);
  container.dataset.state = 'ready';
  container.dataset.eventId = str(ev.id);
  const loc = ev.location && typeof ev.location === 'object' ? ev.location : null;
  const fat = ev.fatalities && typeof ev.fatalities === 'object' ? ev.fatalities : null;
  const inj = ev.injured && typeof ev.injured === 'object' ? ev.injured : null;
  const sources = Array.isArray(ev.sources) ? ev.sources : [];
  const sitesBySource = new Map(sources.map((s) => [s.source, Array.isArray(s.sites) ? s.sites.map(str) : []]));
  const review = ev.review && typeof ev.review === 'object' ? ev.review : {status: 'unreviewed'};
  const status = str(review.status) || 'unreviewed';

  // Head.
  const closeBtn = el('button', {type: 'button', class: 'btn btn-quiet btn-icon', id: 'event-card-close', 'aria-label': 'Close event'}, '×');
  closeBtn.addEventListener('click', () => ctx.onClose());
  const title = el('h2', {class: 'card-title'}, typeDot(ev.event_type), typeLabel(ev));
  const head = el('header', {class: 'card-head'},
    el('div', null, title, ev.sub_event_type ? el('p', {class: 'card-sub'}, str(ev.sub_event_type)) : null,
      ev.event_type && ev.interaction ? el('p', {class: 'card-sub muted'}, `Interaction: ${str(ev.interaction)}`) : null),
    closeBtn);
  container.appendChild(head);

  const badges = el('div', {class: 'badges'});
  badges.appendChild(badge(status, `badge-review badge-${status.replace(/[^a-z]/g, '')}`, 'Review status'));
  if ((fat && fat.disagreement) || (inj && inj.disagreement)) badges.appendChild(badge('disputed', 'badge-warn', 'Sources give different figures'));
  if (ev.claim_status && ev.claim_status !== 'reported') badges.appendChild(badge(str(ev.claim_status).replace(/_/g, ' '), 'badge-quiet', 'Claim status'));
  if (isNum(ev.confidence)) badges.appendChild(badge(`confidence ${Math.round(ev.confidence * 100)}%`, 'badge-quiet'));
  container.appendChild(badges);

  // Facts.
  const dl = el('dl', {class: 'facts'});
  const date = fmtDate(ev.event_date);
  dl.append(...fact('Date', date || 'unknown', ev.time_precision ? el('span', {class: 'muted'}, ` (${str(ev.time_precision)})`) : null));
  const where = placeText(loc);
  const precision = loc ? PRECISION_WORDS[loc.geo_precision] : null;
  const placeDd = [where || 'no place found'];
  if (precision) placeDd.push(el('span', {class: 'muted'}, ` · ${precision}`));
  if (loc && isNum(loc.latitude) && isNum(loc.longitude)) {
    const locate = el('button', {type: 'button', class: 'btn-link', id: 'event-card-locate', title: 'Show on map'},
      `${loc.latitude.toFixed(3)}, ${loc.longitude.toFixed(3)}`);
    locate.addEventListener('click', () => ctx.onLocate());
    placeDd.push(el('br'), locate);
  }
  if (loc && loc.text && loc.name && loc.text !== loc.name) placeDd.push(el('span', {class: 'muted'}, ` — as “${str(loc.text)}”`));
  dl.append(...fact('Place', ...placeDd));
  dl.append(...fact('Actor 1', actorText(ev.actor1) || el('span', {class: 'muted'}, 'unknown')));
  if (ev.actor2) dl.append(...fact('Actor 2', actorText(ev.actor2)));
  dl.append(...fact('Killed', tollFigure(fat) || el('span', {class: 'muted'}, 'not reported')));
  dl.append(...fact('Injured', tollFigure(inj) || el('span', {class: 'muted'}, 'not reported')));
  dl.append(...fact('Sources', `${fmtInt(ev.n_sources)} independent, ${fmtInt(ev.n_reports)} report${ev.n_reports === 1 ? '' : 's'}`));
  if (ev.story_id !== null && ev.story_id !== undefined) dl.append(...fact('Story', str(ev.story_id)));
  dl.append(...fact('Event id', el('code', null, str(ev.id))));
  container.appendChild(dl);

  // Tolls by source.
  const tollBlocks = [];
  if (fat && (Array.isArray(fat.reports) && fat.reports.length || fat.disagreement)) tollBlocks.push(tollBlock('Killed', fat, sitesBySource));
  if (inj && (Array.isArray(inj.reports) && inj.reports.length || inj.disagreement)) tollBlocks.push(tollBlock('Injured', inj, sitesBySource));
  if (tollBlocks.length) container.appendChild(section('Figures by source', ...tollBlocks));

  // Claims.
  const claims = Array.isArray(ev.actors_claimed) ? ev.actors_claimed : [];
  if (claims.length) {
    const list = el('ul', {class: 'claims'});
    for (const c of claims) {
      if (!c || typeof c !== 'object') continue;
      const speakers = Array.isArray(c.speakers) ? c.speakers.map(str).filter(Boolean) : [];
      const srcs = Array.isArray(c.sources) ? c.sources : [];
      list.appendChild(el('li', null,
        el('strong', null, actorText(c.actor1) || 'unnamed actor'),
        ' ', badge(str(c.claim_status || 'reported').replace(/_/g, ' '), 'badge-quiet'),
        speakers.length ? el('span', null, ' according to ', speakers.join('; ')) : null,
        srcs.length ? el('span', {class: 'muted'}, ` (source${srcs.length === 1 ? '' : 's'} ${srcs.join(', ')})`) : null));
    }
    container.appendChild(section('Who did it, according to whom', list));
  }

  // Evidence.
  const evidence = Array.isArray(ev.evidence) ? ev.evidence : [];
  if (evidence.length) {
    const needles = [];
    for (const t of [fat, inj]) {
      if (t && Array.isArray(t.reports)) for (const r of t.reports) if (r && r.text) needles.push(str(r.text));
    }
    const seen = new Set();
    const list = el('ul', {class: 'evidence'});
    for (const e of evidence) {
      if (!e || typeof e !== 'object' || !e.text) continue;
      const key = `${str(e.field)}\u0000${str(e.text)}`;
      if (seen.has(key)) continue;
      seen.add(key);
      list.appendChild(el('li', null,
        e.field ? el('span', {class: 'ev-field'}, str(e.field).replace(/_/g, ' ')) : null,
        el('span', {class: 'ev-text'}, highlighted(e.text, needles))));
    }
    container.appendChild(section('Evidence', list));
  }

  // Mentions (the articles).
  const mentions = Array.isArray(ev.mentions) ? ev.mentions : [];
  if (mentions.length) {
    const list = el('ul', {class: 'mentions'});
    for (const m of mentions) {
      if (!m || typeof m !== 'object') continue;
      const titleText = str(m.title) || str(m.url) || str(m.doc_id) || 'untitled';
      const link = externalLink(m.url, titleText, 'mention-title');
      const meta = [str(m.site), fmtDate(m.published)].filter(Boolean).join(' · ');
      const extra = [];
      if (m.copy_family !== null && m.copy_family !== undefined) extra.push(`copy family ${str(m.copy_family)}`);
      if (isNum(m.score)) extra.push(`match ${m.score.toFixed(2)}`);
      if (m.reason) extra.push(str(m.reason));
      list.appendChild(el('li', null,
        link,
        el('div', {class: 'muted small'}, meta || 'unknown site',
          m.url && !link.href ? ' · link withheld (not http/https)' : null),
        extra.length ? el('div', {class: 'muted small'}, extra.join(' · ')) : null));
    }
    container.appendChild(section(`Articles (${mentions.length})`, list));
  }

  // Independent sources.
  if (sources.length) {
    const list = el('ul', {class: 'sources'});
    for (const s of sources) {
      if (!s || typeof s !== 'object') continue;
      const sites = Array.isArray(s.sites) ? s.sites.map(str).filter(Boolean) : [];
      const wires = Array.isArray(s.wires) ? s.wires.map(str).filter(Boolean) : [];
      const docs = Array.isArray(s.doc_ids) ? s.doc_ids.length : 0;
      list.appendChild(el('li', null,
        el('strong', null, `Source ${str(s.source)}`), ' ',
        sites.join(', ') || 'unknown site',
        wires.length ? el('span', {class: 'muted'}, ` · wire: ${wires.join(', ')}`) : null,
        el('span', {class: 'muted'}, ` · ${docs} document${docs === 1 ? '' : 's'}`)));
    }
    container.appendChild(section('Independent sources', list));
  }

  container.appendChild(reviewSection(ev, review, status, ctx));
}

function reviewSection(ev, review, status, ctx) {
  const sec = section('Review', el('p', null, 'Status: ', el('strong', {id: 'review-status'}, status)));
  const corrections = review.corrections && typeof review.corrections === 'object' ? Object.entries(review.corrections) : [];
  if (corrections.length) {
    const dl = el('dl', {class: 'facts facts-compact'});
    for (const [field, value] of corrections) {
      dl.append(...fact(field.replace(/_/g, ' '), typeof value === 'object' && value !== null ? JSON.stringify(value) : str(value)));
    }
    sec.appendChild(el('p', {class: 'small muted'}, 'Corrections'));
    sec.appendChild(dl);
  }
  const history = Array.isArray(review.history) ? review.history : [];
  if (history.length) {
    const list = el('ol', {class: 'history', id: 'review-history'});
    for (const h of history) {
      if (!h || typeof h !== 'object') continue;
      const what = [str(h.action)];
      if (h.field) what.push(str(h.field));
      if (h.value !== null && h.value !== undefined) what.push(`→ ${typeof h.value === 'object' ? JSON.stringify(h.value) : str(h.value)}`);
      list.appendChild(el('li', null,
        el('span', {class: 'hist-what'}, what.join(' ')),
        el('span', {class: 'muted small'}, ` ${[str(h.author), fmtTimestamp(h.created_at)].filter(Boolean).join(' · ')}`),
        h.note ? el('div', {class: 'hist-note'}, str(h.note)) : null));
    }
    sec.appendChild(list);
  }

  const msg = el('p', {class: `review-message ${ctx.messageKind === 'error' ? 'is-error' : ''}`.trim(), id: 'review-message', role: 'status'}, ctx.message || '');
  if (!ctx.token) {
    sec.appendChild(el('p', {class: 'small muted'}, 'Enter an analyst token at the top of the page to confirm, reject, annotate or correct this event.'));
    sec.appendChild(msg);
    return sec;
  }

  const form = el('div', {class: 'review-actions', id: 'review-actions'});
  const confirm = el('button', {type: 'button', class: 'btn btn-ok', id: 'review-confirm'}, 'Confirm');
  const reject = el('button', {type: 'button', class: 'btn btn-danger', id: 'review-reject'}, 'Reject');
  const noteText = el('textarea', {id: 'review-note-text', maxlength: 2000, rows: 3, placeholder: 'Optional with Confirm, Reject and Correct; up to 2,000 characters'});
  const noteBtn = el('button', {type: 'button', class: 'btn', id: 'review-note'}, 'Add note');
  const fieldSel = el('select', {id: 'review-field', 'aria-label': 'Field to correct'},
    CORRECTABLE.map(([v, label]) => el('option', {value: v}, label)));
  const typeList = el('datalist', {id: 'review-types'}, EVENT_TYPES.map((t) => el('option', {value: t.name})));
  const valueIn = el('input', {id: 'review-value', type: 'text', maxlength: 500, 'aria-label': 'Corrected value', placeholder: 'corrected value', list: 'review-types'});
  const correctBtn = el('button', {type: 'button', class: 'btn', id: 'review-correct'}, 'Correct');
  const mergeIn = el('input', {id: 'review-merge-id', type: 'text', maxlength: 64, 'aria-label': 'Event to merge into this one', placeholder: 'event id (ev…)'});
  const mergeBtn = el('button', {type: 'button', class: 'btn', id: 'review-merge'}, 'Merge into this');
  const mentions = Array.isArray(ev.mentions) ? ev.mentions : [];
  const splitSel = el('select', {id: 'review-split-mention', 'aria-label': 'Report to take out of this event'},
    mentions.map((m) => el('option', {value: str(m.mention_id)}, `${str(m.site) || 'report'}: ${str(m.title).slice(0, 60)}`)));
  const splitBtn = el('button', {type: 'button', class: 'btn', id: 'review-split'}, 'Split out');

  const setValueKind = () => {
    const f = fieldSel.value;
    valueIn.type = f === 'fatalities' || f === 'injured' ? 'number' : f === 'event_date' ? 'date' : 'text';
    if (valueIn.type === 'number') valueIn.min = '0';
    if (f === 'event_type') valueIn.setAttribute('list', 'review-types');
    else valueIn.removeAttribute('list');
  };
  fieldSel.addEventListener('change', setValueKind);
  setValueKind();

  const buttons = [confirm, reject, noteBtn, correctBtn, mergeBtn, splitBtn];
  const send = async (payload) => {
    for (const b of buttons) b.disabled = true;
    msg.textContent = 'Saving…';
    msg.classList.remove('is-error');
    try {
      await ctx.onReview(payload);
    } finally {
      for (const b of buttons) b.disabled = false;
    }
  };
  const note = () => {
    const t = noteText.value.trim();
    return t ? t.slice(0, 2000) : null;
  };
  const fail = (text) => {
    msg.textContent = text;
    msg.classList.add('is-error');
  };
  confirm.addEventListener('click', () => send({action: 'confirm', field: null, value: null, note: note()}));
  reject.addEventListener('click', () => send({action: 'reject', field: null, value: null, note: note()}));
  noteBtn.addEventListener('click', () => {
    if (!note()) {
      fail('Write a note first.');
      noteText.focus();
      return;
    }
    send({action: 'note', field: null, value: null, note: note()});
  });
  correctBtn.addEventListener('click', () => {
    const field = fieldSel.value;
    const raw = valueIn.value.trim();
    if (!raw) {
      fail('Enter the corrected value.');
      valueIn.focus();
      return;
    }
    let value = raw;
    if (field === 'fatalities' || field === 'injured') {
      if (!/^\d+$/.test(raw)) {
        fail('Enter a whole number of people (0 or more).');
        return;
      }
      value = Number(raw);
    } else if (field === 'event_date' && !/^\d{4}-\d{2}-\d{2}$/.test(raw)) {
      fail('Enter the date as YYYY-MM-DD.');
      return;
    }
    send({action: 'correct', field, value, note: note()});
  });

  mergeBtn.addEventListener('click', () => {
    const other = mergeIn.value.trim();
    if (!/^ev[0-9a-f]{6,}$/.test(other)) {
      fail('Enter the id of the event to merge (ev followed by hex digits).');
      mergeIn.focus();
      return;
    }
    send({action: 'merge', field: null, value: [other], note: note()});
  });
  splitBtn.addEventListener('click', () => {
    if (!splitSel.value) return;
    send({action: 'split', field: null, value: splitSel.value, note: note()});
  });

  form.append(
    el('label', {for: 'review-note-text', class: 'sub'}, 'Note'),
    noteText,
    el('div', {class: 'row'}, confirm, reject, noteBtn),
    el('p', {class: 'sub'}, 'Correct a field'),
    el('div', {class: 'row row-correct'}, fieldSel, valueIn, correctBtn, typeList),
    el('p', {class: 'sub'}, 'Merge another event into this one'),
    el('div', {class: 'row row-correct'}, mergeIn, mergeBtn),
  );
  if (mentions.length > 1) {
    form.append(el('p', {class: 'sub'}, 'Take a report out into an event of its own'),
      el('div', {class: 'row row-correct'}, splitSel, splitBtn));
  }
  sec.appendChild(form);
  sec.appendChild(msg);
  return sec;
}

/** Card placeholder states. */
export function renderCardState(container, state, text) {
  clear(container);
  container.dataset.state = state;
  if (state !== 'ready') delete container.dataset.eventId;
  const p = el('p', {class: state === 'error' ? 'empty is-error' : 'empty'}, text);
  if (state === 'loading') p.prepend(el('span', {class: 'spinner', 'aria-hidden': 'true'}));
  container.appendChild(p);
}

