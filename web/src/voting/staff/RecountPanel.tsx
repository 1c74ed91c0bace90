import { createSignal, For, Show } from "solid-js";
import { formatNumber } from "../../app/format.js";
import { Alert, Icon } from "../../app/ui.js";
import { votingApi, type Recount, type RoundView } from "../api.js";
import { t } from "../strings.js";

/** Counting the round's ballots again and comparing with its counters. */
export function RecountPanel(props: { round: RoundView }) {
  const [report, setReport] = createSignal<Recount>();
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const titleOf = (id: string) => props.round.proposals.find((p) => p.id === id)?.title ?? id;
  const run = async () => {
    setPending(true);
    setError(undefined);
    try {
      setReport(await votingApi.recount(props.round.id));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setPending(false);
    }
  };
  return (
    <section class="section recount" aria-labelledby="recount-h">
      <h2 id="recount-h" class="section-title">
        {t("recount.title")}
      </h2>
      <p>{t("recount.lead")}</p>
      <button type="button" class="btn btn-secondary" onClick={run} disabled={pending()}>
        <Icon name="sync" size={18} />
        {pending() ? t("recount.running") : t("recount.run")}
      </button>
      <div role="status" aria-live="polite" data-testid="recount-report">
        <Show when={report()}>
          {(rep) => (
            <Show
              when={rep().ok}
              fallback={
                <Alert tone="danger" title={t("recount.bad")}>
                  <p>{t("recount.summary", { counted: rep().ballots.counted, counters: rep().ballots.counters })}</p>
                  <Show when={rep().differences.length > 0}>
                    <ul>
                      <For each={rep().differences}>
                        {(d) => (
                          <li>
                            {titleOf(d.proposalId)}:{" "}
                            {d.counted < 0 ? t("recount.hiddenDiff") : t("recount.diff", { counted: d.counted, counters: d.counters })}
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                </Alert>
              }
            >
              <Alert tone="success" title={t("recount.ok")}>
                <p>
                  {t("recount.okDetail", {
                    n: formatNumber(rep().ballots.counted),
                    online: formatNumber(rep().byChannel.counted.online),
                    session: formatNumber(rep().byChannel.counted.session),
                  })}
                </p>
              </Alert>
            </Show>
          )}
        </Show>
      </div>
      <Show when={error()}>
        <Alert tone="danger" role="alert">
          <p>{error()}</p>
        </Alert>
      </Show>
    </section>
  );
}
