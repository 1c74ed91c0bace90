import { A, createAsync, revalidate, useNavigate } from "@solidjs/router";
import { ErrorBoundary, For, Show } from "solid-js";
import { formatNumber } from "../app/format.js";
import { LoadError, PageTitle, ScrollRegion } from "../app/ui.js";
import { governanceApi } from "./api.js";
import { BodyForm } from "./BodyForm.js";
import { bodyKindName } from "./governance.js";
import { PledgeCard } from "./PledgeCard.js";
import { getBodies, getPledges } from "./queries.js";
import { t } from "./strings.js";

/**
 * `/staff/governance`: the governance record's desk — the pledge (its indicators and targets, the
 * report as XLSX or for print), the bodies with their composition today (a term ending within 60
 * days counted), a new body, and the yearly series entered by hand.
 */
export default function StaffGovernance() {
  return (
    <div class="inner page gov-page">
      <PageTitle title={t("sg.title")} />
      <div class="page-head">
        <h1 class="page-title">{t("sg.title")}</h1>
        <p class="page-lead">{t("sg.lead")}</p>
        <p class="head-actions">
          <A href="/governance" class="btn btn-secondary btn-small">
            {t("sg.publicDashboard")}
          </A>
          <A href="/governance/bodies" class="btn btn-secondary btn-small">
            {t("sg.publicBodies")}
          </A>
          <A href="/staff/governance/history" class="btn btn-secondary btn-small">
            {t("sg.history")}
          </A>
        </p>
      </div>
      <Pledges />
      <BodyList />
      <CreateBody />
    </div>
  );
}

function Pledges() {
  const pledges = createAsync(() => getPledges());
  return (
    <section class="section" aria-labelledby="pledges-h">
      <h2 id="pledges-h" class="section-title">
        {t("sg.pledges")}
      </h2>
      <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
        <Show when={pledges()}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="empty">{t("sg.noPledge")}</p>}>
              <ul class="card-grid">
                <For each={list()}>{(p) => <PledgeCard pledge={p} />}</For>
              </ul>
            </Show>
          )}
        </Show>
      </ErrorBoundary>
    </section>
  );
}

function BodyList() {
  const bodies = createAsync(() => getBodies(undefined));
  return (
    <section class="section" aria-labelledby="sg-bodies-h">
      <h2 id="sg-bodies-h" class="section-title">
        {t("sg.bodies")}
      </h2>
      <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
        <Show when={bodies()}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="empty">{t("bodies.empty")}</p>}>
              <ScrollRegion label={t("sg.bodies")}>
                <table class="table gov-table" data-testid="sg-bodies">
                  <thead>
                    <tr>
                      <th scope="col">{t("bodyForm.name")}</th>
                      <th scope="col">{t("bodyForm.kind")}</th>
                      <th scope="col" class="num">
                        {t("sg.membersNow")}
                      </th>
                      <th scope="col" class="num">
                        {t("bodies.endingSoon")}
                      </th>
                    </tr>
                  </thead>
                  <tbody>
                    <For each={list()}>
                      {(b) => (
                        <tr data-body={b.id}>
                          <th scope="row">
                            <A href={`/staff/governance/bodies/${b.id}`} class="strong-link">
                              {b.name}
                            </A>
                          </th>
                          <td>{bodyKindName(b.kind)}</td>
                          <td class="num">{t("bodies.ofLimit", { n: formatNumber(b.composition.members), max: formatNumber(b.composition.sizeLimit) })}</td>
                          <td class="num">{t("common.people", { n: formatNumber(b.composition.endingSoon) })}</td>
                        </tr>
                      )}
                    </For>
                  </tbody>
                </table>
              </ScrollRegion>
            </Show>
          )}
        </Show>
      </ErrorBoundary>
    </section>
  );
}

function CreateBody() {
  const navigate = useNavigate();
  return (
    <section class="section" aria-labelledby="sg-create-h">
      <h2 id="sg-create-h" class="section-title">
        {t("sg.createBody")}
      </h2>
      <BodyForm
        idPrefix="new-body"
        submitLabel={t("sg.createSubmit")}
        onSubmit={async (input) => {
          const created = await governanceApi.createBody(input);
          await revalidate(getBodies.key);
          navigate(`/staff/governance/bodies/${created.id}`, { state: { created: created.name } });
        }}
      />
    </section>
  );
}
