// Small helpers shared by the dashboard modules.
//
// Everything that comes from articles (titles, quotes, names, URLs) is untrusted. It reaches the
// page only as text nodes or through setAttribute on attributes that cannot run code; nothing in
// this dashboard assigns innerHTML or hands Leaflet an HTML string built from data.

const ATTR_OK = /^(class|id|role|title|lang|dir|hidden|type|name|value|for|min|max|step|maxlength|placeholder|rows|cols|colspan|tabindex|datetime|list|disabled|selected|open|aria-[a-z-]+|data-[a-z0-9-]+)$/;

/** Build an element: el('p', {class: 'x'}, 'text', childNode, ...). Strings become text nodes. */
export function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined || value === false) continue;
      if (!ATTR_OK.test(key)) throw new Error(`el(): attribute ${key} is not allowed`);
      node.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(node, children);
  return node;
}

/** Build an SVG element with numeric/class attributes only. */
export function svg(tag, attrs, ...children) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  if (attrs) {
    for (const [key, value] of Object.entries(attrs)) {
      if (value === null || value === undefined) continue;
      node.setAttribute(key, String(value));
    }
  }
  append(node, children);
  return node;
}

function append(node, children) {
  for (const child of children.flat(Infinity)) {
    if (child === null || child === undefined || child === false) continue;
    node.appendChild(child instanceof Node ? child : document.createTextNode(String(child)));
  }
}

/** Remove every child of a node. */
export function clear(node) {
  while (node.firstChild) node.removeChild(node.firstChild);
  return node;
}

/** The URL as a string if it is an absolute http(s) URL, else null. */
export function safeHttpUrl(value) {
  if (typeof value !== 'string') return null;
  const text = value.trim();
  if (!/^https?:\/\//i.test(text)) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** A link to an outside page, or a plain span when the URL is not http(s). */
export function externalLink(url, text, cls) {
  const href = safeHttpUrl(url);
  const label = text === null || text === undefined || text === '' ? (href || String(url ?? '')) : text;
  if (!href) return el('span', {class: cls || null}, label);
  const a = el('a', {class: cls || null}, label);
  a.href = href;
  a.target = '_blank';
  a.rel = 'noopener noreferrer nofollow';
  a.referrerPolicy = 'no-referrer';
  return a;
}

export class ApiError extends Error {
  constructor(message, status, code) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
  }
}

/** fetch JSON from the API; non-2xx answers raise ApiError with the server's message. */
// The analyst token goes with every request: a server may require one for reads too
// ([serve] read_access = "token", or a client that is not on loopback).
let sessionToken = '';
export function setToken(token) {
  sessionToken = token || '';
}

export async function api(path, {method = 'GET', body, token = sessionToken, signal} = {}) {
  const headers = {Accept: 'application/json'};
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (token) headers.Authorization = `Bearer ${token}`;
  let res;
  try {
    res = await fetch(path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (err) {
    if (err && err.name === 'AbortError') throw err;
    throw new ApiError('Cannot reach the eventwire server. Is it still running?', 0, 'network');
  }
  let data = null;
  const text = await res.text();
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) {
    const e = data && typeof data === 'object' ? data.error : null;
    const message = e && typeof e.message === 'string' && e.message ? e.message : `${res.status} ${res.statusText || 'error'}`;
    throw new ApiError(message, res.status, e && typeof e.code === 'string' ? e.code : 'http');
  }
  if (data === null) throw new ApiError('The server sent an answer that is not JSON.', res.status, 'bad_json');
  return data;
}

const nf = new Intl.NumberFormat('en');
/** 12345 -> "12,345"; null -> "–". */
export function fmtInt(n) {
  return Number.isFinite(n) ? nf.format(n) : '–';
}

/** "2024-03-02T10:00:00Z" -> "2024-03-02"; anything else -> its text. */
export function fmtDate(value) {
  if (typeof value !== 'string') return value === null || value === undefined ? '' : String(value);
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(value);
  return m ? m[1] : value;
}

/** "2024-03-02 14:05" for timestamps (UTC as given), date only otherwise. */
export function fmtTimestamp(value) {
  if (typeof value !== 'string') return fmtDate(value);
  const m = /^(\d{4}-\d{2}-\d{2})[T ](\d{2}:\d{2})/.exec(value);
  return m ? `${m[1]} ${m[2]}` : fmtDate(value);
}

/** Days since 1970-01-01 for "YYYY-MM-DD…", or null. */
export function dayNumber(value) {
  if (typeof value !== 'string') return null;
  const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!m) return null;
  const ms = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  return Number.isFinite(ms) ? Math.floor(ms / 86400000) : null;
}

/** Day number -> "YYYY-MM-DD". */
export function dayString(day) {
  return new Date(day * 86400000).toISOString().slice(0, 10);
}

export function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

// Event types and their colours (ACLED's six types, plus everything else). The same colours are in
// app.css as .t-<slug> classes for page elements; Leaflet markers take them from here.
export const EVENT_TYPES = [
  {name: 'Battles', color: '#c62828', slug: 'battles'},
  {name: 'Explosions/Remote violence', color: '#ef6c00', slug: 'explosions'},
  {name: 'Violence against civilians', color: '#8e24aa', slug: 'vac'},
  {name: 'Protests', color: '#00897b', slug: 'protests'},
  {name: 'Riots', color: '#c79100', slug: 'riots'},
  {name: 'Strategic developments', color: '#1e6bb8', slug: 'strategic'},
];
export const OTHER_TYPE = {name: 'Other / political', color: '#6b7280', slug: 'other'};
const TYPE_BY_NAME = new Map(EVENT_TYPES.map((t) => [t.name, t]));

/** The palette entry for an event_type (null and unknown types share the grey one). */
export function typeInfo(eventType) {
  return TYPE_BY_NAME.get(eventType) || OTHER_TYPE;
}

/** A short label: the event type, or the interaction for political events. */
export function typeLabel(ev) {
  if (ev.event_type) return ev.event_type;
  if (ev.interaction) return String(ev.interaction);
  return 'Event';
}

export const PRECISION_WORDS = {1: 'settlement', 2: 'region', 3: 'country'};

/** A coloured dot for an event type. */
export function typeDot(eventType, extraClass) {
  return el('span', {class: `dot t-${typeInfo(eventType).slug} ${extraClass || ''}`.trim(), 'aria-hidden': 'true'});
}
