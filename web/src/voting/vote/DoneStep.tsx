import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { Alert, Icon } from "../../app/ui.js";
import type { BallotCast, RoundView } from "../api.js";
import { t } from "../strings.js";
import { BallotReceipt } from "../voting.js";

/** The ballot counted: its receipt, large, to copy and to check the ballot with. */
export function DoneStep(props: { round: RoundView; cast: BallotCast; onForget: () => void; forgotten: boolean }) {
  return (
    <div class="vote-done">
      <div class="received-head">
        <Icon name="check" size={40} />
        <h2 id="vote-step-h" class="step-title" tabindex="-1">
          {t("vote.doneTitle")}
        </h2>
      </div>
      <p>{t("vote.doneLead", { n: props.cast.choices, title: props.round.title })}</p>
      <BallotReceipt receipt={props.cast.receipt} label={t("vote.receipt")} />
      <Alert tone="info">
        <p>{t("vote.receiptNote")}</p>
      </Alert>
      <div class="head-actions">
        <A href={`/rounds/${props.round.id}/ballots/${props.cast.receipt}`} class="btn btn-primary btn-large">
          {t("vote.checkBallot")}
        </A>
        <Show when={!props.round.hideResultsUntilClosed}>
          <A href={`/rounds/${props.round.id}/results`} class="btn btn-secondary btn-large">
            {t("vote.seeResults")}
          </A>
        </Show>
      </div>
      <EndActions round={props.round} onForget={props.onForget} forgotten={props.forgotten} noResults />
    </div>
  );
}

/** "Finish on this device": drops the voter cookie, for a shared computer or phone. */
export function EndActions(props: { round: RoundView; onForget: () => void; forgotten: boolean; noResults?: boolean }) {
  return (
    <div class="vote-end">
      <Show when={!props.noResults}>
        <p>
          <A href={`/rounds/${props.round.id}/results`}>{t("vote.seeResults")}</A>
        </p>
      </Show>
      <div role="status">
        <Show
          when={!props.forgotten}
          fallback={
            <p class="verified-line">
              <Icon name="check" size={20} />
              <span>{t("vote.forgotten")}</span>
            </p>
          }
        >
          <p class="field-hint" id="vote-forget-hint">
            {t("vote.forgetHint")}
          </p>
        </Show>
      </div>
      <Show when={!props.forgotten}>
        <button type="button" class="btn btn-tertiary" onClick={props.onForget} aria-describedby="vote-forget-hint">
          {t("vote.finish")}
        </button>
      </Show>
    </div>
  );
}
