import { LitElement, css, html, unsafeCSS, PropertyValues } from 'lit';
import uPlot from 'uplot';
import uPlotCss from 'uplot/dist/uPlot.min.css';

/**
 * What the server sends: one point per leaderboard row. `low`/`high` (optional) draw an interval bar around
 * y; `front` (optional) marks the points joined as the Pareto front. Unknown values never arrive: the server
 * leaves such rows out, and says so in the caption.
 */
export interface BoardChartSpec {
  kind: 'bars' | 'scatter';
  xLabel: string;
  yLabel: string;
  labels: string[];
  x: number[];
  y: number[];
  low?: (number | null)[];
  high?: (number | null)[];
  front?: boolean[];
  /** y holds percentages: ticks read "40 %" and the scale stays within 0..100 (plus padding). */
  yPercent?: boolean;
}

/** Room left around the points, as a share of the data's span, so no point or label sits on an edge. */
const PAD = 0.08;

/** [low, high] of the values with padding; a single value gets room on both sides too. */
export function padded(values: number[], floor?: number, ceiling?: number): [number, number] {
  const min = Math.min(...values);
  const max = Math.max(...values);
  const span = max - min || Math.abs(max) || 1;
  let low = min - span * PAD;
  let high = max + span * PAD;
  if (floor !== undefined) low = Math.max(floor - span * PAD, low);
  if (ceiling !== undefined) high = Math.min(ceiling + span * PAD, high);
  return [low, high];
}

/**
 * Leaderboard charts on uPlot: medians with CI bars, or a scatter with an optional Pareto front. Every point
 * carries its row's number, and the legend under the chart says which row each number is (uPlot's own
 * legend, which shows "--" until hovered, is off).
 */
export class BoardChart extends LitElement {
  static properties = { spec: { type: String } };

  static styles = [
    unsafeCSS(uPlotCss),
    css`
      :host {
        display: block;
        min-height: 240px;
        max-width: 100%;
        overflow: hidden;
      }
      .uplot {
        font-family: inherit;
      }
      ol.legend {
        margin: 0.3em 0 0;
        padding-left: 2.2em;
        font-size: var(--lumo-font-size-s, 0.875rem);
        color: var(--lumo-body-text-color, inherit);
        overflow-wrap: anywhere;
      }
      ol.legend li.front::marker {
        color: #e8590c;
        font-weight: bold;
      }
    `,
  ];

  spec = '';
  private plot?: uPlot;
  private resizer?: ResizeObserver;
  private themeWatch?: MutationObserver;
  private legend: { label: string; front: boolean }[] = [];

  render() {
    return html`<div id="plot"></div>
      <ol class="legend">
        ${this.legend.map((row) => html`<li class=${row.front ? 'front' : ''}>${row.label}</li>`)}
      </ol>`;
  }

  connectedCallback() {
    super.connectedCallback();
    // A phone turned sideways, or a drawer opened: the chart follows its box instead of overflowing it.
    this.resizer = new ResizeObserver(() => {
      if (this.plot && Math.abs(this.plot.width - this.width()) > 2)
        this.plot.setSize({ width: this.width(), height: 240 });
    });
    this.resizer.observe(this);
    // Light or dark can change while the chart is shown: axis text and numbers take the current text colour.
    this.themeWatch = new MutationObserver(() => this.plot?.redraw(false));
    this.themeWatch.observe(document.documentElement, {
      attributes: true,
      attributeFilter: ['theme', 'style', 'class'],
    });
  }

  private width() {
    return Math.max(240, this.clientWidth);
  }

  protected updated(changed: PropertyValues) {
    if (changed.has('spec')) this.rebuild();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.resizer?.disconnect();
    this.themeWatch?.disconnect();
    this.plot?.destroy();
    this.plot = undefined;
  }

  private rebuild() {
    const target = this.renderRoot?.querySelector('#plot') as HTMLElement | null;
    if (!target || !this.spec) return;
    this.plot?.destroy();
    this.plot = undefined;
    const s = JSON.parse(this.spec) as BoardChartSpec;
    // Numbers in the server's order (the board's, cheapest first), shown next to the points and in the legend.
    this.legend = s.labels.map((label, i) => ({ label, front: !!s.front?.[i] }));
    this.requestUpdate();
    if (s.x.length === 0) {
      // Nothing known to draw; the caption next to the chart says why.
      this.setAttribute('data-ready', '');
      return;
    }
    const numbers = s.x.map((_, i) => i + 1);
    // uPlot wants ascending x: sort the points, keeping their numbers and bars with them.
    const order = s.x.map((_, i) => i).sort((a, b) => s.x[a] - s.x[b]);
    const pick = <T>(values: T[] | undefined) => (values ? order.map((i) => values[i]) : undefined);
    const x = pick(s.x)!;
    const y = pick(s.y)!;
    const numbered = pick(numbers)!;
    const low = pick(s.low);
    const high = pick(s.high);
    const front = pick(s.front);
    const frontY = front ? y.map((v, i) => (front[i] ? v : null)) : undefined;
    const drawBars = (u: uPlot) => {
      if (!low || !high) return;
      const ctx = u.ctx;
      ctx.save();
      ctx.strokeStyle = '#1676f3';
      ctx.lineWidth = 1.5 * devicePixelRatio;
      x.forEach((xv, i) => {
        if (low[i] == null || high[i] == null) return;
        const cx = u.valToPos(xv, 'x', true);
        const top = u.valToPos(high[i]!, 'y', true);
        const bottom = u.valToPos(low[i]!, 'y', true);
        const cap = 4 * devicePixelRatio;
        ctx.beginPath();
        ctx.moveTo(cx, top);
        ctx.lineTo(cx, bottom);
        ctx.moveTo(cx - cap, top);
        ctx.lineTo(cx + cap, top);
        ctx.moveTo(cx - cap, bottom);
        ctx.lineTo(cx + cap, bottom);
        ctx.stroke();
      });
      ctx.restore();
    };
    const text = () => getComputedStyle(this).color || '#333';
    const drawNumbers = (u: uPlot) => {
      const ctx = u.ctx;
      ctx.save();
      ctx.fillStyle = text();
      ctx.font = `${11 * devicePixelRatio}px sans-serif`;
      ctx.textBaseline = 'bottom';
      x.forEach((xv, i) => {
        const px = u.valToPos(xv, 'x', true);
        const py = u.valToPos(y[i], 'y', true);
        ctx.fillText(String(numbered[i]), px + 5 * devicePixelRatio, py - 3 * devicePixelRatio);
      });
      ctx.restore();
    };
    const series: uPlot.Series[] = [
      { label: s.xLabel },
      {
        label: s.yLabel,
        stroke: '#1676f3',
        paths: () => null,
        points: { show: true, size: 8, fill: '#1676f3' },
      },
    ];
    const data: (number | null)[][] = [x, y];
    if (frontY) {
      series.push({
        label: 'Pareto front',
        stroke: '#e8590c',
        width: 2,
        spanGaps: true,
        points: { show: true, size: 9 },
      });
      data.push(frontY);
    }
    const grid = { stroke: 'rgba(128,128,128,0.25)', width: 1 };
    const font = '12px sans-serif';
    const percent = (ticks: number[]) => ticks.map((t) => (t < 0 || t > 100 ? '' : `${+t.toFixed(1)} %`));
    const [yLow, yHigh] = s.yPercent ? padded(y, 0, 100) : padded(y);
    const opts: uPlot.Options = {
      width: this.width(),
      height: 240,
      legend: { show: false },
      scales: { x: { time: false, range: () => padded(x) }, y: { range: () => [yLow, yHigh] } },
      axes: [
        { label: s.xLabel, stroke: text, font, labelFont: font, grid, space: 60, size: 40 },
        {
          label: s.yLabel,
          stroke: text,
          font,
          labelFont: font,
          grid,
          size: 56,
          space: 30,
          values: s.yPercent ? (_u, ticks) => percent(ticks) : undefined,
        },
      ],
      series,
      hooks: { draw: [drawBars, drawNumbers] },
    };
    if (s.kind === 'bars') {
      // High bars must fit: scale y from 0 to above the highest interval.
      const top = Math.max(...y, ...(high ?? []).map((v) => v ?? 0));
      opts.scales!.y = { range: () => [0, Number.isFinite(top) && top > 0 ? top * (1 + PAD) : 1] };
      opts.scales!.x = { time: false, range: () => [0.5, x.length + 0.5] };
      // The x axis counts rows (the legend names them): whole numbers only.
      opts.axes![0] = {
        label: s.xLabel,
        stroke: text,
        font,
        labelFont: font,
        grid,
        size: 40,
        space: 24,
        incrs: [1, 2, 5, 10, 20, 50],
        values: (_u, ticks) => ticks.map((t) => (Number.isInteger(t) ? String(t) : '')),
      };
    }
    this.plot = new uPlot(opts, data as uPlot.AlignedData, target);
    this.setAttribute('data-ready', '');
    this.setAttribute('data-points', String(x.length));
  }
}

customElements.define('board-chart', BoardChart);

declare global {
  interface HTMLElementTagNameMap {
    'board-chart': BoardChart;
  }
}
