import { Show } from "solid-js";
import { ApiError } from "../../app/api.js";
import { Alert } from "../../app/ui.js";
import { createWrite } from "../../app/write.js";
import { votingApi, type BallotCast, type RoundView } from "../api.js";
import { t } from "../strings.js";
import { ChosenList } from "../voting.js";

/**
 * The choices once more, then the ballot: one Idempotency-Key per ballot, so the same choices
 * re-sent after a failure are answered with the receipt of a ballot that did arrive.
 */
export function ReviewStep(props: {
  round: RoundView;
  selected: string[];
  onBack: () => void;
  onCast: (c: BallotCast) => void;
  onAlreadyVoted: (message: string) => void;
  onRefused: (message: string) => void;
  onExpired: () => void;
}) {
  // The same choices re-sent after a failure keep their key, in whatever order they were picked.
  const write = createWrite((choices: string[], key, signal) => votingApi.cast(props.round.id, { choices }, key, signal), {
    lost: () => t("vote.networkFailed"),
    fingerprint: (choices) => ({ roundId: props.round.id, choices: [...choices].sort() }),
  });

  const send = async () => {
    if (write.pending()) return;
    try {
      props.onCast(await write.run([...props.selected]));
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const code = err instanceof ApiError && !err.transient ? err.code : "";
      if (code === "already_voted") props.onAlreadyVoted(message);
      else if (code === "voter_verification_required") props.onExpired();
      else if (["round_closed", "round_not_open", "channel_not_open", "not_found"].includes(code)) props.onRefused(message);
    }
  };

  return (
    <div class="vote-form">
      <h2 id="vote-step-h" class="step-title" tabindex="-1">
        {t("vote.reviewTitle")}
      </h2>
      <p>{t("vote.reviewLead", { n: props.selected.length, max: props.round.maxChoices })}</p>
      <ChosenList proposals={props.round.proposals} selected={props.selected} />
      <Alert tone="warning">
        <p>{t("vote.once")}</p>
      </Alert>
      <p class="vote-retry" role="status" aria-live="polite">
        {write.retrying() > 0 ? t("vote.retrying", { n: write.retrying() }) : ""}
      </p>
      <Show when={write.problem()}>
        <Alert tone="danger" role="alert">
          <p>{write.problem()}</p>
        </Alert>
      </Show>
      <div class="vote-buttons">
        <button type="button" class="btn btn-primary btn-large vote-next" onClick={send} disabled={write.pending()} aria-busy={write.pending() ? "true" : "false"}>
          <Show when={write.pending()} fallback={t("vote.cast")}>
            <span class="spinner spinner-light" aria-hidden="true" />
            {t("vote.casting")}
          </Show>
        </button>
        <button type="button" class="btn btn-secondary btn-large" onClick={props.onBack} disabled={write.pending()}>
          {t("vote.changeChoices")}
        </button>
      </div>
    </div>
  );
}
