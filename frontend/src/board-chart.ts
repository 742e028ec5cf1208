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
}

/** Leaderboard charts on uPlot: medians with CI bars, or a scatter with an optional Pareto front. */
export class BoardChart extends LitElement {
  static properties = { spec: { type: String } };

  static styles = [
    unsafeCSS(uPlotCss),
    css`
      :host { display: block; min-height: 240px; }
      .uplot { font-family: inherit; }
    `,
  ];

  spec = '';
  private plot?: uPlot;

  render() {
    return html`<div id="plot"></div>`;
  }

  protected updated(changed: PropertyValues) {
    if (changed.has('spec')) this.rebuild();
  }

  disconnectedCallback() {
    super.disconnectedCallback();
    this.plot?.destroy();
    this.plot = undefined;
  }

  private rebuild() {
    const target = this.renderRoot?.querySelector('#plot') as HTMLElement | null;
    if (!target || !this.spec) return;
    this.plot?.destroy();
    this.plot = undefined;
    const s = JSON.parse(this.spec) as BoardChartSpec;
    if (s.x.length === 0) {
      // Nothing known to draw; the caption next to the chart says why.
      this.setAttribute('data-ready', '');
      return;
    }
    // uPlot wants ascending x: sort the points, keeping labels and bars with them.
    const order = s.x.map((_, i) => i).sort((a, b) => s.x[a] - s.x[b]);
    const pick = <T>(values: T[] | undefined) => (values ? order.map((i) => values[i]) : undefined);
    const x = pick(s.x)!;
    const y = pick(s.y)!;
    const labels = pick(s.labels)!;
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
        ctx.moveTo(cx, top); ctx.lineTo(cx, bottom);
        ctx.moveTo(cx - cap, top); ctx.lineTo(cx + cap, top);
        ctx.moveTo(cx - cap, bottom); ctx.lineTo(cx + cap, bottom);
        ctx.stroke();
      });
      ctx.restore();
    };
    const series: uPlot.Series[] = [
      { label: s.xLabel, value: (_u, v) => (v == null ? '' : labels[x.indexOf(v)] ?? String(v)) },
      {
        label: s.yLabel,
        stroke: '#1676f3',
        paths: () => null,
        points: { show: true, size: 8, fill: '#1676f3' },
      },
    ];
    const data: (number | null)[][] = [x, y];
    if (frontY) {
      series.push({ label: 'Pareto front', stroke: '#e8590c', width: 2, spanGaps: true, points: { show: true, size: 9 } });
      data.push(frontY);
    }
    const opts: uPlot.Options = {
      width: Math.max(300, this.clientWidth),
      height: 240,
      scales: { x: { time: false }, y: { range: (_u, min, max) => [Math.min(0, min ?? 0), (max ?? 1) * 1.1 || 1] } },
      axes: [{ label: s.xLabel }, { label: s.yLabel, size: 60 }],
      series,
      hooks: { draw: [drawBars] },
    };
    if (s.kind === 'bars') {
      // High bars must fit: scale y to the top of the highest interval.
      const top = Math.max(...y, ...(high ?? []).map((v) => v ?? 0));
      opts.scales!.y = { range: () => [0, Number.isFinite(top) && top > 0 ? top * 1.1 : 1] };
      opts.scales!.x = { time: false, range: () => [0.5, x.length + 0.5] };
      opts.axes![0] = { label: s.xLabel, values: (_u, ticks) => ticks.map((t) => labels[x.indexOf(t)] ?? '') };
    }
    this.plot = new uPlot(opts, data as uPlot.AlignedData, target);
    this.setAttribute('data-ready', '');
  }
}

customElements.define('board-chart', BoardChart);

declare global {
  interface HTMLElementTagNameMap {
    'board-chart': BoardChart;
  }
}
