import { createMemo, For } from "solid-js";
import { formatNumber } from "./format.js";

export interface Bar {
  label: string;
  sublabel?: string;
  value: number;
}

/**
 * A plain SVG bar chart. It is one image to assistive technology (role="img" with a label
 * that reads out every value); the page shows the same figures in a table as well. The bars are
 * read once per change (a memo): every bar's position and height reads them, and a caller's `bars`
 * is usually computed on each read.
 */
export default function BarChart(props: { bars: Bar[]; label: string; describedBy?: string }) {
  const bars = createMemo(() => props.bars);
  const H = 320;
  const top = 44;
  const bottom = 64;
  const side = 24;
  const slot = () => Math.max(96, Math.min(160, 960 / Math.max(1, bars().length)));
  const width = () => Math.max(640, side * 2 + slot() * bars().length);
  const max = () => Math.max(1, ...bars().map((b) => b.value));
  const plot = H - top - bottom;
  const barWidth = () => Math.min(72, slot() * 0.62);
  const x = (i: number) => side + (width() - side * 2) * ((i + 0.5) / Math.max(1, bars().length));
  const h = (v: number) => (v / max()) * plot;
  const grid = () => [0.25, 0.5, 0.75, 1].map((f) => top + plot - f * plot);

  return (
    <svg
      class="bar-chart"
      viewBox={`0 0 ${width()} ${H}`}
      role="img"
      aria-label={props.label}
      aria-describedby={props.describedBy}
      preserveAspectRatio="xMidYMid meet"
    >
      <For each={grid()}>{(y) => <line x1={side} x2={width() - side} y1={y} y2={y} class="grid" />}</For>
      <For each={bars()}>
        {(bar, i) => (
          <g>
            <rect
              x={x(i()) - barWidth() / 2}
              y={top + plot - h(bar.value)}
              width={barWidth()}
              height={Math.max(h(bar.value), bar.value > 0 ? 2 : 0)}
              rx="4"
              class="bar"
            />
            <text x={x(i())} y={top + plot - h(bar.value) - 12} class="value" text-anchor="middle">
              {formatNumber(bar.value)}
            </text>
            <text x={x(i())} y={H - bottom + 26} class="label" text-anchor="middle">
              {bar.label}
            </text>
            <text x={x(i())} y={H - bottom + 50} class="sublabel" text-anchor="middle">
              {bar.sublabel ?? ""}
            </text>
          </g>
        )}
      </For>
      <line x1={side} x2={width() - side} y1={top + plot} y2={top + plot} class="axis" />
    </svg>
  );
}
