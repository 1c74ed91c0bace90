import { A } from "@solidjs/router";
import { Show } from "solid-js";
import { Icon } from "../../app/ui.js";
import { t } from "../strings.js";

/** Why a ballot was not taken: already voted (online or at a session), not checked in, the round closed, or another error. */
export type Refusal = { kind: "already" | "checkin" | "closed" | "error"; message: string; signIn?: boolean };

/**
 * The thank-you screen: only the receipt stays, until the next person. `savedOnly`: the ballot is in
 * this tablet's outbox, not yet answered by the server (no receipt yet; it is sent when it can be).
 */
export function Done(props: { receipt?: string; savedOnly?: boolean; onNext: () => void }) {
  return (
    <div class="table-result table-result-success" data-testid="table-done" data-saved-only={props.savedOnly ? "true" : "false"}>
      <Icon name="check" size={64} />
      <h2 id="table-step-h" class="table-result-title" tabindex="-1">
        {props.savedOnly ? t("table.savedTitle") : t("table.doneTitle")}
      </h2>
      <p>{props.savedOnly ? t("table.savedLead") : t("table.doneLead")}</p>
      <Show when={props.receipt}>
        {(code) => (
          <p class="table-receipt">
            <span>{t("vote.receipt")}</span> <strong>{code()}</strong>
          </p>
        )}
      </Show>
      <p class="muted-on-color">{t("table.receiptNote")}</p>
      <button type="button" class="btn btn-primary btn-xl" onClick={props.onNext}>
        {t("table.nextPerson")}
      </button>
    </div>
  );
}

const TITLE = { already: "table.alreadyTitle", checkin: "table.checkinTitle", closed: "table.closedTitle", error: "table.errorTitle" } as const;

export function Refused(props: { refusal: Refusal; sessionId: string; roundId: string; onNext: () => void }) {
  const f = () => props.refusal;
  const warning = () => f().kind === "already" || f().kind === "checkin";
  return (
    <div class={`table-result table-result-${warning() ? "warning" : "danger"}`} data-testid="table-refused" data-kind={f().kind}>
      <Icon name={warning() ? "warning" : "error"} size={64} />
      <h2 id="table-step-h" class="table-result-title" tabindex="-1">
        {t(TITLE[f().kind])}
      </h2>
      <p data-testid="table-refusal">{f().message}</p>
      <Show when={f().kind === "checkin"}>
        <p>
          <A href={`/console/${props.sessionId}`}>{t("table.toCheckIn")}</A>
        </p>
      </Show>
      <Show when={f().signIn}>
        <p>
          <A href={`/login?next=${encodeURIComponent(`/console/${props.sessionId}/vote/${props.roundId}`)}`}>{t("common.signInAgain")}</A>
        </p>
      </Show>
      <button type="button" class="btn btn-primary btn-xl" onClick={props.onNext}>
        {t("table.nextPerson")}
      </button>
    </div>
  );
}
