// Events over time: a stacked SVG bar chart built by hand, with a drag-to-select brush.
//
// Bars are days when the data spans up to ~13 months, weeks up to ~7.5 years, months beyond.
// Dragging across the chart calls onBrush({from, to}) with inclusive YYYY-MM-DD dates; a click
// without a drag calls onBrush(null).

import {svg, el, clear, dayNumber, dayString, EVENT_TYPES, OTHER_TYPE, typeInfo, fmtInt} from './util.js';

const TYPES = [...EVENT_TYPES, OTHER_TYPE];
const HEIGHT = 132;
const M = {top: 10, right: 10, bottom: 22, left: 38};
const DRAG_MIN_PX = 4;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

function monthIndexOfDay(day) {
  const d = new Date(day * 86400000);
  return d.getUTCFullYear() * 12 + d.getUTCMonth();
}

function dayOfMonthIndex(mi) {
  return Math.floor(Date.UTC(Math.floor(mi / 12), mi % 12, 1) / 86400000);
}

function mondayOf(day) {
  // Day 0 (1970-01-01) was a Thursday; day 4 a Monday.
  return day - (((day - 4) % 7) + 7) % 7;
}

function niceMax(n) {
  if (n <= 5) return Math.max(n, 1);
  const p = 10 ** Math.floor(Math.log10(n));
  for (const f of [1, 2, 2.5, 5, 10]) if (f * p >= n) return f * p;
  return 10 * p;
}

export class Timeline {
  constructor(container, {onBrush, onUnit} = {}) {
    this.container = container;
    this.onBrush = onBrush || (() => {});
    this.onUnit = onUnit || (() => {});
    this.bins = [];
    this.unit = 'day';
    this.brush = null; // {from, to} strings
    this.drag = null;
    this.width = 0;
    this._frame = 0;
    if ('ResizeObserver' in window) {
      new ResizeObserver(() => this._scheduleRender()).observe(container);
    } else {
      window.addEventListener('resize', () => this._scheduleRender());
    }
  }

  /** Count the events into bins; events without a date are left out of the chart. */
  setData(events) {
    let lo = Infinity;
    let hi = -Infinity;
    const days = new Array(events.length);
    for (let i = 0; i < events.length; i++) {
      const d = dayNumber(events[i].event_date);
      days[i] = d;
      if (d !== null) {
        if (d < lo) lo = d;
        if (d > hi) hi = d;
      }
    }
    this.bins = [];
    if (lo === Infinity) {
      this._scheduleRender();
      return;
    }
    const span = hi - lo + 1;
    this.unit = span <= 400 ? 'day' : span <= 2800 ? 'week' : 'month';
    let keyOf;
    if (this.unit === 'day') {
      for (let d = lo; d <= hi; d++) this.bins.push({start: d, end: d});
      keyOf = (d) => d - lo;
    } else if (this.unit === 'week') {
      const first = mondayOf(lo);
      for (let d = first; d <= hi; d += 7) this.bins.push({start: d, end: d + 6});
      keyOf = (d) => Math.floor((d - first) / 7);
    } else {
      const m0 = monthIndexOfDay(lo);
      const m1 = monthIndexOfDay(hi);
      for (let m = m0; m <= m1; m++) {
        this.bins.push({start: dayOfMonthIndex(m), end: dayOfMonthIndex(m + 1) - 1});
      }
      keyOf = (d) => monthIndexOfDay(d) - m0;
    }
    const typeIndex = new Map(TYPES.map((t, i) => [t, i]));
    for (const bin of this.bins) {
      bin.counts = new Array(TYPES.length).fill(0);
      bin.total = 0;
    }
    for (let i = 0; i < events.length; i++) {
      if (days[i] === null) continue;
      const bin = this.bins[keyOf(days[i])];
      bin.counts[typeIndex.get(typeInfo(events[i].event_type))] += 1;
      bin.total += 1;
    }
    this.onUnit(this.unit);
    this._scheduleRender();
  }

  setBrush(range) {
    this.brush = range;
    this._scheduleRender();
  }

  _scheduleRender() {
    if (this._frame) return;
    this._frame = requestAnimationFrame(() => {
      this._frame = 0;
      this.render();
    });
  }

  _geometry() {
    const width = Math.max(this.container.clientWidth, 200);
    const plotW = width - M.left - M.right;
    const n = Math.max(this.bins.length, 1);
    return {width, plotW, plotH: HEIGHT - M.top - M.bottom, step: plotW / n};
  }

  render() {
    const c = this.container;
    clear(c);
    c.dataset.bins = String(this.bins.length);
    c.dataset.unit = this.unit;
    if (!this.bins.length) {
      c.appendChild(el('p', {class: 'timeline-empty'}, 'No dated events for these filters.'));
      return;
    }
    const {width, plotW, plotH, step} = this._geometry();
    const max = niceMax(Math.max(...this.bins.map((b) => b.total)));
    const y = (v) => M.top + plotH - (v / max) * plotH;
    const gap = step > 5 ? 1 : 0;
    const barW = Math.max(step - gap, 0.6);

    const root = svg('svg', {
      width, height: HEIGHT, viewBox: `0 0 ${width} ${HEIGHT}`, class: 'timeline-svg',
      role: 'img', 'aria-label': `Events per ${this.unit}, ${this.bins.length} bars`,
    });

    // Grid and y labels.
    for (const v of [0, max / 2, max]) {
      const yy = Math.round(y(v)) + 0.5;
      root.appendChild(svg('line', {x1: M.left, x2: width - M.right, y1: yy, y2: yy, class: v ? 'grid' : 'axis'}));
      if (v) root.appendChild(svg('text', {x: M.left - 6, y: yy + 4, class: 'ylabel'}, fmtInt(v)));
    }

    // Bars, stacked by type.
    const bars = svg('g', {class: 'bars'});
    this.bins.forEach((bin, i) => {
      if (!bin.total) return;
      const x = M.left + i * step + gap / 2;
      let acc = 0;
      bin.counts.forEach((count, t) => {
        if (!count) return;
        const y0 = y(acc + count);
        const h = y(acc) - y0;
        bars.appendChild(svg('rect', {
          x: x.toFixed(2), y: y0.toFixed(2), width: barW.toFixed(2), height: Math.max(h, 0.5).toFixed(2),
          class: `t-${TYPES[t].slug}`,
        }));
        acc += count;
      });
      // Transparent column with a native tooltip.
      const hit = svg('rect', {x: (M.left + i * step).toFixed(2), y: M.top, width: step.toFixed(2), height: plotH, class: 'hit'});
      const when = bin.start === bin.end ? dayString(bin.start) : `${dayString(bin.start)} – ${dayString(bin.end)}`;
      hit.appendChild(svg('title', null, `${when}: ${fmtInt(bin.total)} event${bin.total === 1 ? '' : 's'}`));
      bars.appendChild(hit);
    });
    root.appendChild(bars);

    // X labels: about one per 90px, aligned to bins.
    const every = Math.max(1, Math.ceil(this.bins.length / Math.max(1, Math.floor(plotW / 90))));
    const spansYears = new Date(this.bins[0].start * 86400000).getUTCFullYear() !==
      new Date(this.bins[this.bins.length - 1].end * 86400000).getUTCFullYear();
    for (let i = 0; i < this.bins.length; i += every) {
      const d = new Date(this.bins[i].start * 86400000);
      let label;
      if (this.unit === 'month') label = `${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
      else if (spansYears && (i === 0 || d.getUTCMonth() === 0)) label = `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()} ${d.getUTCFullYear()}`;
      else label = `${MONTHS[d.getUTCMonth()]} ${d.getUTCDate()}`;
      const x = M.left + i * step + step / 2;
      root.appendChild(svg('line', {x1: x, x2: x, y1: M.top + plotH, y2: M.top + plotH + 4, class: 'axis'}));
      root.appendChild(svg('text', {x, y: HEIGHT - 6, class: 'xlabel'}, label));
    }

    // Brush.
    this.brushRect = svg('rect', {class: 'brush', y: M.top, height: plotH, x: 0, width: 0});
    this.brushRect.setAttribute('visibility', 'hidden');
    root.appendChild(this.brushRect);
    if (this.brush) this._drawBrushRange(this.brush);

    root.addEventListener('pointerdown', (e) => this._down(e, root));
    root.addEventListener('pointermove', (e) => this._move(e, root));
    root.addEventListener('pointerup', (e) => this._up(e, root));
    root.addEventListener('pointercancel', () => {
      this.drag = null;
      this._scheduleRender();
    });
    c.appendChild(root);
  }

  _x(e, root) {
    const box = root.getBoundingClientRect();
    const {width} = this._geometry();
    return Math.min(Math.max((e.clientX - box.left) * (width / box.width), M.left), width - M.right);
  }

  _binAt(x) {
    const {step} = this._geometry();
    return Math.min(Math.max(Math.floor((x - M.left) / step), 0), this.bins.length - 1);
  }

  _down(e, root) {
    if (e.button !== undefined && e.button !== 0) return;
    this.drag = {x0: this._x(e, root), x1: this._x(e, root), id: e.pointerId};
    try {
      root.setPointerCapture(e.pointerId);
    } catch {
      // Capture is a nicety; dragging still works inside the chart without it.
    }
    e.preventDefault();
  }

  _move(e, root) {
    if (!this.drag || e.pointerId !== this.drag.id) return;
    this.drag.x1 = this._x(e, root);
    const a = Math.min(this.drag.x0, this.drag.x1);
    const b = Math.max(this.drag.x0, this.drag.x1);
    this.brushRect.setAttribute('x', a.toFixed(1));
    this.brushRect.setAttribute('width', (b - a).toFixed(1));
    this.brushRect.setAttribute('visibility', 'visible');
  }

  _up(e, root) {
    if (!this.drag || e.pointerId !== this.drag.id) return;
    this.drag.x1 = this._x(e, root);
    const {x0, x1} = this.drag;
    this.drag = null;
    if (Math.abs(x1 - x0) < DRAG_MIN_PX) {
      this.brush = null;
      this._scheduleRender();
      this.onBrush(null);
      return;
    }
    const i0 = this._binAt(Math.min(x0, x1));
    const i1 = this._binAt(Math.max(x0, x1) - 0.01);
    this.brush = {from: dayString(this.bins[i0].start), to: dayString(this.bins[Math.max(i0, i1)].end)};
    this._scheduleRender();
    this.onBrush(this.brush);
  }

  _drawBrushRange(range) {
    const a = dayNumber(range.from);
    const b = dayNumber(range.to);
    const {step} = this._geometry();
    let i0 = -1;
    let i1 = -1;
    this.bins.forEach((bin, i) => {
      if (bin.end >= a && bin.start <= b) {
        if (i0 < 0) i0 = i;
        i1 = i;
      }
    });
    if (i0 < 0) return;
    this.brushRect.setAttribute('x', (M.left + i0 * step).toFixed(1));
    this.brushRect.setAttribute('width', ((i1 - i0 + 1) * step).toFixed(1));
    this.brushRect.setAttribute('visibility', 'visible');
  }
}
