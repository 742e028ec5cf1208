import { LitElement, css, html, unsafeCSS, PropertyValues } from 'lit';
import uPlot from 'uplot';
import uPlotCss from 'uplot/dist/uPlot.min.css';
import { setLine } from './text-line';

/** One sample: time in epoch milliseconds and watts per series; null means unknown (drawn as a gap). */
export interface PowerPoint {
  t: number;
  w: (number | null)[];
}

/**
 * Live GPU power chart. The server sends only new points (appendPoints); the chart keeps a sliding
 * window of `window-seconds` and never asks for the whole data set again.
 *
 * Drawing is what costs a viewer's browser, so it is done lazily: new points, markers and the baseline only
 * mark the chart dirty, and one animation frame draws it (at most once a frame, and only when something
 * changed). A frame is skipped while the chart is off screen or the tab is hidden (the browser sends no frames
 * then); it draws when it comes back. While data streams, a redraw waits until the newest point has moved the
 * plot by about one pixel: with a 5 minute window on a 700 px chart that is every ~0.4 s, not every sample.
 */
export class PowerChart extends LitElement {
  static properties = {
    windowSeconds: { type: Number, attribute: 'window-seconds' },
    emptyMessage: { type: String, attribute: 'empty-message' },
  };

  static styles = [
    unsafeCSS(uPlotCss),
    css`
      :host {
        display: block;
        position: relative;
        min-height: 220px;
        contain: content;
      }
      .empty {
        position: absolute;
        inset: 0;
        display: flex;
        align-items: center;
        justify-content: center;
        color: var(--lumo-secondary-text-color, #666);
        font-size: var(--lumo-font-size-s, 14px);
        pointer-events: none;
      }
      .uplot {
        font-family: inherit;
      }
    `,
  ];

  windowSeconds = 300;
  emptyMessage = '';

  private plot?: uPlot;
  private labels: string[] = [];
  private times: number[] = [];
  private values: (number | null)[][] = [];
  private resizeObserver?: ResizeObserver;
  private visibilityObserver?: IntersectionObserver;
  private markers: { t: number; label: string }[] = [];
  private baseline: number | null = null;
  /** New points since the last draw: the plot's data must be set again. */
  private dataDirty = false;
  /** Markers or baseline changed: a redraw without new data is enough. */
  private overlayDirty = false;
  private frame = 0;
  private timer = 0;
  private onScreen = true;
  private lastDraw = 0;
  /** Draws done, for tests and the performance write-up: far fewer than the points received. */
  draws = 0;
  private readonly onVisibility = () => this.schedule();

  /** A horizontal line at the idle baseline's watts, or none. */
  setBaseline(watts: number | null) {
    this.baseline = watts;
    this.overlayDirty = true;
    this.schedule();
  }

  /** Vertical lines at moments of a run (e.g. "answer"), time in epoch milliseconds. */
  setMarkers(markers: { t: number; label: string }[]) {
    this.markers = markers.map((m) => ({ t: m.t / 1000, label: m.label }));
    this.overlayDirty = true;
    this.schedule();
  }

  /** Declares the series (e.g. "GPU 0", "GPU 1", "Total"); resets the data. */
  setSeries(labels: string[]) {
    this.labels = [...labels];
    this.times = [];
    this.values = labels.map(() => []);
    this.dataDirty = false;
    this.rebuild();
    this.requestUpdate();
  }

  /**
   * A live page's push in one call: new points as the server encoded them (once for every viewer of a host)
   * and the watts line, written into the text node of `now` as text.
   */
  appendEncoded(points: string, now: HTMLElement | null, line: string) {
    this.appendPoints(JSON.parse(points) as PowerPoint[]);
    setLine(now, line);
  }

  /** Appends a batch of new points and drops those older than the window; drawn on a later frame. */
  appendPoints(points: PowerPoint[]) {
    if (this.labels.length === 0 || points.length === 0) return;
    const wasEmpty = this.times.length === 0;
    for (const p of points) {
      this.times.push(p.t / 1000);
      this.labels.forEach((_, i) => this.values[i].push(p.w[i] ?? null));
    }
    const cutoff = this.times[this.times.length - 1] - this.windowSeconds;
    let drop = 0;
    while (drop < this.times.length && this.times[drop] < cutoff) drop++;
    if (drop > 0) {
      this.times.splice(0, drop);
      this.values.forEach((v) => v.splice(0, drop));
    }
    this.dataDirty = true;
    // Only the "no data yet" message depends on the data: re-render the template when it goes, not per point.
    if (wasEmpty) this.requestUpdate();
    this.schedule();
  }

  /** Asks for one frame to draw what changed; nothing while hidden or off screen, nothing twice a frame. */
  private schedule() {
    if (this.frame || this.timer || !this.plot || !(this.dataDirty || this.overlayDirty)) return;
    if (!this.onScreen || document.visibilityState === 'hidden') return;
    this.frame = requestAnimationFrame((now) => this.draw(now));
  }

  private draw(now: number) {
    this.frame = 0;
    if (!this.plot || !this.onScreen || document.visibilityState === 'hidden') return;
    if (this.dataDirty) {
      const wait = this.pixelMillis() - (now - this.lastDraw);
      if (!this.overlayDirty && wait > 0) {
        // Not a pixel's worth of time yet: come back then, without asking for frames meanwhile.
        this.timer = window.setTimeout(() => {
          this.timer = 0;
          this.schedule();
        }, wait);
        return;
      }
      this.plot.setData([this.times, ...this.values] as uPlot.AlignedData);
    } else {
      this.plot.redraw(false, false);
    }
    this.dataDirty = false;
    this.overlayDirty = false;
    this.lastDraw = now;
    this.draws++;
  }

  /** How long the newest point takes to move the plot by one pixel at the current span and width. */
  private pixelMillis(): number {
    const n = this.times.length;
    if (n < 2 || !this.plot) return 0;
    const span = (this.times[n - 1] - this.times[0]) * 1000;
    return span / Math.max(1, this.plot.bbox.width / devicePixelRatio);
  }

  /** Number of points held; lets tests see that data arrived without reading pixels. */
  get pointCount(): number {
    return this.times.length;
  }

  /** Where the last draw put the marker labels (canvas pixels): tests check that none overlap. */
  labelBoxes: { label: string; x: number; y: number; w: number; h: number }[] = [];

  render() {
    const showEmpty = this.times.length === 0 && this.emptyMessage;
    return html`<div id="plot"></div>
      ${showEmpty ? html`<div class="empty">${this.emptyMessage}</div>` : ''}`;
  }

  protected firstUpdated(_changed: PropertyValues) {
    this.rebuild();
    this.resizeObserver = new ResizeObserver(() => this.plot?.setSize(this.size()));
    this.resizeObserver.observe(this);
    this.visibilityObserver = new IntersectionObserver((entries) => {
      this.onScreen = entries[entries.length - 1].isIntersecting;
      this.schedule();
    });
    this.visibilityObserver.observe(this);
    document.addEventListener('visibilitychange', this.onVisibility);
    this.setAttribute('data-ready', '');
  }

  connectedCallback() {
    super.connectedCallback();
    if (this.visibilityObserver) {
      this.resizeObserver?.observe(this);
      this.visibilityObserver.observe(this);
      document.addEventListener('visibilitychange', this.onVisibility);
      this.schedule();
    }
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.resizeObserver?.disconnect();
    this.visibilityObserver?.disconnect();
    document.removeEventListener('visibilitychange', this.onVisibility);
    if (this.frame) cancelAnimationFrame(this.frame);
    clearTimeout(this.timer);
    this.frame = 0;
    this.timer = 0;
  }

  private size() {
    return { width: Math.max(200, this.clientWidth), height: Math.max(180, this.clientHeight - 40) };
  }

  private drawMarkers(u: uPlot) {
    const ctx = u.ctx;
    const style = getComputedStyle(this);
    const text = style.getPropertyValue('--lumo-secondary-text-color').trim() || '#495057';
    ctx.save();
    ctx.strokeStyle = '#868e96';
    ctx.fillStyle = text;
    ctx.setLineDash([4, 4]);
    const px = 11 * devicePixelRatio;
    ctx.font = `${px}px sans-serif`;
    if (this.baseline != null) {
      const y = u.valToPos(this.baseline, 'y', true);
      if (y >= u.bbox.top && y <= u.bbox.top + u.bbox.height) {
        ctx.beginPath();
        ctx.moveTo(u.bbox.left, y);
        ctx.lineTo(u.bbox.left + u.bbox.width, y);
        ctx.stroke();
        ctx.fillText(`baseline ${this.baseline.toFixed(0)} W`, u.bbox.left + 4, y - 4);
      }
    }
    // Moments of a run often lie a fraction of a pixel apart on a 5-minute axis ("run", "first token",
    // "answer"): each label takes the first row where it does not run into the one before it, and turns to
    // the left of its line where it would leave the plot.
    const rowHeight = 13 * devicePixelRatio;
    const rowEnds: number[] = [];
    const boxes: { label: string; x: number; y: number; w: number; h: number }[] = [];
    const right = u.bbox.left + u.bbox.width;
    for (const m of [...this.markers].sort((a, b) => a.t - b.t)) {
      const x = u.valToPos(m.t, 'x', true);
      if (x < u.bbox.left || x > right) continue;
      ctx.beginPath();
      ctx.moveTo(x, u.bbox.top);
      ctx.lineTo(x, u.bbox.top + u.bbox.height);
      ctx.stroke();
      const w = ctx.measureText(m.label).width;
      const left = x + 4 + w <= right ? x + 4 : Math.max(u.bbox.left, x - 4 - w);
      let row = rowEnds.findIndex((end) => left > end + 4);
      if (row < 0) {
        row = rowEnds.length;
        rowEnds.push(0);
      }
      rowEnds[row] = left + w;
      const baselineY = u.bbox.top + px + row * rowHeight;
      ctx.fillText(m.label, left, baselineY);
      boxes.push({ label: m.label, x: left, y: baselineY - px, w, h: px });
    }
    this.labelBoxes = boxes;
    ctx.restore();
  }

  private rebuild() {
    const target = this.renderRoot?.querySelector('#plot') as HTMLElement | null;
    if (!target) return;
    this.plot?.destroy();
    const palette = ['#1676f3', '#e8590c', '#2b8a3e', '#ae3ec9', '#0b7285', '#5c5f66'];
    const opts: uPlot.Options = {
      ...this.size(),
      scales: { x: { time: true }, y: { range: (_u, _min, max) => [0, Math.max(50, (max ?? 0) * 1.1)] } },
      axes: [{}, { label: 'W', size: 60 }],
      hooks: { draw: [(u: uPlot) => this.drawMarkers(u)] },
      series: [
        {},
        ...this.labels.map((label, i) => ({
          label,
          stroke: palette[i % palette.length],
          width: 1.5,
          // Without a hovered point the legend shows a dash; a hovered gap is a reading we do not have.
          value: (u: uPlot, v: number | null) =>
            v != null ? `${v.toFixed(1)} W` : u.cursor.idx == null ? '–' : 'unknown',
        })),
      ],
    };
    this.plot = new uPlot(opts, [this.times, ...this.values] as uPlot.AlignedData, target);
    this.dataDirty = false;
    this.overlayDirty = false;
  }
}

customElements.define('power-chart', PowerChart);

declare global {
  interface HTMLElementTagNameMap {
    'power-chart': PowerChart;
  }
}
