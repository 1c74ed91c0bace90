import "./tablet.css";
import { Index } from "solid-js";
import { formatNumber } from "../../app/format.js";

/** The venue tablet's live counts, in its head: the first, this screen's own count, stands out. */
export function LiveBoard(props: { id: string; label: string; counts: { label: string; value: number; testId: string }[] }) {
  return (
    <section class="live-board" aria-labelledby={props.id}>
      <h2 id={props.id} class="visually-hidden">
        {props.label}
      </h2>
      <dl class="live-counts">
        <Index each={props.counts}>
          {(c, i) => (
            <div class="live" classList={{ "live-session": i === 0 }}>
              <dt>{c().label}</dt>
              <dd data-testid={c().testId}>{formatNumber(c().value)}</dd>
            </div>
          )}
        </Index>
      </dl>
    </section>
  );
}
