import { A } from "@solidjs/router";
import { createSignal, onCleanup, onMount, Show } from "solid-js";
import { formatNumber } from "../app/format.js";
import { proposalsApi } from "./api.js";
import { t } from "./strings.js";

/** Ways into the proposals from the forum pages. */

/**
 * The public forum page: how many proposals are public, a link to the list, and — while the forum
 * takes proposals — a link to propose. The total is read once, straight from the API into this
 * component's own signal (like the page's refreshes): it is not one of the page's queries, so it
 * neither holds the figures back while it loads nor takes the page down if it fails — the links
 * then stay without the number.
 */
export function ProposalSummary(props: { forumId: string; intake: "open" | "closed" }) {
  const [total, setTotal] = createSignal<number>();
  onMount(() => {
    const ctrl = new AbortController();
    proposalsApi
      .proposals(props.forumId, { limit: 1 }, ctrl.signal)
      .then((page) => setTotal(page.total))
      .catch(() => undefined);
    onCleanup(() => ctrl.abort());
  });
  return (
    <section aria-labelledby="proposals-h" class="section proposal-summary">
      <h2 id="proposals-h" class="section-title">{t("summary.title")}</h2>
      <Show when={total() !== undefined}>
        <p class="proposal-total">
          {t("summary.total")} <strong data-testid="proposal-total">{t("common.count", { n: formatNumber(total()!) })}</strong>
        </p>
      </Show>
      <div class="head-actions">
        <A href={`/forums/${props.forumId}/proposals`} class="btn btn-secondary btn-large">
          {t("summary.list")}
        </A>
        <Show when={props.intake === "open"}>
          <A href={`/propose?forum=${props.forumId}`} class="btn btn-primary btn-large">
            {t("summary.propose")}
          </A>
        </Show>
      </div>
    </section>
  );
}

/** The staff's forum list: the standing inbox of proposals sent while no forum takes them. */
export function InboxCard() {
  return (
    <div class="card inbox-card">
      <h3 class="mini-title">{t("inbox.title")}</h3>
      <p class="muted">{t("inbox.staffNote")}</p>
      <p>
        <A href="/staff/forums/inbox/proposals" class="btn btn-secondary btn-small">
          {t("inbox.manage")}
        </A>
      </p>
    </div>
  );
}
