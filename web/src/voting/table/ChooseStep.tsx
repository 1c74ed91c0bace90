import { createSignal } from "solid-js";
import type { RoundView } from "../api.js";
import { t } from "../strings.js";
import { AgendaPicker } from "../voting.js";

/** The agendas, up to the round's limit; at least one before the review. */
export function ChooseStep(props: { round: RoundView; selected: string[]; setSelected: (v: string[]) => void; onBack: () => void; onNext: () => void }) {
  const [error, setError] = createSignal<string>();
  const next = (e: SubmitEvent) => {
    e.preventDefault();
    if (props.selected.length === 0) {
      setError(t("vote.chooseOne"));
      document.getElementById("table-picker")?.focus();
      return;
    }
    props.onNext();
  };
  return (
    <form onSubmit={next} novalidate>
      <h2 id="table-step-h" class="step-title" tabindex="-1">
        {t("vote.chooseTitle")}
      </h2>
      <p class="table-lead">{t("vote.chooseLead", { max: props.round.maxChoices })}</p>
      <AgendaPicker
        id="table-picker"
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
        <button type="button" class="btn btn-secondary btn-large" onClick={props.onBack}>
          {t("table.back")}
        </button>
        <button type="submit" class="btn btn-primary btn-large vote-next">
          {t("vote.toReview")}
        </button>
      </div>
    </form>
  );
}
