import { createSignal, For, Show } from "solid-js";
import { formatDate, formatDateTime, formatNumber } from "../app/format.js";
import { createFormErrors, Field, FormError, Icon, ScrollRegion, SelectField, TextArea } from "../app/ui.js";
import { projectsApi, type DecisionInput, type DecisionRecord, type ProjectView } from "./api.js";
import { kstToday, parseAmount } from "./figures.js";
import { currentDecision, decisionReason, money, moneyProse, REASON_CODES, reasonName } from "./project.js";
import { t, type Key } from "./strings.js";

type Kind = DecisionRecord["kind"];
type Outcome = DecisionRecord["outcome"];


const OUTCOMES: Record<Kind, [Outcome, Outcome]> = { council: ["selected", "not_selected"], budget: ["funded", "rejected"] };
const outcomeName = (o: Outcome) => t(`outcome.${o}` as Key);
const kindName = (k: Kind) => t(`decision.kind.${k}` as Key);


/**
 * The two decisions on a project: the governance council's (selected or not, with a reason code,
 * the meeting, the proposed amount — by default the requested one) and the district council's
 * budget (funded in full or cut with a reason, or rejected). A decision in force can be corrected
 * (정정): a new decision naming it, the old one kept in the history below.
 */
export function DecisionPanel(props: { project: ProjectView; onChanged: (message: string) => Promise<void> }) {
  const p = () => props.project;
  const council = () => currentDecision(p(), "council");
  const budget = () => currentDecision(p(), "budget");
  const [correcting, setCorrecting] = createSignal<DecisionRecord>();
  const done = async (message: string) => {
    setCorrecting(undefined);
    await props.onChanged(message);
  };
  const startCorrecting = (d: DecisionRecord) => {
    setCorrecting(d);
    queueMicrotask(() => document.getElementById(`correct-${d.kind}-h`)?.focus());
  };

  return (
    <section class="section decisions" aria-labelledby="decisions-h">
      <h2 id="decisions-h" class="section-title">
        {t("decision.title")}
      </h2>
      <div class="decision-grid">
        <div class="card decision-card" data-testid="council-decision">
          <h3 class="card-title">{kindName("council")}</h3>
          <Show
            when={council()}
            fallback={
              <Show when={p().stage === "plan"} fallback={<p class="muted">{t("decision.councilClosed")}</p>}>
                <DecisionForm project={p()} kind="council" onDone={done} />
              </Show>
            }
          >
            {(d) => (
              <Show when={correcting()?.id !== d().id} fallback={<CorrectionForm project={p()} decision={d()} onDone={done} onCancel={() => setCorrecting(undefined)} />}>
                <DecisionSummary decision={d()} />
                <Show when={!budget()} fallback={<p class="muted">{t("decision.councilLockedByBudget")}</p>}>
                  <button type="button" class="btn btn-secondary btn-small" onClick={() => startCorrecting(d())}>
                    {t("decision.correct")}
                    <span class="visually-hidden">: {kindName("council")}</span>
                  </button>
                </Show>
              </Show>
            )}
          </Show>
        </div>
        <div class="card decision-card" data-testid="budget-decision">
          <h3 class="card-title">{kindName("budget")}</h3>
          <Show
            when={budget()}
            fallback={
              <Show when={council()?.outcome === "selected" && p().stage === "selected"} fallback={<p class="muted">{t("decision.budgetWaits")}</p>}>
                <DecisionForm project={p()} kind="budget" onDone={done} />
              </Show>
            }
          >
            {(d) => (
              <Show when={correcting()?.id !== d().id} fallback={<CorrectionForm project={p()} decision={d()} onDone={done} onCancel={() => setCorrecting(undefined)} />}>
                <DecisionSummary decision={d()} />
                <Show when={["funded", "rejected"].includes(p().stage)} fallback={<p class="muted">{t("decision.budgetLockedByStage")}</p>}>
                  <button type="button" class="btn btn-secondary btn-small" onClick={() => startCorrecting(d())}>
                    {t("decision.correct")}
                    <span class="visually-hidden">: {kindName("budget")}</span>
                  </button>
                </Show>
              </Show>
            )}
          </Show>
        </div>
      </div>
      <DecisionHistory decisions={p().decisions} />
    </section>
  );
}

function DecisionSummary(props: { decision: DecisionRecord }) {
  const d = () => props.decision;
  const positive = () => d().outcome === "selected" || d().outcome === "funded";
  return (
    <dl class="facts decision-facts">
      <div>
        <dt>{t("decision.outcome")}</dt>
        <dd>
          <span class="status-badge" classList={{ "outcome-yes": positive(), "outcome-no": !positive() }} data-testid="decision-outcome">
            <Icon name={positive() ? "check" : "error"} size={16} />
            {outcomeName(d().outcome)}
          </span>
        </dd>
      </div>
      <Show when={positive()}>
        <div>
          <dt>{d().kind === "council" ? t("ladder.proposed") : t("ladder.approved")}</dt>
          <dd>
            {money(d().amount)} <span class="muted">({moneyProse(d().amount)})</span>
          </dd>
        </div>
      </Show>
      <Show when={decisionReason(d())}>
        <div>
          <dt>{t("decision.reason")}</dt>
          <dd>{decisionReason(d())}</dd>
        </div>
      </Show>
      <div>
        <dt>{t("decision.decidedOn")}</dt>
        <dd>
          {formatDate(d().decidedOn)}
          <Show when={d().meeting}>{(m) => <span class="cell-sub">{m().name}</span>}</Show>
        </dd>
      </div>
    </dl>
  );
}

/** A correction: the same form, filled in with the decision in force, which it names. */
function CorrectionForm(props: { project: ProjectView; decision: DecisionRecord; onDone: (m: string) => Promise<void>; onCancel: () => void }) {
  return (
    <div class="correction">
      <h4 id={`correct-${props.decision.kind}-h`} class="mini-title" tabindex="-1">
        {t("decision.correcting")}
      </h4>
      <p class="muted">{t("decision.correctingNote")}</p>
      <DecisionForm project={props.project} kind={props.decision.kind} corrects={props.decision} onDone={props.onDone} onCancel={props.onCancel} />
    </div>
  );
}

function DecisionForm(props: { project: ProjectView; kind: Kind; corrects?: DecisionRecord; onDone: (message: string) => Promise<void>; onCancel?: () => void }) {
  const p = () => props.project;
  const id = (name: string) => `${props.kind}-${props.corrects ? "fix" : "new"}-${name}`;
  const base = () => (props.kind === "council" ? p().money.requested.amount : (p().money.proposed?.amount ?? 0));
  const c = props.corrects;
  const [outcome, setOutcome] = createSignal<Outcome>(c?.outcome ?? OUTCOMES[props.kind][0]);
  const [amount, setAmount] = createSignal(String(c && (c.outcome === "selected" || c.outcome === "funded") ? c.amount : base()));
  const [reasonCode, setReasonCode] = createSignal<string>(c?.reasonCode ?? "");
  const [reason, setReason] = createSignal(c?.reason ?? "");
  const [decidedOn, setDecidedOn] = createSignal(c?.decidedOn ?? kstToday());
  const [meeting, setMeeting] = createSignal(c?.meeting?.name ?? "");
  const errors = createFormErrors({
    outcome: id("outcome-0"),
    amount: id("amount"),
    reasonCode: id("code"),
    reason: id("reason"),
    decidedOn: id("date"),
    meeting: id("meeting"),
    "meeting.on": id("date"),
    "meeting.name": id("meeting"),
    corrects: id("outcome-0"),
    forumId: id("outcome-0"),
  });
  const positive = () => outcome() === "selected" || outcome() === "funded";
  const typed = () => parseAmount(amount());
  /** How the amount differs from the step before: said beside the field, so a cut or a change is never silent. */
  const difference = () => {
    const a = typed();
    if (!Number.isFinite(a) || a === base()) return t("decision.sameAsBase", { base: money(base()) });
    return t(a < base() ? "decision.less" : "decision.more", { base: money(base()), diff: formatNumber(Math.abs(a - base())) });
  };
  const codeNeeded = () => !positive() || (props.kind === "budget" && Number.isFinite(typed()) && typed() < base());

  const submit = errors.submit(async () => {
    const input: DecisionInput = {
      kind: props.kind,
      outcome: outcome(),
      decidedOn: decidedOn(),
      forumId: p().forumId,
      ...(positive() ? { amount: typed() } : {}),
      ...(reasonCode() ? { reasonCode: reasonCode() as DecisionInput["reasonCode"] } : {}),
      ...(reason().trim() ? { reason: reason() } : {}),
      ...(meeting().trim() ? { meeting: { on: decidedOn(), name: meeting() } } : {}),
      ...(props.corrects ? { corrects: props.corrects.id } : {}),
    };
    await projectsApi.decide(p().id, input);
    await props.onDone(t(props.corrects ? "decision.corrected" : "decision.recorded", { kind: kindName(props.kind), outcome: outcomeName(outcome()) }));
  });

  return (
    <form class="form decision-form" onSubmit={submit} novalidate data-testid={`${props.kind}-form`}>
      <FormError errors={errors} />
      <fieldset class="fieldset">
        <legend class="field-label">{t("decision.outcome")}</legend>
        <div class="radio-row">
          <For each={OUTCOMES[props.kind]}>
            {(o, i) => (
              <label class="check-option">
                <input type="radio" class="checkbox" name={id("outcome")} id={id(`outcome-${i()}`)} value={o} checked={outcome() === o} onChange={() => setOutcome(o)} />
                {outcomeName(o)}
              </label>
            )}
          </For>
        </div>
        <Show when={errors.field("outcome")}>
          <p class="field-error">
            <Icon name="error" size={18} />
            <span>{errors.field("outcome")}</span>
          </p>
        </Show>
      </fieldset>
      <Show when={positive()}>
        <Field
          id={id("amount")}
          inputmode="numeric"
          autocomplete="off"
          label={props.kind === "council" ? t("decision.proposedAmount") : t("decision.approvedAmount")}
          hint={`${Number.isFinite(typed()) ? moneyProse(typed()) : ""} · ${difference()}`}
          value={amount()}
          onInput={(e) => setAmount(e.currentTarget.value)}
          error={errors.field("amount")}
        />
      </Show>
      <SelectField
        id={id("code")}
        label={t("decision.reasonCode")}
        hint={codeNeeded() ? t(props.kind === "budget" && positive() ? "decision.codeNeededCut" : "decision.codeNeeded") : t("decision.codeOptional")}
        value={reasonCode()}
        onChange={(e) => setReasonCode(e.currentTarget.value)}
        error={errors.field("reasonCode")}
      >
        <option value="">{t("decision.noCode")}</option>
        <For each={REASON_CODES}>{(code) => <option value={code} selected={reasonCode() === code}>{reasonName(code)}</option>}</For>
      </SelectField>
      <TextArea id={id("reason")} label={t("decision.reasonText")} hint={t("decision.reasonHint")} rows={2} maxLength={500} value={reason()} onInput={(e) => setReason(e.currentTarget.value)} error={errors.field("reason")} />
      <div class="field-row">
        <Field id={id("date")} type="date" label={t("decision.date")} max={kstToday()} required value={decidedOn()} onInput={(e) => setDecidedOn(e.currentTarget.value)} error={errors.field("decidedOn") ?? errors.field("meeting.on")} />
        <Field
          id={id("meeting")}
          label={t("decision.meeting")}
          hint={props.kind === "council" ? t("decision.meetingHintCouncil") : t("decision.meetingHintBudget")}
          maxLength={100}
          value={meeting()}
          onInput={(e) => setMeeting(e.currentTarget.value)}
          error={errors.field("meeting.name") ?? errors.field("meeting")}
        />
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={errors.pending()}>
          <Show when={errors.pending()} fallback={props.corrects ? t("decision.submitCorrection") : t("decision.submit", { kind: kindName(props.kind) })}>
            <span class="spinner spinner-light" aria-hidden="true" />
            {t("form.saving")}
          </Show>
        </button>
        <Show when={props.onCancel}>
          <button type="button" class="btn btn-tertiary" onClick={() => props.onCancel?.()}>
            {t("form.cancel")}
          </button>
        </Show>
      </div>
    </form>
  );
}

/** Every decision, the corrected ones too, oldest first. */
function DecisionHistory(props: { decisions: DecisionRecord[] }) {
  return (
    <Show when={props.decisions.length > 0}>
      <h3 class="mini-title history-title">{t("decision.history")}</h3>
      <ScrollRegion label={t("decision.history")}>
        <table class="table decision-history" data-testid="decision-history">
          <thead>
            <tr>
              <th scope="col">{t("decision.col.kind")}</th>
              <th scope="col">{t("decision.outcome")}</th>
              <th scope="col" class="num">
                {t("decision.col.amount")}
              </th>
              <th scope="col">{t("decision.reason")}</th>
              <th scope="col">{t("decision.decidedOn")}</th>
              <th scope="col">{t("decision.col.state")}</th>
            </tr>
          </thead>
          <tbody>
            <For each={props.decisions}>
              {(d) => (
                <tr classList={{ "row-disabled": !!d.supersededBy }}>
                  <th scope="row">{kindName(d.kind)}</th>
                  <td>{outcomeName(d.outcome)}</td>
                  <td class="num nowrap">{d.outcome === "selected" || d.outcome === "funded" ? money(d.amount) : "—"}</td>
                  <td>{decisionReason(d) || "—"}</td>
                  <td class="nowrap">
                    {formatDate(d.decidedOn)}
                    <Show when={d.meeting}>{(m) => <span class="cell-sub">{m().name}</span>}</Show>
                    <span class="cell-sub">{t("decision.recordedAt", { at: formatDateTime(d.recordedAt) })}</span>
                  </td>
                  <td>
                    <Show when={d.supersededBy} fallback={<span class="status status-on">{t("decision.inForce")}</span>}>
                      <span class="status status-off">{t("decision.superseded")}</span>
                    </Show>
                    <Show when={d.corrects}>
                      <span class="cell-sub">{t("decision.isCorrection")}</span>
                    </Show>
                  </td>
                </tr>
              )}
            </For>
          </tbody>
        </table>
      </ScrollRegion>
    </Show>
  );
}
