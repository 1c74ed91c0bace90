import { Show } from "solid-js";
import { Alert } from "../../app/ui.js";
import type { RoundView } from "../api.js";
import { t } from "../strings.js";
import { ChosenList } from "../voting.js";

/** The choices once more, then the ballot; a retry and a problem are said here. */
export function ReviewStep(props: {
  round: RoundView;
  selected: string[];
  write: { pending: () => boolean; retrying: () => number; problem: () => string | undefined };
  onCast: () => void;
  onBack: () => void;
}) {
  const w = () => props.write;
  return (
    <div class="table-review">
      <h2 id="table-step-h" class="step-title" tabindex="-1">
        {t("vote.reviewTitle")}
      </h2>
      <p class="table-lead">{t("vote.reviewLead", { n: props.selected.length, max: props.round.maxChoices })}</p>
      <ChosenList proposals={props.round.proposals} selected={props.selected} />
      <p class="vote-retry" role="status" aria-live="polite">
        {w().retrying() > 0 ? t("vote.retrying", { n: w().retrying() }) : ""}
      </p>
      <Show when={w().problem()}>
        <Alert tone="danger" role="alert">
          <p>{w().problem()}</p>
        </Alert>
      </Show>
      <div class="vote-buttons">
        <button type="button" class="btn btn-primary btn-xl vote-next" onClick={props.onCast} disabled={w().pending()}>
          <Show when={w().pending()} fallback={t("vote.cast")}>
            <span class="spinner spinner-light" aria-hidden="true" />
            {t("vote.casting")}
          </Show>
        </button>
        <button type="button" class="btn btn-secondary btn-large" onClick={props.onBack} disabled={w().pending()}>
          {t("vote.changeChoices")}
        </button>
      </div>
    </div>
  );
}
