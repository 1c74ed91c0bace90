import { createSignal } from "solid-js";
import { Icon } from "../../app/ui.js";
import type { RoundView } from "../api.js";
import { t } from "../strings.js";
import { AgendaPicker } from "../voting.js";

/** The agendas, up to the round's limit; at least one before the review. */
export function ChooseStep(props: { round: RoundView; selected: string[]; setSelected: (v: string[]) => void; onNext: () => void; onForget: () => void }) {
  const [error, setError] = createSignal<string>();
  const next = (e: SubmitEvent) => {
    e.preventDefault();
    if (props.selected.length === 0) {
      setError(t("vote.chooseOne"));
      document.getElementById("vote-picker")?.focus();
      return;
    }
    props.onNext();
  };
  return (
    <form class="vote-form" onSubmit={next} novalidate>
      <div class="step-head">
        <h2 id="vote-step-h" class="step-title" tabindex="-1">
          {t("vote.chooseTitle")}
        </h2>
        <p class="verified-line">
          <Icon name="check" size={20} />
          <span>{t("vote.verified")}</span>
          <button type="button" class="link-button" onClick={props.onForget}>
            {t("vote.forget")}
          </button>
        </p>
      </div>
      <p>{t("vote.chooseLead", { max: props.round.maxChoices })}</p>
      <AgendaPicker
        id="vote-picker"
        legend={t("vote.pickerLegend", { max: props.round.maxChoices })}
        proposals={props.round.proposals}
        max={props.round.maxChoices}
        selected={props.selected}
        onChange={(v) => {
          props.setSelected(v);
          setError(undefined);
        }}
        error={error()}
      />
      <div class="vote-sticky">
        <p class="sticky-count" aria-hidden="true">
          {props.selected.length}/{props.round.maxChoices}
        </p>
        <button type="submit" class="btn btn-primary btn-large vote-next">
          {t("vote.toReview")}
        </button>
      </div>
    </form>
  );
}
