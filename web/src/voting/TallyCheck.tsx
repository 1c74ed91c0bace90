import { For, Show, createSignal } from "solid-js";
import { ApiError } from "../app/api.js";
import { formatNumber } from "../app/format.js";
import { Alert, Icon, ScrollRegion } from "../app/ui.js";
import { votingApi, type RoundTally } from "./api.js";
import { t } from "./strings.js";

/** Hex SHA-256 of a text's UTF-8 bytes (WebCrypto). */
export async function sha256Hex(text: string): Promise<string> {
  const bytes = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(text));
  return [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
}

export interface Recounted {
  hash: string;
  lines: number;
  /** Votes per agenda id, as added up from the list's lines. */
  votes: Map<string, number>;
}

/** Adds up the CSV form of a ballot list (receipt_sha256,channel,choices — ids separated by spaces). */
export async function recountCsv(text: string): Promise<Recounted> {
  const votes = new Map<string, number>();
  const rows = text.split("\r\n").filter((l) => l !== "");
  for (const row of rows.slice(1)) {
    const choices = row.split(",")[2] ?? "";
    for (const id of choices.split(" ").filter(Boolean)) votes.set(id, (votes.get(id) ?? 0) + 1);
  }
  return { hash: await sha256Hex(text), lines: Math.max(0, rows.length - 1), votes };
}

/**
 * "직접 세어 보기" on the results page, once a round has closed: the published ballot list's hash
 * (kept from the moment the count became final, so a later change would show), its size, the list
 * to download (JSON, CSV), the command that recounts it, and a recount in this browser: the CSV's
 * own SHA-256 beside the published one and, per agenda, the votes added up from the list beside
 * the published totals.
 */
export function TallyCheck(props: { roundId: string; list: { hash: string; count: number; final: boolean }; tallies: RoundTally[]; ballots: number }) {
  const [result, setResult] = createSignal<Recounted>();
  const [busy, setBusy] = createSignal(false);
  const [error, setError] = createSignal<string>();
  const base = () => `/api/rounds/${encodeURIComponent(props.roundId)}`;

  async function recount() {
    setBusy(true);
    setError(undefined);
    try {
      setResult(await recountCsv(await votingApi.ballotListCsv(props.roundId)));
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t("tally.failed"));
    } finally {
      setBusy(false);
    }
  }

  const rows = () => {
    const r = result();
    return props.tallies.map((x) => ({ ...x, counted: r?.votes.get(x.proposalId) ?? 0 }));
  };
  const allMatch = () => {
    const r = result();
    return r !== undefined && r.hash === props.list.hash && r.lines === props.ballots && rows().every((x) => x.counted === x.votes);
  };

  return (
    <section class="section tally-check" aria-labelledby="tally-check-h" data-testid="tally-check">
      <h2 id="tally-check-h" class="section-title">
        {t("tally.title")}
      </h2>
      <p>{t("tally.lead")}</p>
      <Show when={!props.list.final}>
        <Alert tone="warning">
          <p data-testid="tally-provisional">{t("tally.provisional")}</p>
        </Alert>
      </Show>
      <dl class="facts">
        <div>
          <dt>{t("tally.hash")}</dt>
          <dd>
            <code class="hash" data-testid="tally-hash">
              {props.list.hash}
            </code>
          </dd>
        </div>
        <div>
          <dt>{t("tally.count")}</dt>
          <dd data-testid="tally-count">{t("tally.ballots", { n: formatNumber(props.list.count) })}</dd>
        </div>
      </dl>
      <p class="tally-downloads">
        <a class="btn btn-secondary btn-small" href={`${base()}/ballots.csv`} download="">
          {t("tally.csv")}
        </a>{" "}
        <a class="btn btn-tertiary btn-small" href={`${base()}/ballots.json`}>
          {t("tally.json")}
        </a>
      </p>
      <p class="hint">
        {t("tally.command")} <code>npm run verify-tally -- {location.origin}{base()}/ballots.json</code>
      </p>
      <p>
        <button type="button" class="btn btn-primary btn-small" onClick={recount} disabled={busy()} aria-busy={busy()}>
          {busy() ? t("tally.running") : t("tally.run")}
        </button>
      </p>
      <p role="status" aria-live="polite">
        <Show when={error()}>{(e) => <span class="field-error">{e()}</span>}</Show>
      </p>
      <Show when={result()}>
        {(r) => (
          <>
            <Alert tone={allMatch() ? "success" : "danger"} title={allMatch() ? t("tally.match") : t("tally.mismatch")}>
              <p data-testid="tally-verdict" data-match={String(allMatch())}>
                {r().hash === props.list.hash ? t("tally.hashSame") : t("tally.hashDiffers", { hash: r().hash })}{" "}
                {t("tally.lines", { lines: formatNumber(r().lines), ballots: formatNumber(props.ballots) })}
              </p>
            </Alert>
            <ScrollRegion label={t("tally.tableCaption")}>
              <table class="table" data-testid="tally-table">
                <caption class="visually-hidden">{t("tally.tableCaption")}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t("results.col.agenda")}</th>
                    <th scope="col" class="num">
                      {t("tally.col.counted")}
                    </th>
                    <th scope="col" class="num">
                      {t("tally.col.published")}
                    </th>
                    <th scope="col">{t("tally.col.same")}</th>
                  </tr>
                </thead>
                <tbody>
                  <For each={rows()}>
                    {(x) => (
                      <tr data-proposal={x.proposalId}>
                        <th scope="row">{x.title}</th>
                        <td class="num">{formatNumber(x.counted)}</td>
                        <td class="num">{formatNumber(x.votes)}</td>
                        <td>
                          <Show when={x.counted === x.votes} fallback={<strong>{t("tally.differs")}</strong>}>
                            <Icon name="check" size={18} /> {t("tally.same")}
                          </Show>
                        </td>
                      </tr>
                    )}
                  </For>
                </tbody>
                <tfoot>
                  <tr>
                    <th scope="row">{t("tally.sum")}</th>
                    <td class="num">{formatNumber(rows().reduce((s, x) => s + x.counted, 0))}</td>
                    <td class="num">{formatNumber(rows().reduce((s, x) => s + x.votes, 0))}</td>
                    <td />
                  </tr>
                </tfoot>
              </table>
            </ScrollRegion>
          </>
        )}
      </Show>
    </section>
  );
}
