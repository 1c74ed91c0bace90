import { createAsync, revalidate } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, Show, Suspense } from "solid-js";
import { formatDate } from "../app/format.js";
import { Alert, createFormErrors, Field, FormError, Icon, LoadError, Loading, ScrollRegion, SelectField } from "../app/ui.js";
import { kstToday } from "../projects/figures.js";
import { governanceApi, type BodyView, type MemberView, type Seat } from "./api.js";
import { dayAfter, daysBetween, narrowField, SEATS, seatName, termEnd } from "./governance.js";
import { getBodies, getBody, getMembers } from "./queries.js";
import { t } from "./strings.js";

const refresh = (bodyId: string) => revalidate([getMembers.keyFor(bodyId), getBody.key, getBodies.key]);

/**
 * A body's members for staff: seat, subcommittee, every term, a term ending within 60 days flagged
 * (the API's own flag); change a member, reappoint one for another term (연임), appoint a new one.
 * The API's refusals — the body is full, a term beyond the renewals allowed, a term overlapping an
 * earlier one — are shown as it words them, on the term.
 */
export function MembersPanel(props: { body: BodyView }) {
  const members = createAsync(() => getMembers(props.body.id));
  const [done, setDone] = createSignal<string>();
  const [open, setOpen] = createSignal<{ id: string; action: "edit" | "renew" }>();
  let panelHeading: HTMLHeadingElement | undefined;
  const openFor = (id: string, action: "edit" | "renew") => {
    setDone(undefined);
    setOpen({ id, action });
    queueMicrotask(() => panelHeading?.focus());
  };
  return (
    <section class="section" aria-labelledby="members-h">
      <h2 id="members-h" class="section-title">
        {t("members.title")}
      </h2>
      <p class="status-line" role="status">
        <Show when={done()}>
          <Icon name="check" size={18} />
          <span>{done()}</span>
        </Show>
      </p>
      <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
        <Suspense fallback={<Loading />}>
          <Show when={members()}>
            {(list) => (
              <>
                <Show when={list().length > 0} fallback={<p class="empty">{t("members.empty")}</p>}>
                  <MemberTable members={list()} onOpen={openFor} />
                </Show>
                <Show when={open()} keyed>
                  {(o) => (
                    <Show when={list().find((m) => m.id === o.id)}>
                      {(m) => (
                        <div class="card member-action">
                          <h3 class="sub-title" tabindex="-1" ref={panelHeading}>
                            {o.action === "edit" ? t("members.editTitle", { name: m().displayName }) : t("members.renewTitle", { name: m().displayName })}
                          </h3>
                          <Show
                            when={o.action === "edit"}
                            fallback={
                              <RenewForm
                                body={props.body}
                                member={m()}
                                onDone={(msg) => {
                                  setOpen(undefined);
                                  setDone(msg);
                                }}
                                onCancel={() => setOpen(undefined)}
                              />
                            }
                          >
                            <EditMemberForm
                              body={props.body}
                              member={m()}
                              onDone={(msg) => {
                                setOpen(undefined);
                                setDone(msg);
                              }}
                              onCancel={() => setOpen(undefined)}
                            />
                          </Show>
                        </div>
                      )}
                    </Show>
                  )}
                </Show>
              </>
            )}
          </Show>
        </Suspense>
      </ErrorBoundary>
      <h3 class="sub-title">{t("members.appoint")}</h3>
      <AppointForm body={props.body} onDone={setDone} />
    </section>
  );
}

function MemberTable(props: { members: MemberView[]; onOpen: (id: string, action: "edit" | "renew") => void }) {
  const today = kstToday();
  const current = (m: MemberView) => m.terms.find((x) => x.startsOn <= today && today <= x.endsOn);
  return (
    <ScrollRegion label={t("members.title")}>
      <table class="table gov-table" data-testid="member-table">
        <thead>
          <tr>
            <th scope="col">{t("members.name")}</th>
            <th scope="col">{t("col.seat")}</th>
            <th scope="col">{t("col.subcommittee")}</th>
            <th scope="col">{t("members.terms")}</th>
            <th scope="col">{t("members.state")}</th>
            <th scope="col">{t("col.actions")}</th>
          </tr>
        </thead>
        <tbody>
          <For each={props.members}>
            {(m) => (
              <tr data-member={m.displayName}>
                <th scope="row">{m.displayName}</th>
                <td>{seatName(m.seat)}</td>
                <td>{m.subcommittee ?? "—"}</td>
                <td>
                  <ol class="plain-list">
                    <For each={m.terms}>
                      {(term) => (
                        <li>
                          {formatDate(term.startsOn)} ~ {formatDate(term.endsOn)}
                        </li>
                      )}
                    </For>
                  </ol>
                </td>
                <td>
                  <Show
                    when={m.endingSoon}
                    fallback={<span class="muted">{current(m) ? t("members.serving") : m.terms.some((x) => x.startsOn > today) ? t("members.upcoming") : t("members.ended")}</span>}
                  >
                    <span class="flag-behind" data-testid="ending-soon">
                      <Icon name="warning" size={16} />
                      {t("members.endingSoon", { days: daysBetween(today, current(m)?.endsOn ?? today) })}
                    </span>
                  </Show>
                </td>
                <td>
                  <span class="row-actions">
                    <button type="button" class="btn btn-tertiary btn-small" onClick={() => props.onOpen(m.id, "edit")}>
                      {t("members.edit")}
                      <span class="visually-hidden">: {m.displayName}</span>
                    </button>
                    <button type="button" class="btn btn-secondary btn-small" onClick={() => props.onOpen(m.id, "renew")}>
                      {t("members.renew")}
                      <span class="visually-hidden">: {m.displayName}</span>
                    </button>
                  </span>
                </td>
              </tr>
            )}
          </For>
        </tbody>
      </table>
    </ScrollRegion>
  );
}

/** The term's two dates, with the error the API gave the term as a whole (full, overlapping, too many terms) under them. */
function TermFields(props: { p: string; startsOn: string; endsOn: string; setStartsOn: (v: string) => void; setEndsOn: (v: string) => void; errors: ReturnType<typeof createFormErrors>; prefix: string }) {
  const whole = () => props.errors.field(props.prefix || "term");
  return (
    <fieldset class="gov-fieldset" id={`${props.p}-term`} tabindex="-1" aria-describedby={whole() ? `${props.p}-term-error` : undefined}>
      <legend class="field-label">{t("members.term")}</legend>
      <div class="field-row">
        <Field id={`${props.p}-starts`} type="date" label={t("members.startsOn")} required value={props.startsOn} onInput={(e) => props.setStartsOn(e.currentTarget.value)} error={props.errors.field(props.prefix ? `${props.prefix}.startsOn` : "startsOn")} />
        <Field id={`${props.p}-ends`} type="date" label={t("members.endsOn")} required min={props.startsOn || undefined} value={props.endsOn} onInput={(e) => props.setEndsOn(e.currentTarget.value)} error={props.errors.field(props.prefix ? `${props.prefix}.endsOn` : "endsOn")} />
      </div>
      <Show when={whole()}>
        <Alert tone="danger" id={`${props.p}-term-error`} class="term-error">
          <p data-testid={`${props.p}-term-error`}>{whole()}</p>
        </Alert>
      </Show>
    </fieldset>
  );
}

function AppointForm(props: { body: BodyView; onDone: (message: string) => void }) {
  const p = "appoint";
  const [name, setName] = createSignal("");
  const [seat, setSeat] = createSignal<Seat>("appointed");
  const [sub, setSub] = createSignal("");
  const [startsOn, setStartsOn] = createSignal(kstToday());
  const [endsOn, setEndsOn] = createSignal(termEnd(kstToday(), props.body.termYears));
  const ids = { displayName: `${p}-name`, seat: `${p}-seat`, subcommittee: `${p}-sub`, term: `${p}-term`, "term.startsOn": `${p}-starts`, "term.endsOn": `${p}-ends` };
  const errors = createFormErrors(ids);
  const submit = errors.submit(async () => {
    try {
      const m = await governanceApi.appoint(props.body.id, {
        displayName: name(),
        seat: seat(),
        ...(sub() ? { subcommittee: sub() } : {}),
        term: { startsOn: startsOn(), endsOn: endsOn() },
      });
      await refresh(props.body.id);
      setName("");
      props.onDone(t("members.appointed", { name: m.displayName }));
    } catch (err) {
      throw narrowField(err, Object.keys(ids));
    }
  });
  return (
    <form class="card form" onSubmit={submit} novalidate data-testid="appoint-form">
      <FormError errors={errors} />
      <div class="field-row">
        <Field id={ids.displayName} label={t("members.name")} hint={t("members.nameHint")} required maxLength={50} value={name()} onInput={(e) => setName(e.currentTarget.value)} error={errors.field("displayName")} />
        <SeatSelect id={ids.seat} value={seat()} onChange={setSeat} error={errors.field("seat")} />
        <SubSelect id={ids.subcommittee} body={props.body} value={sub()} onChange={setSub} error={errors.field("subcommittee")} />
      </div>
      <TermFields
        p={p}
        prefix="term"
        startsOn={startsOn()}
        endsOn={endsOn()}
        setStartsOn={(v) => {
          setStartsOn(v);
          setEndsOn(termEnd(v, props.body.termYears));
        }}
        setEndsOn={setEndsOn}
        errors={errors}
      />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={errors.pending()}>
          {t("members.appointSubmit")}
        </button>
      </div>
    </form>
  );
}

function SeatSelect(props: { id: string; value: Seat; onChange: (s: Seat) => void; error?: string }) {
  return (
    <SelectField id={props.id} label={t("col.seat")} value={props.value} onChange={(e) => props.onChange(e.currentTarget.value as Seat)} error={props.error}>
      <For each={SEATS}>
        {(s) => (
          <option value={s} selected={props.value === s}>
            {seatName(s)}
          </option>
        )}
      </For>
    </SelectField>
  );
}

function SubSelect(props: { id: string; body: BodyView; value: string; onChange: (s: string) => void; error?: string }) {
  return (
    <Show when={props.body.subcommittees.length > 0}>
      <SelectField id={props.id} label={t("col.subcommittee")} optional value={props.value} onChange={(e) => props.onChange(e.currentTarget.value)} error={props.error}>
        <option value="">{t("members.noSub")}</option>
        <For each={props.body.subcommittees}>
          {(s) => (
            <option value={s} selected={props.value === s}>
              {s}
            </option>
          )}
        </For>
      </SelectField>
    </Show>
  );
}

function EditMemberForm(props: { body: BodyView; member: MemberView; onDone: (message: string) => void; onCancel: () => void }) {
  const p = "member-edit";
  const [name, setName] = createSignal(props.member.displayName);
  const [seat, setSeat] = createSignal<Seat>(props.member.seat);
  const [sub, setSub] = createSignal(props.member.subcommittee ?? "");
  const ids = { displayName: `${p}-name`, seat: `${p}-seat`, subcommittee: `${p}-sub` };
  const errors = createFormErrors(ids);
  const submit = errors.submit(async () => {
    const m = await governanceApi.updateMember(props.body.id, props.member.id, { displayName: name(), seat: seat(), subcommittee: sub() || null });
    await refresh(props.body.id);
    props.onDone(t("members.changed", { name: m.displayName }));
  });
  return (
    <form class="form" onSubmit={submit} novalidate data-testid="member-edit-form">
      <FormError errors={errors} />
      <div class="field-row">
        <Field id={ids.displayName} label={t("members.name")} required maxLength={50} value={name()} onInput={(e) => setName(e.currentTarget.value)} error={errors.field("displayName")} />
        <SeatSelect id={ids.seat} value={seat()} onChange={setSeat} error={errors.field("seat")} />
        <SubSelect id={ids.subcommittee} body={props.body} value={sub()} onChange={setSub} error={errors.field("subcommittee")} />
      </div>
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={errors.pending()}>
          {t("members.save")}
        </button>
        <button type="button" class="btn btn-tertiary" onClick={() => props.onCancel()}>
          {t("form.cancel")}
        </button>
      </div>
    </form>
  );
}

/** Another term (연임): by default from the day after the last one ends, for the body's term length. */
function RenewForm(props: { body: BodyView; member: MemberView; onDone: (message: string) => void; onCancel: () => void }) {
  const p = "renew";
  const last = props.member.terms[props.member.terms.length - 1];
  const next = last ? dayAfter(last.endsOn) : kstToday();
  const [startsOn, setStartsOn] = createSignal(next);
  const [endsOn, setEndsOn] = createSignal(termEnd(next, props.body.termYears));
  const ids = { term: `${p}-term`, startsOn: `${p}-starts`, endsOn: `${p}-ends` };
  const errors = createFormErrors(ids);
  const submit = errors.submit(async () => {
    const m = await governanceApi.renew(props.body.id, props.member.id, { startsOn: startsOn(), endsOn: endsOn() });
    await refresh(props.body.id);
    props.onDone(t("members.renewed", { name: m.displayName, n: m.terms.length }));
  });
  return (
    <form class="form" onSubmit={submit} novalidate data-testid="renew-form">
      <FormError errors={errors} />
      <p class="muted">
        {props.body.maxRenewals === undefined ? t("members.renewAny") : t("members.renewRule", { n: props.body.maxRenewals, served: props.member.terms.length })}
      </p>
      <TermFields
        p={p}
        prefix=""
        startsOn={startsOn()}
        endsOn={endsOn()}
        setStartsOn={(v) => {
          setStartsOn(v);
          setEndsOn(termEnd(v, props.body.termYears));
        }}
        setEndsOn={setEndsOn}
        errors={errors}
      />
      <div class="form-actions">
        <button type="submit" class="btn btn-primary" disabled={errors.pending()}>
          {t("members.renewSubmit")}
        </button>
        <button type="button" class="btn btn-tertiary" onClick={() => props.onCancel()}>
          {t("form.cancel")}
        </button>
      </div>
    </form>
  );
}
