import { createSignal, For, Show } from "solid-js";
import { formatDateTime, formatNumber } from "../../app/format.js";
import { ApiError } from "../../app/api.js";
import { Alert, Icon } from "../../app/ui.js";
import { votingApi, type RoundView } from "../api.js";
import RoundForm from "../RoundForm.js";
import { t } from "../strings.js";
import { channelName, formatRoundPeriod } from "../voting.js";

/** A round's rules: shown, editable until the first ballot locks them; closing the round (confirmed). */
export function Rules(props: { round: RoundView; onChanged: (message: string) => Promise<void> }) {
  const r = () => props.round;
  const [editing, setEditing] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<string>();
  /** The API's 409 tablets_pending (its message names the tablets and the unsent ballots): close anyway? */
  const [tabletsPending, setTabletsPending] = createSignal<string>();
  const editable = () => !r().locked && r().status !== "closed";

  const close = async (force = false) => {
    setPending(true);
    setError(undefined);
    try {
      await votingApi.closeRound(r().id, force);
      setConfirming(false);
      setTabletsPending(undefined);
      await props.onChanged(t("round.closedNotice"));
      document.getElementById("ranking-h")?.focus();
    } catch (err) {
      if (err instanceof ApiError && err.code === "tablets_pending") setTabletsPending(err.message);
      else setError(err instanceof Error ? err.message : String(err));
    } finally {
      setPending(false);
    }
  };

  return (
    <section class="section card rules-card" aria-labelledby="rules-h">
      <div class="section-head">
        <h2 id="rules-h" class="section-title">
          {t("round.rules")}
        </h2>
        <div class="section-tools">
          <Show when={editable() && !editing()}>
            <button type="button" id="rules-edit-btn" class="btn btn-secondary btn-small" onClick={() => setEditing(true)}>
              <Icon name="edit" size={18} />
              {t("round.editRules")}
            </button>
          </Show>
          <Show when={r().status !== "closed" && !confirming()}>
            <button type="button" id="close-btn" class="btn btn-primary btn-danger btn-small" onClick={() => setConfirming(true)}>
              {t("round.close")}
            </button>
          </Show>
        </div>
      </div>
      <Show when={r().locked}>
        <Alert tone="warning" title={t("round.lockedTitle")}>
          <p data-testid="rules-locked">{t("round.lockedDetail", { n: formatNumber(r().turnout.ballots) })}</p>
        </Alert>
      </Show>
      <Show when={confirming()}>
        <div class="confirm-panel" role="group" aria-labelledby="close-confirm-h">
          <p id="close-confirm-h" class="confirm-title" tabindex="-1" ref={(el) => queueMicrotask(() => el.focus())}>
            {t("round.closeConfirm", { title: r().title })}
          </p>
          <p>{t("round.closeConfirmDetail", { n: formatNumber(r().turnout.ballots) })}</p>
          <div class="panel-buttons">
            <button type="button" class="btn btn-primary btn-danger" onClick={() => close(false)} disabled={pending()}>
              {t("round.closeNow")}
            </button>
            <button
              type="button"
              class="btn btn-tertiary"
              onClick={() => {
                setConfirming(false);
                document.getElementById("close-btn")?.focus();
              }}
            >
              {t("voting.cancel")}
            </button>
          </div>
        </div>
      </Show>
      <Show when={tabletsPending()}>
        {(message) => (
          <Alert tone="warning" role="alert" title={t("round.tabletsPendingTitle")}>
            <p data-testid="tablets-pending">{message()}</p>
            <div class="panel-buttons">
              <button type="button" class="btn btn-primary btn-danger" onClick={() => close(true)} disabled={pending()}>
                {t("round.closeAnyway")}
              </button>
              <button type="button" class="btn btn-tertiary" onClick={() => setTabletsPending(undefined)}>
                {t("round.waitForTablets")}
              </button>
            </div>
          </Alert>
        )}
      </Show>
      <Show when={error()}>
        <Alert tone="danger" role="alert">
          <p>{error()}</p>
        </Alert>
      </Show>
      <Show
        when={editing() && editable()}
        fallback={
          <dl class="facts rules-facts">
            <div>
              <dt>{t("round.period")}</dt>
              <dd>{formatRoundPeriod(r())}</dd>
            </div>
            <div>
              <dt>{t("roundForm.maxChoices")}</dt>
              <dd>{t("round.maxOf", { max: r().maxChoices, n: r().proposalIds.length })}</dd>
            </div>
            <div>
              <dt>{t("round.channels")}</dt>
              <dd>{r().channels.map(channelName).join(", ")}</dd>
            </div>
            <div>
              <dt>{t("round.resultsShown")}</dt>
              <dd>{r().hideResultsUntilClosed ? t("round.hiddenUntilClose") : t("round.live")}</dd>
            </div>
            <div>
              <dt>{t("round.checkIn")}</dt>
              <dd>{r().requireCheckIn ? t("round.checkInYes") : t("round.checkInNo")}</dd>
            </div>
            <Show when={r().channels.includes("session")}>
              <div>
                <dt>{t("round.grace")}</dt>
                <dd>{t("round.graceValue", { n: formatNumber(r().graceMinutes) })}</dd>
              </div>
            </Show>
            <Show when={r().closedAt}>
              <div>
                <dt>{t("round.closedAt")}</dt>
                <dd>{formatDateTime(r().closedAt!)}</dd>
              </div>
            </Show>
          </dl>
        }
      >
        <RoundForm
          forumId={r().forumId}
          round={r()}
          submitLabel={t("round.saveRules")}
          onCancel={() => {
            setEditing(false);
            queueMicrotask(() => document.getElementById("rules-edit-btn")?.focus());
          }}
          onSubmit={async (input) => {
            try {
              await votingApi.updateRound(r().id, input);
            } catch (err) {
              // Locked meanwhile (a first ballot): show the page as it is now, with the message.
              if ((err as { code?: string }).code === "rules_locked") void props.onChanged("");
              throw err;
            }
            setEditing(false);
            await props.onChanged(t("round.rulesSaved"));
          }}
        />
      </Show>
      <details class="ballot-details">
        <summary>{t("round.ballotList", { n: r().proposals.length })}</summary>
        <ol class="ballot-list">
          <For each={r().proposals}>
            {(p) => (
              <li>
                {p.title} <span class="badge badge-field">{p.field}</span>
              </li>
            )}
          </For>
        </ol>
      </details>
    </section>
  );
}
