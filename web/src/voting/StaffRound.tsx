import { A, createAsync, revalidate, useLocation, useParams } from "@solidjs/router";
import { createMemo, createSignal, ErrorBoundary, For, Show } from "solid-js";
import { votingApi, type Recount, type RoundResults, type RoundTally, type RoundView } from "./api.js";
import RoundForm from "./RoundForm.js";
import { Alert, Field, Icon, LoadError, PageLoadError, PageTitle, ScrollRegion } from "../app/ui.js";
import { channelName, formatRoundPeriod, RoundStatusBadge, TallyTable } from "./voting.js";
import { formatDateTime, formatNumber } from "../app/format.js";
import { t } from "../app/i18n.js";
import { getBallotCandidates, getResults, getRound, getRounds, getStaffResults } from "./queries.js";

/**
 * `/staff/rounds/:roundId`: one round for staff — status and turnout, its rules (editable until
 * the first ballot locks them), closing it, the ranking, choosing the core agendas (the top N,
 * ties at the cutoff resolved by hand) and a recount against the counters.
 */
export default function StaffRound() {
  const params = useParams();
  const location = useLocation<{ created?: string }>();
  const round = createAsync(() => getRound(params.roundId!));
  const [notice, setNotice] = createSignal<string | undefined>(location.state?.created ? t("round.created", { title: location.state.created }) : undefined);

  const refresh = (r: RoundView) =>
    revalidate([getRound.keyFor(r.id), getStaffResults.keyFor(r.id), getResults.keyFor(r.id), getRounds.keyFor(r.forumId), getBallotCandidates.keyFor(r.forumId)]);

  return (
    <div class="inner page staff-round">
      <ErrorBoundary fallback={(err, reset) => <PageLoadError error={err} retry={reset} />}>
        <Show when={round()}>
          {(r) => (
            <>
              <PageTitle title={`${t("round.manage")}: ${r().title}`} />
              <div class="page-head">
                <p class="breadcrumb">
                  <A href={`/staff/forums/${r().forumId}/rounds`}>{t("rounds.title")}</A>
                </p>
                <h1 class="page-title">{r().title}</h1>
                <div class="vote-facts">
                  <RoundStatusBadge status={r().status} />
                  <span>{formatRoundPeriod(r())}</span>
                </div>
                <p class="head-actions">
                  <A href={`/rounds/${r().id}`} class="btn btn-secondary btn-small">
                    {t("round.votePage")}
                  </A>
                  <A href={`/rounds/${r().id}/results`} class="btn btn-secondary btn-small">
                    {t("round.resultsPage")}
                  </A>
                </p>
              </div>
              <div role="status">
                <Show when={notice()}>
                  <Alert tone="success">
                    <p>{notice()}</p>
                  </Alert>
                </Show>
              </div>

              <section class="section" aria-labelledby="turnout-h">
                <h2 id="turnout-h" class="section-title">
                  {t("results.turnout")}
                </h2>
                <dl class="mini-figures">
                  <div>
                    <dt>{t("results.ballots")}</dt>
                    <dd data-testid="staff-ballots">{formatNumber(r().turnout.ballots)}</dd>
                  </div>
                  <div>
                    <dt>{t("round.channel.online")}</dt>
                    <dd>{formatNumber(r().turnout.online)}</dd>
                  </div>
                  <div>
                    <dt>{t("round.channel.session")}</dt>
                    <dd>{formatNumber(r().turnout.session)}</dd>
                  </div>
                </dl>
              </section>

              <Rules round={r()} onChanged={async (msg) => void (await refresh(r()), setNotice(msg))} />

              <section class="section" aria-labelledby="ranking-h">
                <h2 id="ranking-h" class="section-title" tabindex="-1">
                  {t("round.ranking")}
                </h2>
                <Ranking round={r()} onChanged={async (msg) => void (await refresh(r()), setNotice(msg))} />
              </section>

              <RecountPanel round={r()} />
            </>
          )}
        </Show>
      </ErrorBoundary>
    </div>
  );
}

function Rules(props: { round: RoundView; onChanged: (message: string) => Promise<void> }) {
  const r = () => props.round;
  const [editing, setEditing] = createSignal(false);
  const [confirming, setConfirming] = createSignal(false);
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const editable = () => !r().locked && r().status !== "closed";

  const close = async () => {
    setPending(true);
    setError(undefined);
    try {
      await votingApi.closeRound(r().id);
      setConfirming(false);
      await props.onChanged(t("round.closedNotice"));
      document.getElementById("ranking-h")?.focus();
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
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
            <button type="button" class="btn btn-primary btn-danger" onClick={close} disabled={pending()}>
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

function Ranking(props: { round: RoundView; onChanged: (message: string) => Promise<void> }) {
  const results = createAsync(() => getStaffResults(props.round.id));
  return (
    <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
      <Show when={results()}>
        {(res) => (
          <Show
            when={!res().hidden}
            fallback={
              <Alert tone="info" title={t("results.hiddenTitle")}>
                <p>{t("round.hiddenStaff")}</p>
              </Alert>
            }
          >
            <Show
              when={props.round.status === "closed"}
              fallback={
                <>
                  <p class="muted">{t("round.rankingLive")}</p>
                  <RankingTable tallies={res().tallies} core={res().coreAgendaIds} />
                </>
              }
            >
              <Show when={res().coreAgendaIds.length === 0} fallback={<CoreChosen results={res()} />}>
                <CoreChooser round={props.round} results={res()} onChosen={props.onChanged} />
              </Show>
            </Show>
          </Show>
        )}
      </Show>
    </ErrorBoundary>
  );
}

function RankingTable(props: { tallies: RoundTally[]; core: string[] }) {
  return (
    <ScrollRegion label={t("round.ranking")}>
      <TallyTable tallies={props.tallies} core={props.core} testId="ranking-table" />
    </ScrollRegion>
  );
}

function CoreChosen(props: { results: RoundResults }) {
  return (
    <>
      <Alert tone="success" title={t("round.coreChosenTitle", { n: props.results.coreAgendaIds.length })}>
        <p>{t("round.coreChosenDetail")}</p>
      </Alert>
      <RankingTable tallies={props.results.tallies} core={props.results.coreAgendaIds} />
    </>
  );
}

/**
 * Where the top N ends. With no tie at the cutoff the top N are simply chosen; with a tie (the Nth
 * and the (N+1)th share a rank) those above it are chosen and the tied ones are left to staff, who
 * must pick `needed` of them (or more, to keep them all).
 */
export function cutoff(tallies: RoundTally[], n: number): { sure: string[]; tied: string[]; needed: number; rank?: number; votes?: number } {
  if (n <= 0) return { sure: [], tied: [], needed: 0 };
  if (n >= tallies.length) return { sure: tallies.map((x) => x.proposalId), tied: [], needed: 0 };
  const rank = tallies[n - 1]!.rank;
  const above = tallies.filter((x) => x.rank < rank);
  const at = tallies.filter((x) => x.rank === rank);
  if (above.length + at.length <= n) return { sure: [...above, ...at].map((x) => x.proposalId), tied: [], needed: 0 };
  return { sure: above.map((x) => x.proposalId), tied: at.map((x) => x.proposalId), needed: n - above.length, rank, votes: at[0]!.votes };
}

function CoreChooser(props: { round: RoundView; results: RoundResults; onChosen: (message: string) => Promise<void> }) {
  const tallies = () => props.results.tallies;
  const initialN = Math.min(15, tallies().length);
  const [n, setN] = createSignal(String(initialN));
  const cut = createMemo(() => cutoff(tallies(), Math.max(0, Math.floor(Number(n()) || 0))));
  const [selected, setSelected] = createSignal<string[]>(cutoff(tallies(), initialN).sure);
  const [confirming, setConfirming] = createSignal(false);
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const tiedChosen = () => cut().tied.filter((id) => selected().includes(id)).length;
  const resolved = () => cut().tied.length === 0 || tiedChosen() >= cut().needed;

  const applyN = (value: string) => {
    setN(value);
    setSelected(cutoff(tallies(), Math.max(0, Math.floor(Number(value) || 0))).sure);
    setConfirming(false);
    setError(undefined);
  };
  const toggle = (id: string, on: boolean) => {
    setSelected((list) => (on ? [...list.filter((x) => x !== id), id] : list.filter((x) => x !== id)));
    setConfirming(false);
    setError(undefined);
  };
  const ask = () => {
    setError(undefined);
    if (selected().length === 0) {
      setError(t("core.noneChosen"));
      return;
    }
    if (!resolved()) {
      setError(t("core.tieUnresolved", { n: cut().needed - tiedChosen() }));
      document.querySelector<HTMLInputElement>(".core-row.is-tied input")?.focus();
      return;
    }
    setConfirming(true);
  };
  const confirm = async () => {
    setPending(true);
    setError(undefined);
    try {
      // In ranking order, so the record reads top first.
      const ids = tallies()
        .map((x) => x.proposalId)
        .filter((id) => selected().includes(id));
      await votingApi.chooseCoreAgendas(props.round.id, ids);
      await props.onChosen(t("core.chosenNotice", { n: ids.length }));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
      setConfirming(false);
    } finally {
      setPending(false);
    }
  };

  return (
    <div class="core-chooser">
      <h3 class="mini-title" id="core-h">
        {t("core.title")}
      </h3>
      <p>{t("core.lead")}</p>
      <div class="core-n">
        <Field
          id="core-n"
          type="number"
          inputmode="numeric"
          label={t("core.n")}
          hint={t("core.nHint", { max: tallies().length })}
          min={1}
          max={tallies().length}
          class="field-narrow"
          value={n()}
          onInput={(e) => applyN(e.currentTarget.value)}
        />
      </div>
      <div role="status" aria-live="polite">
        <Show when={cut().tied.length > 0}>
          <Alert tone="warning" title={t("core.tieTitle", { rank: cut().rank ?? 0 })} class="core-tie">
            <p data-testid="core-tie">
              {t("core.tieDetail", { k: cut().tied.length, votes: formatNumber(cut().votes ?? 0), n: n(), needed: cut().needed })}
            </p>
          </Alert>
        </Show>
      </div>
      <ScrollRegion label={t("core.title")}>
        <table class="table core-table" data-testid="core-table">
          <caption class="visually-hidden">{t("core.caption")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("core.col.choose")}</th>
              <th scope="col" class="num">
                {t("results.col.rank")}
              </th>
              <th scope="col">{t("results.col.agenda")}</th>
              <th scope="col">{t("results.col.field")}</th>
              <th scope="col" class="num">
                {t("results.col.votes")}
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={tallies()}>
              {(x) => {
                const tied = () => cut().tied.includes(x.proposalId);
                const box = `core-${x.proposalId}`;
                return (
                  <tr class="core-row" classList={{ "is-tied": tied(), "is-chosen": selected().includes(x.proposalId) }} data-proposal={x.proposalId}>
                    <td>
                      <input
                        id={box}
                        type="checkbox"
                        class="checkbox"
                        checked={selected().includes(x.proposalId)}
                        onChange={(e) => toggle(x.proposalId, e.currentTarget.checked)}
                        aria-describedby={tied() ? "core-tie-note" : undefined}
                      />
                    </td>
                    <td class="num">{x.rank}</td>
                    <th scope="row">
                      <label for={box}>{x.title}</label>
                      <Show when={tied()}>
                        {" "}
                        <span class="badge badge-tie">{t("core.tied")}</span>
                      </Show>
                    </th>
                    <td>{x.field}</td>
                    <td class="num">{formatNumber(x.votes)}</td>
                  </tr>
                );
              }}
            </For>
          </tbody>
        </table>
      </ScrollRegion>
      <p id="core-tie-note" class="visually-hidden">
        {t("core.tieNote")}
      </p>
      <p class="picker-count" aria-live="polite" aria-atomic="true" data-testid="core-count">
        {t("core.count", { n: selected().length })}
      </p>
      <Show when={error()}>
        <Alert tone="danger" role="alert">
          <p>{error()}</p>
        </Alert>
      </Show>
      <Show
        when={confirming()}
        fallback={
          <button type="button" id="core-confirm-btn" class="btn btn-primary btn-large" onClick={ask}>
            {t("core.confirm")}
          </button>
        }
      >
        <div class="confirm-panel" role="group" aria-labelledby="core-confirm-h">
          <p id="core-confirm-h" class="confirm-title" tabindex="-1" ref={(el) => queueMicrotask(() => el.focus())}>
            {t("core.confirmTitle", { n: selected().length })}
          </p>
          <p>{t("core.confirmDetail")}</p>
          <div class="panel-buttons">
            <button type="button" class="btn btn-primary" onClick={confirm} disabled={pending()}>
              {t("core.confirmNow")}
            </button>
            <button
              type="button"
              class="btn btn-tertiary"
              onClick={() => {
                setConfirming(false);
                queueMicrotask(() => document.getElementById("core-confirm-btn")?.focus());
              }}
            >
              {t("voting.cancel")}
            </button>
          </div>
        </div>
      </Show>
    </div>
  );
}

function RecountPanel(props: { round: RoundView }) {
  const [report, setReport] = createSignal<Recount>();
  const [pending, setPending] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const titleOf = (id: string) => props.round.proposals.find((p) => p.id === id)?.title ?? id;
  const run = async () => {
    setPending(true);
    setError(undefined);
    try {
      setReport(await votingApi.recount(props.round.id));
    } catch (err) {
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setPending(false);
    }
  };
  return (
    <section class="section recount" aria-labelledby="recount-h">
      <h2 id="recount-h" class="section-title">
        {t("recount.title")}
      </h2>
      <p>{t("recount.lead")}</p>
      <button type="button" class="btn btn-secondary" onClick={run} disabled={pending()}>
        <Icon name="sync" size={18} />
        {pending() ? t("recount.running") : t("recount.run")}
      </button>
      <div role="status" aria-live="polite" data-testid="recount-report">
        <Show when={report()}>
          {(rep) => (
            <Show
              when={rep().ok}
              fallback={
                <Alert tone="danger" title={t("recount.bad")}>
                  <p>{t("recount.summary", { counted: rep().ballots.counted, counters: rep().ballots.counters })}</p>
                  <Show when={rep().differences.length > 0}>
                    <ul>
                      <For each={rep().differences}>
                        {(d) => (
                          <li>
                            {titleOf(d.proposalId)}:{" "}
                            {d.counted < 0 ? t("recount.hiddenDiff") : t("recount.diff", { counted: d.counted, counters: d.counters })}
                          </li>
                        )}
                      </For>
                    </ul>
                  </Show>
                </Alert>
              }
            >
              <Alert tone="success" title={t("recount.ok")}>
                <p>
                  {t("recount.okDetail", {
                    n: formatNumber(rep().ballots.counted),
                    online: formatNumber(rep().byChannel.counted.online),
                    session: formatNumber(rep().byChannel.counted.session),
                  })}
                </p>
              </Alert>
            </Show>
          )}
        </Show>
      </div>
      <Show when={error()}>
        <Alert tone="danger" role="alert">
          <p>{error()}</p>
        </Alert>
      </Show>
    </section>
  );
}
