import { useNavigate } from "@solidjs/router";
import { createMemo, For, Show } from "solid-js";
import { formatNumber } from "../app/format.js";
import { ScrollRegion } from "../app/ui.js";
import type { FunnelStep, FunnelStepView } from "./api.js";
import { funnelLayout } from "./figures.js";
import { createWidth, money, moneyProse } from "./project.js";
import { t, type Key } from "./strings.js";

/** The step's name and, for the money steps, which money it carries. */
export const stepName = (step: FunnelStep) => t(`funnel.step.${step}` as Key);
const moneyName = (step: FunnelStep) => t(`funnel.money.${step}` as Key);
const MONEY_STEPS: FunnelStep[] = ["plans", "selected", "funded", "running"];

/** The small print of a step: proposals by source, running and done. */
export function stepDetail(s: FunnelStepView): string | undefined {
  const d = s.detail;
  if (!d) return undefined;
  if (s.step === "proposals") return t("funnel.detail.sources", { session: formatNumber(d.session ?? 0), online: formatNumber(d.online ?? 0), import: formatNumber(d.import ?? 0) });
  if (s.step === "running") return t("funnel.detail.running", { running: formatNumber(d.running ?? 0), done: formatNumber(d.done ?? 0) });
  return undefined;
}

/** The router leaves the scroll position alone for links with this attribute. */
export const NO_SCROLL = { noscroll: "" } as Record<string, string>;

const countText = (s: FunnelStepView) => t("funnel.count", { n: formatNumber(s.count) });

/**
 * The funnel — proposals → core agendas → plans → selected → funded → running / done — as an SVG
 * drawn in the box's real pixels (legible on a phone, large on a projector): a centred bar per step,
 * its width the step's count, joined to the next by a band; every figure written on the chart as
 * text. The SVG is one image with a title and a description that reads the figures; the table under
 * it holds the same figures and, per step, the link that opens it (what a keyboard or a screen
 * reader uses; a mouse or a finger can also press the step on the chart).
 */
export function FunnelChart(props: { steps: FunnelStepView[]; selected?: FunnelStep; hrefFor: (step: FunnelStep) => string; idPrefix: string; caption: string }) {
  const navigate = useNavigate();
  const box = createWidth(960);
  const width = () => Math.max(280, box.width());
  const layout = createMemo(() => funnelLayout(props.steps.map((s) => s.count), width()));
  const fontScale = () => (width() >= 1400 ? 1.35 : 1);
  const description = () =>
    props.steps
      .map((s) => [stepName(s.step), countText(s), s.money !== undefined ? `${moneyName(s.step)} ${money(s.money)}` : "", stepDetail(s) ?? ""].filter(Boolean).join(" "))
      .join("; ");

  return (
    <div class="funnel">
      <div class="chart-box funnel-chart">
        <div class="chart-measure" ref={box.ref} />
        <svg
          width={width()}
          height={layout().height}
          viewBox={`0 0 ${width()} ${layout().height}`}
          role="img"
          aria-labelledby={`${props.idPrefix}-title ${props.idPrefix}-desc`}
          class="funnel-svg"
          data-testid="funnel-svg"
        >
          <title id={`${props.idPrefix}-title`}>{props.caption}</title>
          <desc id={`${props.idPrefix}-desc`}>{description()}</desc>
          {/* The bands between steps: what is left of one step at the next. */}
          <For each={props.steps.slice(1)}>
            {(_s, i) => {
              const a = () => layout().rows[i()]!;
              const b = () => layout().rows[i() + 1]!;
              return (
                <path
                  class="funnel-band"
                  d={`M${a().barX},${a().y + layout().bar} L${a().barX + a().barWidth},${a().y + layout().bar} L${b().barX + b().barWidth},${b().y} L${b().barX},${b().y} Z`}
                />
              );
            }}
          </For>
          <For each={props.steps}>
            {(s, i) => {
              const row = () => layout().rows[i()]!;
              const selected = () => props.selected === s.step;
              const fs = (n: number) => Math.round(n * fontScale());
              return (
                <g class={`funnel-step step-${s.step}`} classList={{ "is-selected": selected() }} data-step={s.step} onClick={() => navigate(props.hrefFor(s.step), { scroll: false })}>
                  {/* The whole row is the target, not only the bar. */}
                  <rect x="0" y={row().y - (layout().narrow ? 36 : (layout().rowHeight - layout().bar) / 2)} width={width()} height={layout().rowHeight} class="funnel-hit" />
                  <rect x={row().barX} y={row().y} width={row().barWidth} height={layout().bar} rx="6" class="funnel-bar" />
                  <Show when={selected()}>
                    <path class="funnel-marker" d={`M${Math.max(0, row().barX - 16)},${row().y + layout().bar / 2 - 8} l12,8 l-12,8 Z`} />
                  </Show>
                  <Show
                    when={layout().narrow}
                    fallback={
                      <>
                        <text x="0" y={row().labelY - (stepDetail(s) ? 4 : -6)} class="funnel-name" font-size={String(fs(17))}>
                          {stepName(s.step)}
                        </text>
                        <Show when={stepDetail(s)}>
                          <text x="0" y={row().labelY + 16} class="funnel-sub" font-size={String(fs(13))}>
                            {stepDetail(s)}
                          </text>
                        </Show>
                        <text x={width()} y={row().labelY - (s.money !== undefined ? 4 : -6)} text-anchor="end" class="funnel-count" font-size={String(fs(20))}>
                          {countText(s)}
                        </text>
                        <Show when={s.money !== undefined}>
                          <text x={width()} y={row().labelY + 17} text-anchor="end" class="funnel-money" font-size={String(fs(15))}>
                            {money(s.money!)}
                          </text>
                        </Show>
                      </>
                    }
                  >
                    <text x="0" y={row().labelY} class="funnel-name" font-size="15">
                      {stepName(s.step)} <tspan class="funnel-count-inline">{countText(s)}</tspan>
                    </text>
                    <Show when={s.money !== undefined}>
                      <text x={width()} y={row().labelY} text-anchor="end" class="funnel-money" font-size="14">
                        {money(s.money!)}
                      </text>
                    </Show>
                  </Show>
                </g>
              );
            }}
          </For>
        </svg>
      </div>
      <ScrollRegion label={props.caption}>
        <table class="table funnel-table" data-testid="funnel-table">
          <caption class="visually-hidden">{props.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t("funnel.col.step")}</th>
              <th scope="col" class="num">
                {t("funnel.col.count")}
              </th>
              <th scope="col" class="num">
                {t("funnel.col.money")}
              </th>
              <th scope="col">{t("funnel.col.detail")}</th>
              <th scope="col">{t("funnel.col.open")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.steps}>
              {(s) => (
                <tr classList={{ "is-selected": props.selected === s.step }} data-step={s.step}>
                  <th scope="row">{stepName(s.step)}</th>
                  <td class="num" data-testid={`funnel-count-${s.step}`}>
                    {countText(s)}
                  </td>
                  <td class="num">
                    <Show when={MONEY_STEPS.includes(s.step) && s.money !== undefined} fallback="—">
                      <span class="amount">
                        <span class="amount-figure" data-testid={`funnel-money-${s.step}`}>
                          {money(s.money!)}
                        </span>
                        <span class="amount-prose">
                          {moneyName(s.step)} · {moneyProse(s.money!)}
                        </span>
                      </span>
                    </Show>
                  </td>
                  <td>{stepDetail(s) ?? "—"}</td>
                  <td>
                    {/* A plain <a>: the router still takes it (without scrolling to the top), but does not mark every link to this path current. */}
                    <a href={props.hrefFor(s.step)} {...NO_SCROLL} aria-current={props.selected === s.step ? "true" : undefined} class="funnel-open">
                      {t("funnel.open")}
                      <span class="visually-hidden">: {stepName(s.step)}</span>
                    </a>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </ScrollRegion>
    </div>
  );
}
