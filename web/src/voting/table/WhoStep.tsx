import type { PersonEntryState } from "../../attendance/tablet/entry.js";
import { Keypad, PersonEntry } from "../../attendance/tablet/PersonEntry.js";
import { t } from "../strings.js";

/** Who votes: their number on the keypad, or name + birth date, as at the check-in console. */
export function WhoStep(props: { entry: PersonEntryState; onNext: (e: SubmitEvent) => void }) {
  return (
    <form class="table-who" onSubmit={props.onNext} novalidate>
      <div class="table-who-main">
        <h2 id="table-step-h" class="step-title" tabindex="-1">
          {t("table.whoTitle")}
        </h2>
        <p class="table-lead">{t("table.whoLead")}</p>
        <PersonEntry entry={props.entry} idPrefix="table-" radioName="table-mode" phoneHint={t("table.phoneHint")} />
        <button type="submit" class="btn btn-primary btn-xl btn-block">
          {t("table.next")}
        </button>
        <p class="console-privacy">{t("table.privacy")}</p>
      </div>
      <Keypad entry={props.entry} />
    </form>
  );
}
