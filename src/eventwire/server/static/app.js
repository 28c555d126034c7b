// eventwire dashboard: map, timeline, filters, lists and the event card.
//
// Plain ES2020 modules, no build step. Leaflet, Leaflet.markercluster and topojson-client are
// vendored under /static/vendor/ (bash dashboard/vendor.sh) and loaded as classic scripts first.
// Hooks for tests: body[data-ready], body[data-marker-count], body[data-event-count],
// body[data-brush]; ids listed in static/README.md.

import {
  el, clear, api, setToken, ApiError, fmtInt, fmtDate, dayNumber, debounce, EVENT_TYPES, OTHER_TYPE, typeInfo,
  typeLabel, typeDot, PRECISION_WORDS,
} from './util.js';
import {Timeline} from './timeline.js';
import {renderCard, renderCardState} from './card.js';
import {loadReviewQueue, loadStories, loadTrending, messageOf, plural} from './panels.js';

const MAX_EVENTS = 50000;
const LIST_PAGE = 200;
const TOKEN_KEY = 'eventwire.token';
const $ = (id) => document.getElementById(id);
const body = document.body;

// Form inputs and the API parameter each one sets.
const FIELDS = [
  ['f-since', 'since'],
  ['f-until', 'until'],
  ['f-type', 'event_type'],
  ['f-country', 'country'],
  ['f-actor', 'actor'],
  ['f-min-sources', 'min_sources'],
  ['f-min-fatalities', 'min_fatalities'],
  ['f-q', 'q'],
  ['f-review', 'review'],
];
// API filters that have no input here but are kept when they arrive in a shared URL.
const EXTRA_PARAMS = ['admin1', 'sub_event_type', 'interaction'];

const state = {
  events: [],
  total: 0,
  markers: [], // parallel to events: L.CircleMarker or null
  visible: [], // events after the timeline brush
  brush: null,
  extras: {},
  lastQuery: null,
  loadGen: 0,
  controller: null,
  selectedId: null,
  card: null, // the full event shown in the card
  cardGen: 0,
  listShown: LIST_PAGE,
  loadedTabs: new Set(),
  token: '',
  borders: Promise.resolve(), // resolves once country borders are drawn (or failed)
};

let map = null;
let cluster = null;
let legend = null;
let ring = null;
let timeline = null;

// ---------------------------------------------------------------- errors

function showError(message) {
  $('error-text').textContent = message;
  $('error').hidden = false;
}

function hideError() {
  $('error').hidden = true;
  $('error-text').textContent = '';
}

// ---------------------------------------------------------------- filters and the URL

function readForm() {
  const params = {};
  for (const [id, key] of FIELDS) {
    const value = $(id).value.trim();
    if (value) params[key] = value;
  }
  if (params.country) params.country = params.country.toUpperCase();
  Object.assign(params, state.extras);
  if ($('f-bbox').checked && map) params.bbox = currentBbox();
  return params;
}

function validate(params) {
  if (params.country && !/^[A-Z]{2}$/.test(params.country)) return 'Country must be a two-letter ISO code, such as UA.';
  for (const key of ['min_sources', 'min_fatalities']) {
    if (params[key] && !/^\d+$/.test(params[key])) return 'Minimum sources and deaths must be whole numbers.';
  }
  for (const key of ['since', 'until']) {
    if (params[key] && !/^\d{4}-\d{2}-\d{2}$/.test(params[key])) return 'Dates must be YYYY-MM-DD.';
  }
  if (params.since && params.until && params.since > params.until) return '“Since” is after “Until”.';
  return null;
}

function currentBbox() {
  const b = map.getBounds();
  const clamp = (v, lo, hi) => Math.min(Math.max(v, lo), hi);
  const w = clamp(b.getWest(), -180, 180);
  const e = clamp(b.getEast(), -180, 180);
  const s = clamp(b.getSouth(), -90, 90);
  const n = clamp(b.getNorth(), -90, 90);
  return [w, s, e, n].map((v) => v.toFixed(4)).join(',');
}

function writeUrl() {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(state.lastQuery || {})) q.set(k, v);
  if (state.selectedId !== null) q.set('event', String(state.selectedId));
  const text = q.toString();
  const url = `${location.pathname}${text ? `?${text}` : ''}${location.hash}`;
  history.replaceState(null, '', url);
}

function readUrl() {
  const q = new URLSearchParams(location.search);
  for (const [id, key] of FIELDS) {
    const v = q.get(key);
    if (v === null) continue;
    const input = $(id);
    if (input.tagName === 'SELECT') {
      if ([...input.options].some((o) => o.value === v)) input.value = v;
    } else {
      input.value = v.slice(0, Number(input.getAttribute('maxlength')) || 500);
    }
  }
  for (const key of EXTRA_PARAMS) {
    const v = q.get(key);
    if (v) state.extras[key] = v.slice(0, 200);
  }
  let bbox = null;
  const raw = q.get('bbox');
  if (raw) {
    const parts = raw.split(',').map(Number);
    if (parts.length === 4 && parts.every(Number.isFinite)) bbox = parts;
  }
  const event = q.get('event');
  return {bbox, event: event ? event.slice(0, 200) : null};
}

function renderExtras() {
  const box = $('f-extra');
  clear(box);
  const keys = Object.keys(state.extras);
  box.hidden = keys.length === 0;
  for (const key of keys) {
    const btn = el('button', {type: 'button', class: 'chip', title: 'Remove this filter'},
      `${key.replace(/_/g, ' ')}: ${state.extras[key]}`, el('span', {'aria-hidden': 'true'}, ' ×'));
    btn.addEventListener('click', () => {
      delete state.extras[key];
      renderExtras();
      reload();
    });
    box.appendChild(btn);
  }
}

// ---------------------------------------------------------------- map

function setupMap() {
  map = L.map('map', {
    minZoom: 1,
    maxZoom: 13,
    zoomSnap: 0.5,
    worldCopyJump: false,
    maxBounds: [[-80, -230], [86, 230]],
    maxBoundsViscosity: 0.7,
    attributionControl: true,
  });
  map.attributionControl.setPrefix('Leaflet');
  map.fitBounds([[-40, -120], [65, 150]]);

  map.createPane('countries');
  map.getPane('countries').style.zIndex = '200';
  map.createPane('selection');
  map.getPane('selection').style.zIndex = '450'; // above the event circles, below cluster icons
  map.getPane('selection').style.pointerEvents = 'none';

  cluster = L.markerClusterGroup({
    chunkedLoading: true,
    chunkInterval: 120,
    chunkDelay: 16,
    chunkProgress: onChunk,
    showCoverageOnHover: false,
    spiderfyOnMaxZoom: true,
    removeOutsideVisibleBounds: true,
    maxClusterRadius: 48,
    iconCreateFunction: clusterIcon,
  });
  cluster.on('click', (e) => {
    const ev = e.layer && e.layer.ewEvent;
    if (ev) openEvent(ev.id);
  });
  cluster.on('mouseover', (e) => {
    const m = e.layer;
    if (!m || !m.ewEvent || m.getTooltip()) return;
    m.bindTooltip(() => markerTip(m.ewEvent), {direction: 'top', offset: [0, -6], opacity: 1, className: 'ew-tip'});
    m.openTooltip();
  });
  map.addLayer(cluster);

  // The "map view only" checkbox belongs to the filters form (form="filters") but sits on the map.
  const viewToggle = L.control({position: 'topleft'});
  viewToggle.onAdd = () => {
    const box = L.DomUtil.create('div', 'view-toggle');
    L.DomEvent.disableClickPropagation(box);
    box.appendChild($('f-bbox-field'));
    return box;
  };
  viewToggle.addTo(map);

  legend = L.control({position: 'topright'});
  legend.onAdd = buildLegend;
  legend.addTo(map);

  map.on('moveend', debounce(() => {
    if ($('f-bbox').checked && state.lastQuery && state.lastQuery.bbox !== currentBbox()) reload();
  }, 450));

  if ('ResizeObserver' in window) new ResizeObserver(() => map.invalidateSize()).observe($('map'));
}

async function loadCountries() {
  try {
    const res = await fetch('/static/vendor/countries-50m.json', {credentials: 'same-origin'});
    if (!res.ok) throw new Error(`HTTP ${res.status}`);
    const topo = await res.json();
    const geo = topojson.feature(topo, topo.objects.countries);
    geo.features = geo.features.filter((f) => f.id !== '010'); // Antarctica: only noise here
    for (const f of geo.features) unwrapAntimeridian(f.geometry);
    L.geoJSON(geo, {
      pane: 'countries',
      renderer: L.canvas({pane: 'countries', padding: 0.5}),
      interactive: false,
      attribution: 'Borders: Natural Earth',
      style: {color: '#b3ab9c', weight: 0.6, fillColor: '#f6f3ec', fillOpacity: 1},
    }).addTo(map);
  } catch (err) {
    showError(`Country borders could not be loaded (${err.message}). Run: bash dashboard/vendor.sh`);
  }
}

// Rings that cross 180° (Russia, Fiji) jump from +180 to -180 and would draw a line across the
// world: continue them past 180° instead, then move the whole ring back near the map.
function unwrapAntimeridian(geometry) {
  if (!geometry) return;
  const polygons = geometry.type === 'Polygon' ? [geometry.coordinates]
    : geometry.type === 'MultiPolygon' ? geometry.coordinates : [];
  for (const polygon of polygons) {
    for (const ring of polygon) {
      let shift = 0;
      let sum = 0;
      for (let i = 0; i < ring.length; i++) {
        let lon = ring[i][0] + shift;
        if (i > 0) {
          const prev = ring[i - 1][0];
          if (lon - prev > 180) { shift -= 360; lon -= 360; }
          else if (lon - prev < -180) { shift += 360; lon += 360; }
        }
        ring[i] = [lon, ring[i][1]];
        sum += lon;
      }
      const mean = ring.length ? sum / ring.length : 0;
      const back = mean > 180 ? -360 : mean < -180 ? 360 : 0;
      if (back) for (const pt of ring) pt[0] += back;
    }
  }
}

function clusterIcon(c) {
  const n = c.getChildCount();
  const size = n < 10 ? 28 : n < 100 ? 34 : n < 1000 ? 40 : 48;
  const label = n < 1000 ? String(n) : n < 10000 ? `${(n / 1000).toFixed(1)}k` : `${Math.round(n / 1000)}k`;
  const inner = document.createElement('div');
  inner.appendChild(document.createElement('span')).textContent = label;
  const bucket = n < 10 ? 's' : n < 100 ? 'm' : n < 1000 ? 'l' : 'xl';
  return L.divIcon({html: inner, className: `ew-cluster ew-cluster-${bucket}`, iconSize: L.point(size, size)});
}

function hasCoords(ev) {
  return Number.isFinite(ev.latitude) && Number.isFinite(ev.longitude) &&
    Math.abs(ev.latitude) <= 90 && Math.abs(ev.longitude) <= 180;
}

function markerRadius(fatalities) {
  const f = Number.isFinite(fatalities) && fatalities > 0 ? fatalities : 0;
  return Math.min(5 + 2 * Math.sqrt(f), 22);
}

function onMarkerAdd() {
  const node = this.getElement && this.getElement();
  if (node && this.ewEvent) node.setAttribute('data-event-id', String(this.ewEvent.id));
}

function makeMarker(ev) {
  if (!hasCoords(ev)) return null;
  const t = typeInfo(ev.event_type);
  const precise = ev.geo_precision === 1 || ev.geo_precision === null || ev.geo_precision === undefined;
  const m = L.circleMarker([ev.latitude, ev.longitude], {
    radius: markerRadius(ev.fatalities),
    fillColor: t.color,
    fillOpacity: precise ? 0.82 : 0.28,
    color: precise ? '#ffffff' : t.color,
    weight: precise ? 1 : 1.5,
    opacity: 1,
    dashArray: ev.geo_precision === 3 ? '3 3' : null,
    className: `ew-marker ew-type-${t.slug}`,
    bubblingMouseEvents: true,
  });
  m.ewEvent = ev;
  m.on('add', onMarkerAdd);
  return m;
}

function markerTip(ev) {
  const place = [ev.location, ev.admin1, ev.iso].filter(Boolean).map(String);
  const tolls = [];
  if (Number.isFinite(ev.fatalities)) tolls.push(`${fmtInt(ev.fatalities)} killed`);
  if (Number.isFinite(ev.injured)) tolls.push(`${fmtInt(ev.injured)} injured`);
  return el('div', {class: 'tip'},
    el('strong', null, typeLabel(ev)),
    ev.sub_event_type ? el('div', null, String(ev.sub_event_type)) : null,
    el('div', {class: 'muted'}, [fmtDate(ev.event_date), place.filter((p, i) => place.indexOf(p) === i).join(', ')].filter(Boolean).join(' · ')),
    tolls.length ? el('div', null, tolls.join(', ')) : null);
}

// Marker drawing is queued: markercluster keeps adding a chunked batch even after clearLayers, so
// a new batch starts only when the last one has finished.
const draw = {busy: false, queued: null, done: null};

function drawMarkers(list) {
  return new Promise((resolve) => {
    if (!cluster) {
      resolve();
      return;
    }
    if (draw.busy) {
      if (draw.queued) draw.queued.resolve();
      draw.queued = {list, resolve};
      return;
    }
    draw.busy = true;
    draw.done = resolve;
    cluster.clearLayers();
    cluster.addLayers(list);
  });
}

function onChunk(processed, total) {
  if (processed < total) return;
  setTimeout(() => {
    const done = draw.done;
    draw.busy = false;
    draw.done = null;
    if (draw.queued) {
      const next = draw.queued;
      draw.queued = null;
      if (done) done();
      drawMarkers(next.list).then(next.resolve);
    } else if (done) {
      done();
    }
  }, 0);
}

function buildLegend() {
  const box = L.DomUtil.create('div', 'legend');
  box.id = 'legend';
  L.DomEvent.disableClickPropagation(box);
  L.DomEvent.disableScrollPropagation(box);
  const details = el('details', {open: !window.matchMedia('(max-width: 800px)').matches});
  details.appendChild(el('summary', null, 'Legend'));
  const list = el('ul', {class: 'legend-types'});
  for (const t of [...EVENT_TYPES, OTHER_TYPE]) {
    const dot = el('span', {class: `legend-dot t-${t.slug}`, 'aria-hidden': 'true'});
    list.appendChild(el('li', {'data-type': t.slug}, dot, el('span', {class: 'legend-name'}, t.name),
      el('span', {class: 'legend-count', id: `legend-count-${t.slug}`}, '')));
  }
  details.appendChild(list);
  details.appendChild(el('ul', {class: 'legend-precision'},
    el('li', null, el('span', {class: 'legend-sym sym-settlement', 'aria-hidden': 'true'}), 'settlement'),
    el('li', null, el('span', {class: 'legend-sym sym-region', 'aria-hidden': 'true'}), 'region'),
    el('li', null, el('span', {class: 'legend-sym sym-country', 'aria-hidden': 'true'}), 'country only')));
  details.appendChild(el('p', {class: 'legend-note'}, 'Size grows with deaths.'));
  box.appendChild(details);
  return box;
}

function updateLegend(events) {
  const counts = new Map();
  for (const ev of events) {
    const slug = typeInfo(ev.event_type).slug;
    counts.set(slug, (counts.get(slug) || 0) + 1);
  }
  for (const t of [...EVENT_TYPES, OTHER_TYPE]) {
    const node = $(`legend-count-${t.slug}`);
    if (node) node.textContent = counts.has(t.slug) ? fmtInt(counts.get(t.slug)) : '';
    const li = node && node.parentElement;
    if (li) li.classList.toggle('is-empty', !counts.has(t.slug));
  }
}

function showRing(ev) {
  if (!map) return;
  if (ring) {
    ring.remove();
    ring = null;
  }
  if (!ev) return;
  const lat = ev.location && typeof ev.location === 'object' ? ev.location.latitude : ev.latitude;
  const lon = ev.location && typeof ev.location === 'object' ? ev.location.longitude : ev.longitude;
  if (!Number.isFinite(lat) || !Number.isFinite(lon)) return;
  const f = ev.fatalities && typeof ev.fatalities === 'object' ? ev.fatalities.best ?? ev.fatalities.low : ev.fatalities;
  ring = L.circleMarker([lat, lon], {
    pane: 'selection', radius: markerRadius(f) + 5, color: '#111827', weight: 2.5, fill: false,
    interactive: false, className: 'ew-selected',
  }).addTo(map);
}

function locate(ev, {force = false} = {}) {
  if (!map || !ring) return;
  const ll = ring.getLatLng();
  if (force) map.setView(ll, Math.max(map.getZoom(), 7));
  else if (!map.getBounds().pad(-0.05).contains(ll)) map.panTo(ll);
}

// ---------------------------------------------------------------- loading events

async function fetchEvents(params, signal) {
  const q = new URLSearchParams({view: 'summary', limit: String(MAX_EVENTS), ...params});
  const events = [];
  const seen = new Set();
  let total = null;
  let cursor = null;
  for (let page = 0; page < 100; page++) {
    if (cursor) q.set('cursor', cursor);
    const data = await api(`/api/events?${q}`, {signal});
    const batch = Array.isArray(data.events) ? data.events : [];
    if (Number.isFinite(data.total)) total = data.total;
    for (const ev of batch) {
      if (!ev || typeof ev !== 'object' || seen.has(ev.id)) continue;
      seen.add(ev.id);
      events.push(ev);
    }
    const next = typeof data.next_cursor === 'string' && data.next_cursor ? data.next_cursor : null;
    if (!next || next === cursor || batch.length === 0 || events.length >= MAX_EVENTS) break;
    cursor = next;
  }
  return {events: events.slice(0, MAX_EVENTS), total: total ?? events.length};
}

async function reload({force = false, fit = false} = {}) {
  const params = readForm();
  const problem = validate(params);
  if (problem) {
    showError(problem);
    return;
  }
  const key = JSON.stringify(params);
  if (!force && state.lastQuery && JSON.stringify(state.lastQuery) === key) return;
  state.lastQuery = params;
  writeUrl();

  const gen = ++state.loadGen;
  if (state.controller) state.controller.abort();
  const controller = new AbortController();
  state.controller = controller;
  body.dataset.ready = '0';
  $('loading').hidden = false;
  try {
    const {events, total} = await fetchEvents(params, controller.signal);
    if (gen !== state.loadGen) return;
    hideError();
    state.events = events;
    state.total = total;
    state.markers = map ? events.map(makeMarker) : events.map(() => null);
    state.brush = null;
    body.dataset.eventCount = String(events.length);
    body.dataset.eventTotal = String(total);
    timeline.setBrush(null);
    timeline.setData(events);
    await applyBrush();
    if (gen !== state.loadGen) return;
    if (fit) fitToMarkers();
  } catch (err) {
    if (err && err.name === 'AbortError') return;
    if (gen !== state.loadGen) return;
    showError(messageOf(err));
    // Show nothing rather than the previous filters' events under the new filters.
    state.events = [];
    state.total = 0;
    state.markers = [];
    state.brush = null;
    body.dataset.eventCount = '0';
    body.dataset.eventTotal = '0';
    timeline.setBrush(null);
    timeline.setData([]);
    await applyBrush();
  } finally {
    if (gen === state.loadGen) {
      $('loading').hidden = true;
      await state.borders;
      if (gen === state.loadGen) body.dataset.ready = '1';
    }
  }
}

function fitToMarkers() {
  const pts = state.markers.filter(Boolean).map((m) => m.getLatLng());
  if (!pts.length || !map) return;
  const b = L.latLngBounds(pts);
  map.fitBounds(b.pad(0.15), {maxZoom: 7, animate: false});
}

/** Apply the timeline brush to the loaded events: map, list, legend and counts. */
async function applyBrush() {
  let visible = state.events;
  let markers = state.markers;
  if (state.brush) {
    const a = dayNumber(state.brush.from);
    const b = dayNumber(state.brush.to);
    visible = [];
    markers = [];
    state.events.forEach((ev, i) => {
      const d = dayNumber(ev.event_date);
      if (d !== null && d >= a && d <= b) {
        visible.push(ev);
        markers.push(state.markers[i]);
      }
    });
  }
  const drawn = markers.filter(Boolean);
  state.visible = visible;
  body.dataset.markerCount = String(drawn.length);
  body.dataset.brush = state.brush ? `${state.brush.from}..${state.brush.to}` : '';
  $('stat-events').textContent = fmtInt(visible.length);
  $('stat-mapped').textContent = fmtInt(drawn.length);
  const trunc = $('stat-truncated');
  trunc.hidden = !(state.total > state.events.length);
  trunc.textContent = trunc.hidden ? '' : `showing the first ${fmtInt(state.events.length)} of ${fmtInt(state.total)}`;
  updateLegend(visible);
  state.listShown = LIST_PAGE;
  renderEventList();
  renderBrushLabel();
  await drawMarkers(drawn);
}

function renderBrushLabel() {
  const label = $('timeline-range');
  const clearBtn = $('timeline-clear');
  if (state.brush) {
    const same = state.brush.from === state.brush.to;
    label.textContent = `${same ? state.brush.from : `${state.brush.from} – ${state.brush.to}`}: ${plural(state.visible.length, 'event')}`;
    label.classList.add('is-active');
    clearBtn.hidden = false;
  } else {
    label.textContent = state.events.length ? 'Drag across the chart to pick dates' : '';
    label.classList.remove('is-active');
    clearBtn.hidden = true;
  }
}

// ---------------------------------------------------------------- lists

function eventItem(ev, extra) {
  const place = [ev.location, ev.admin1, ev.iso].filter(Boolean).map(String);
  const meta = [];
  if (Number.isFinite(ev.fatalities)) meta.push(`${fmtInt(ev.fatalities)} killed`);
  if (Number.isFinite(ev.injured) && ev.injured) meta.push(`${fmtInt(ev.injured)} injured`);
  if (Number.isFinite(ev.n_sources)) meta.push(`${fmtInt(ev.n_sources)} src`);
  const btn = el('button', {type: 'button', class: 'item-btn', 'data-event-id': String(ev.id)},
    typeDot(ev.event_type),
    el('span', {class: 'item-main'},
      el('span', {class: 'item-title'}, typeLabel(ev), ev.sub_event_type ? el('span', {class: 'muted'}, ` · ${String(ev.sub_event_type)}`) : null),
      el('span', {class: 'item-sub'},
        [fmtDate(ev.event_date) || 'undated', place.filter((p, i) => place.indexOf(p) === i).join(', ') || 'no place',
          ev.geo_precision > 1 ? `(${PRECISION_WORDS[ev.geo_precision] || 'approx.'})` : ''].filter(Boolean).join(' · ')),
      extra || null),
    el('span', {class: 'item-meta'}, meta.join(' · '),
      ev.disputed ? el('span', {class: 'badge badge-warn'}, 'disputed') : null,
      ev.review_status && ev.review_status !== 'unreviewed' ? el('span', {class: `badge badge-${String(ev.review_status).replace(/[^a-z]/g, '')}`}, String(ev.review_status)) : null));
  if (String(ev.id) === String(state.selectedId)) btn.classList.add('is-selected');
  btn.addEventListener('click', () => openEvent(ev.id, {pan: true}));
  return el('li', null, btn);
}

function sortedVisible() {
  return state.visible.slice().sort((a, b) => String(b.event_date || '').localeCompare(String(a.event_date || '')));
}

function renderEventList() {
  const list = $('event-list');
  clear(list);
  const events = sortedVisible();
  const shown = events.slice(0, state.listShown);
  for (const ev of shown) list.appendChild(eventItem(ev));
  const unmapped = state.visible.filter((ev) => !hasCoords(ev)).length;
  $('event-list-note').textContent = events.length
    ? `${plural(events.length, 'event')}, newest first${unmapped ? `; ${fmtInt(unmapped)} without a place on the map` : ''}.`
    : 'No events match these filters.';
  $('event-list-more').hidden = events.length <= shown.length;
  list.dataset.count = String(events.length);
}

function showStories() {
  return loadStories($('stories'));
}

function showTrending() {
  return loadTrending($('trending'), $('trend-by').value, (actor) => {
    $('f-actor').value = actor.slice(0, 200);
    reload();
  });
}

function showReviewQueue() {
  return loadReviewQueue($('review-queue'), eventItem);
}

// ---------------------------------------------------------------- tabs

const TABS = {
  event: {pane: 'pane-event'},
  list: {pane: 'pane-list'},
  stories: {pane: 'pane-stories', load: showStories},
  trending: {pane: 'pane-trending', load: showTrending},
  review: {pane: 'pane-review', load: showReviewQueue},
};

function showTab(name) {
  for (const [key, tab] of Object.entries(TABS)) {
    const active = key === name;
    const btn = $(`tab-${key}`);
    btn.setAttribute('aria-selected', String(active));
    btn.tabIndex = active ? 0 : -1;
    $(tab.pane).hidden = !active;
  }
  const tab = TABS[name];
  if (tab.load && !state.loadedTabs.has(name)) {
    state.loadedTabs.add(name);
    tab.load();
  }
}

// ---------------------------------------------------------------- the event card

async function openEvent(id, {pan = false} = {}) {
  if (id === null || id === undefined) return;
  state.selectedId = id;
  writeUrl();
  showTab('event');
  for (const b of document.querySelectorAll('.item-btn.is-selected')) b.classList.remove('is-selected');
  for (const b of document.querySelectorAll('.item-btn[data-event-id]')) {
    if (b.dataset.eventId === String(id)) b.classList.add('is-selected');
  }
  const summary = state.events.find((e) => String(e.id) === String(id));
  if (summary) {
    showRing(summary);
    if (pan) locate(summary);
  }
  const gen = ++state.cardGen;
  const card = $('event-card');
  renderCardState(card, 'loading', 'Loading event…');
  try {
    const ev = await api(`/api/events/${encodeURIComponent(String(id))}`);
    if (gen !== state.cardGen) return;
    state.card = ev;
    drawCard();
    if (!summary) {
      showRing(ev);
      if (pan) locate(ev);
    }
  } catch (err) {
    if (gen !== state.cardGen) return;
    state.card = null;
    renderCardState(card, 'error', messageOf(err));
  }
  if (window.matchMedia('(max-width: 800px)').matches) {
    document.querySelector('.panel').scrollIntoView({block: 'start', behavior: 'smooth'});
  }
}

function closeCard() {
  state.selectedId = null;
  state.card = null;
  state.cardGen++;
  showRing(null);
  for (const b of document.querySelectorAll('.item-btn.is-selected')) b.classList.remove('is-selected');
  renderCardState($('event-card'), 'empty', 'Select an event on the map, in the list or in the review queue.');
  writeUrl();
}

function drawCard(message, messageKind) {
  if (!state.card) return;
  renderCard($('event-card'), state.card, {
    token: state.token,
    message,
    messageKind,
    onClose: closeCard,
    onLocate: () => {
      showRing(state.card);
      locate(state.card, {force: true});
    },
    onReview: submitReview,
  });
}

async function submitReview(payload) {
  const ev = state.card;
  if (!ev) return;
  try {
    const updated = await api(`/api/events/${encodeURIComponent(String(ev.id))}/review`, {
      method: 'POST', body: payload, token: state.token,
    });
    if (!state.card || String(state.card.id) !== String(ev.id)) return;
    state.card = updated && typeof updated === 'object' && updated.id !== undefined ? updated : ev;
    const summary = state.events.find((e) => String(e.id) === String(ev.id));
    if (summary && state.card.review && state.card.review.status) summary.review_status = state.card.review.status;
    drawCard(`Saved: ${payload.action}.`, 'ok');
    renderEventList();
    // merges and splits add or remove events; a correction may move one or change its type
    if (['merge', 'split', 'correct'].includes(payload.action)) reload({force: true});
    if (state.loadedTabs.has('review')) showReviewQueue();
  } catch (err) {
    drawCard(err instanceof ApiError && err.status === 401
      ? `${err.message} Check the analyst token.` : messageOf(err), 'error');
  }
}

// ---------------------------------------------------------------- stats, token

async function loadStats() {
  try {
    const s = await api('/api/stats');
    $('stat-docs').textContent = fmtInt(s.documents);
    if (Number.isFinite(s.events)) $('counts').title = `${fmtInt(s.events)} events in the database`;
  } catch {
    $('stat-docs').textContent = '–';
  }
}

function setupToken() {
  const input = $('token');
  try {
    state.token = sessionStorage.getItem(TOKEN_KEY) || '';
  } catch {
    state.token = '';
  }
  input.value = state.token;
  setToken(state.token);
  $('token-clear').hidden = !state.token;
  const save = () => {
    const value = input.value.trim();
    if (value === state.token) return;
    state.token = value;
    try {
      if (value) sessionStorage.setItem(TOKEN_KEY, value);
      else sessionStorage.removeItem(TOKEN_KEY);
    } catch {
      // Storage can be disabled; the token then lasts until the page is left.
    }
    $('token-clear').hidden = !value;
    setToken(value);
    drawCard();
    if (body.dataset.ready !== '1' || !state.events.length) reload({force: true, fit: true});  // reads may need it
  };
  input.addEventListener('change', save);
  $('token-form').addEventListener('submit', (e) => {
    e.preventDefault();
    save();
  });
  $('token-clear').addEventListener('click', () => {
    input.value = '';
    save();
  });
}

// ---------------------------------------------------------------- wiring

function setupForm() {
  const form = $('filters');
  // a new filter shows its own events; with "map view only" the view is the filter, so it stays
  const fit = () => !$('f-bbox').checked;
  const apply = debounce(() => reload({fit: fit()}), 150);
  form.addEventListener('submit', (e) => {
    e.preventDefault();
    reload({force: true, fit: fit()});
  });
  form.addEventListener('change', (e) => {
    if (e.target && e.target.id === 'f-country') e.target.value = e.target.value.trim().toUpperCase();
    apply();
  });
  $('f-reset').addEventListener('click', () => {
    form.reset();
    state.extras = {};
    renderExtras();
    reload({fit: true});
  });
  const narrow = window.matchMedia('(max-width: 800px)');
  if (narrow.matches) $('filters-box').open = false;
  narrow.addEventListener('change', (e) => {
    if (!e.matches) $('filters-box').open = true; // the summary line is hidden on wide screens
  });
}

function setupPanel() {
  for (const key of Object.keys(TABS)) $(`tab-${key}`).addEventListener('click', () => showTab(key));
  document.querySelector('.tabs').addEventListener('keydown', (e) => {
    if (e.key !== 'ArrowRight' && e.key !== 'ArrowLeft') return;
    const keys = Object.keys(TABS);
    const current = keys.findIndex((k) => $(`tab-${k}`).getAttribute('aria-selected') === 'true');
    const next = keys[(current + (e.key === 'ArrowRight' ? 1 : keys.length - 1)) % keys.length];
    showTab(next);
    $(`tab-${next}`).focus();
  });
  $('event-list-more').addEventListener('click', () => {
    state.listShown += LIST_PAGE;
    renderEventList();
  });
  $('trend-by').addEventListener('change', () => showTrending());
  $('review-refresh').addEventListener('click', () => showReviewQueue());
  $('error-close').addEventListener('click', hideError);
  $('timeline-clear').addEventListener('click', () => {
    state.brush = null;
    timeline.setBrush(null);
    applyBrush();
  });
}

function main() {
  timeline = new Timeline($('timeline'), {
    onBrush: (range) => {
      state.brush = range;
      applyBrush();
    },
    onUnit: (unit) => {
      $('timeline-title').textContent = `Events per ${unit}`;
    },
  });
  setupToken();
  setupForm();
  setupPanel();
  const fromUrl = readUrl();
  renderExtras();

  const libs = typeof window.L === 'object' && typeof L.markerClusterGroup === 'function' && typeof window.topojson === 'object';
  if (libs) {
    setupMap();
    if (fromUrl.bbox) {
      const [w, s, e, n] = fromUrl.bbox;
      map.fitBounds([[s, w], [n, e]], {animate: false});
      $('f-bbox').checked = true;
    }
    state.borders = loadCountries();
  } else {
    showError('The map libraries are missing from /static/vendor/. Run: bash dashboard/vendor.sh');
  }
  $('f-bbox').addEventListener('change', () => {
    if (!map) $('f-bbox').checked = false;
    else if ($('f-bbox').closest('form') === null) reload(); // moved onto the map, outside the form
  });
  loadStats();
  reload({force: true, fit: !fromUrl.bbox});
  if (fromUrl.event) openEvent(fromUrl.event);
}

// Small handle for tests and for the browser console.
window.eventwire = Object.freeze({
  openEvent: (id) => openEvent(id),
  reload: () => reload({force: true}),
  get state() {
    return {events: state.events.length, visible: state.visible.length, brush: state.brush, selected: state.selectedId};
  },
});

main();
