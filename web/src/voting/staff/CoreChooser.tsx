import { createMemo, createSignal, For, Show } from "solid-js";
import { formatNumber } from "../../app/format.js";
import { Alert, Field, ScrollRegion } from "../../app/ui.js";
import { votingApi, type RoundResults, type RoundView } from "../api.js";
import { cutoff } from "../cutoff.js";
import { t } from "../strings.js";

/**
 * Choosing a closed round's core agendas: the top N pre-selected; a tie at the cutoff marked and
 * left to staff (see cutoff.ts); then confirmed.
 */
export function CoreChooser(props: { round: RoundView; results: RoundResults; onChosen: (message: string) => Promise<void> }) {
  const tallies = () => props.results.tallies;
  const initialN = Math.min(15, tallies().length);
  const [n, setN] = createSignal(String(initialN));
  const cut = createMemo(() => cutoff(tallies(), Math.max(0, Math.floor(Number(n()) || 0))));
  const [selected, setSelected] = createSignal<string[]>(cutoff(tallies(), initialN).sure);
  const [confirming, setConfirming] = createSignal(false);
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const tiedChosen = () => cut().tied.filter((id) => selected().includes(id)).length;
  const resolved = () => cut().tied.length === 0 || tiedChosen() >= cut().needed;

  const applyN = (value: string) => {
    setN(value);
    setSelected(cutoff(tallies(), Math.max(0, Math.floor(Number(value) || 0))).sure);
    setConfirming(false);
    setError(undefined);
  };
  const toggle = (id: string, on: boolean) => {
    setSelected((list) => (on ? [...list.filter((x) => x !== id), id] : list.filter((x) => x !== id)));
    setConfirming(false);
    setError(undefined);
  };
  const ask = () => {
    setError(undefined);
    if (selected().length === 0) {
      setError(t("core.noneChosen"));
      return;
    }
    if (!resolved()) {
      setError(t("core.tieUnresolved", { n: cut().needed - tiedChosen() }));
      document.querySelector<HTMLInputElement>(".core-row.is-tied input")?.focus();
      return;
    }
    setConfirming(true);
  };
  const confirm = async () => {
    setPending(true);
    setError(undefined);
    try {
      // In ranking order, so the record reads top first.
      const ids = tallies()
        .map((x) => x.proposalId)
        .filter((id) => selected().includes(id));
      await votingApi.chooseCoreAgendas(props.round.id, ids);
      await props.onChosen(t("core.chosenNotice", { n: ids.length }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setConfirming(false);
    } finally {
      setPending(false);
    }
  };

  return (
    <div class="core-chooser">
      <h3 class="mini-title" id="core-h">
        {t("core.title")}
      </h3>
      <p>{t("core.lead")}</p>
      <div class="core-n">
        <Field
          id="core-n"
          type="number"
          inputmode="numeric"
          label={t("core.n")}
          hint={t("core.nHint", { max: tallies().length })}
          min={1}
          max={tallies().length}
          class="field-narrow"
          value={n()}
          onInput={(e) => applyN(e.currentTarget.value)}
        />
      </div>
      <div role="status" aria-live="polite">
        <Show when={cut().tied.length > 0}>
          <Alert tone="warning" title={t("core.tieTitle", { rank: cut().rank ?? 0 })} class="core-tie">
            <p data-testid="core-tie">
              {t("core.tieDetail", { k: cut().tied.length, votes: formatNumber(cut().votes ?? 0), n: n(), needed: cut().needed })}
            </p>
          </Alert>
        </Show>
      </div>
      <ScrollRegion label={t("core.title")}>
        <table class="table core-table" data-testid="core-table">
          <caption class="visually-hidden">{t("core.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("core.col.choose")}</th>
              <th scope="col" class="num">
                {t("results.col.rank")}
              </th>
              <th scope="col">{t("results.col.agenda")}</th>
              <th scope="col">{t("results.col.field")}</th>
              <th scope="col" class="num">
                {t("results.col.votes")}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={tallies()}>
              {(x) => {
                const tied = () => cut().tied.includes(x.proposalId);
                const box = `core-${x.proposalId}`;
                return (
                  <tr class="core-row" classList={{ "is-tied": tied(), "is-chosen": selected().includes(x.proposalId) }} data-proposal={x.proposalId}>
                    <td>
                      <input
                        id={box}
                        type="checkbox"
                        class="checkbox"
                        checked={selected().includes(x.proposalId)}
                        onChange={(e) => toggle(x.proposalId, e.currentTarget.checked)}
                        aria-describedby={tied() ? "core-tie-note" : undefined}
                      />
                    </td>
                    <td class="num">{x.rank}</td>
                    <th scope="row">
                      <label for={box}>{x.title}</label>
                      <Show when={tied()}>
                        {" "}
                        <span class="badge badge-tie">{t("core.tied")}</span>
                      </Show>
                    </th>
                    <td>{x.field}</td>
                    <td class="num">{formatNumber(x.votes)}</td>
                  </tr>
                );
              }}
            </For>
          </tbody>
        </table>
      </ScrollRegion>
      <p id="core-tie-note" class="visually-hidden">
        {t("core.tieNote")}
      </p>
      <p class="picker-count" aria-live="polite" aria-atomic="true" data-testid="core-count">
        {t("core.count", { n: selected().length })}
      </p>
      <Show when={error()}>
        <Alert tone="danger" role="alert">
          <p>{error()}</p>
        </Alert>
      </Show>
      <Show
        when={confirming()}
        fallback={
          <button type="button" id="core-confirm-btn" class="btn btn-primary btn-large" onClick={ask}>
            {t("core.confirm")}
          </button>
        }
      >
        <div class="confirm-panel" role="group" aria-labelledby="core-confirm-h">
          <p id="core-confirm-h" class="confirm-title" tabindex="-1" ref={(el) => queueMicrotask(() => el.focus())}>
            {t("core.confirmTitle", { n: selected().length })}
          </p>
          <p>{t("core.confirmDetail")}</p>
          <div class="panel-buttons">
            <button type="button" class="btn btn-primary" onClick={confirm} disabled={pending()}>
              {t("core.confirmNow")}
            </button>
            <button
              type="button"
              class="btn btn-tertiary"
              onClick={() => {
                setConfirming(false);
                queueMicrotask(() => document.getElementById("core-confirm-btn")?.focus());
              }}
            >
              {t("voting.cancel")}
            </button>
          </div>
        </div>
      </Show>
    </div>
  );
}
