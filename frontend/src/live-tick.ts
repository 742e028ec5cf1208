import type { LiveText } from './live-text';
import type { PowerChart } from './power-chart';
import { setLine } from './text-line';

/**
 * What a Live page's panels do per push, one call each (docs/performance.md, 1,000 light viewers). The server
 * sends these as page calls with plain strings only: a panel is found by its id, its parts by their class, so
 * a push carries no element references for the server to encode per viewer. All text goes in as text, never
 * markup: the thinking into one text node, the answer as text nodes, the lines into their text node.
 */
const live = {
  /** A run panel's push: `fresh` starts a new run's texts; `line` null leaves the counters line as it is. */
  run(id: string, fresh: boolean, thinking: string, answer: string, line: string | null) {
    const panel = document.getElementById(id);
    if (!panel) return;
    const pane = panel.querySelector('live-text') as LiveText | null;
    const answerText = panel.querySelector('.answer-text') as HTMLElement | null;
    if (fresh) {
      pane?.clear();
      answerText?.replaceChildren();
    }
    if (thinking) pane?.appendText(thinking);
    if (answer) answerText?.append(answer);
    if (line !== null) setLine(panel.querySelector('.run-counters') as HTMLElement | null, line);
  },

  /** A power panel's push: new points as the server encoded them (once for every viewer of a host), the watts line. */
  power(id: string, points: string, line: string) {
    const panel = document.getElementById(id);
    const chart = panel?.querySelector('power-chart') as PowerChart | null | undefined;
    chart?.appendEncoded(points, panel!.querySelector('.power-now') as HTMLElement | null, line);
  },
};

declare global {
  interface Window {
    jouleboardLive: typeof live;
  }
}

window.jouleboardLive = live;
