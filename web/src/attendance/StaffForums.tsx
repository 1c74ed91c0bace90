import { A, createAsync, revalidate, useNavigate } from "@solidjs/router";
import { createSignal, ErrorBoundary, For, lazy, Show, Suspense } from "solid-js";
import { createFormErrors, FormError, Field, LoadError, ScrollRegion, TextArea, usePageTitle } from "../app/ui.js";
import { formatNumber, formatPeriod } from "../app/format.js";
import { t } from "./strings.js";
import { InboxCard } from "../proposals/ProposalLinks.js";
import { attendanceApi } from "./api.js";
import { getForums } from "./queries.js";

/** Projects that need a look (overdue or unsigned cards, running late): the projects feature's, its own chunk. */
const AttentionPanel = lazy(() => import("../projects/ProjectLinks.js").then((m) => ({ default: m.AttentionPanel })));

/** `/staff`: every forum with its figures, and the form that creates one. */
export default function StaffForums() {
  const forums = createAsync(() => getForums());
  usePageTitle(() => t("staff.title"));
  return (
    <div class="inner page">
      <div class="page-head">
        <h1 class="page-title">{t("staff.title")}</h1>
        <p class="page-lead">{t("staff.lead")}</p>
      </div>
      <ErrorBoundary fallback={null}>
        <Suspense>
          <AttentionPanel />
        </Suspense>
      </ErrorBoundary>
      <div class="two-col">
        <section aria-labelledby="forums-h" class="section">
          <h2 id="forums-h" class="section-title">{t("staff.list")}</h2>
          <ErrorBoundary fallback={(err, reset) => <LoadError error={err} retry={reset} />}>
            <Show when={forums()}>
              {(list) => (
                <Show when={list().length > 0} fallback={<p class="empty">{t("staff.empty")}</p>}>
                  <ScrollRegion label={t("staff.list")}>
                    <table class="table">
                      <thead>
                        <tr>
                          <th scope="col">{t("staff.col.title")}</th>
                          <th scope="col" class="num">{t("staff.col.sessions")}</th>
                          <th scope="col" class="num">{t("staff.col.attendances")}</th>
                          <th scope="col" class="num">{t("staff.col.participants")}</th>
                          <th scope="col">{t("staff.col.actions")}</th>
                        </tr>
                      </thead>
                      <tbody>
                        <For each={list()}>
                          {(f) => (
                            <tr>
                              <th scope="row">
                                <A href={`/staff/forums/${f.id}`} class="strong-link">
                                  {f.title}
                                </A>
                                <span class="cell-sub">{formatPeriod(f.startsOn, f.endsOn)}</span>
                              </th>
                              <td class="num">{formatNumber(f.sessions)}</td>
                              <td class="num">{formatNumber(f.attendances)}</td>
                              <td class="num">{formatNumber(f.participants)}</td>
                              <td>
                                <A href={`/forums/${f.id}`}>{t("staff.public")}</A>
                              </td>
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
          <InboxCard />
        </section>
        <CreateForum />
      </div>
    </div>
  );
}

function CreateForum() {
  const navigate = useNavigate();
  const [title, setTitle] = createSignal("");
  const [startsOn, setStartsOn] = createSignal("");
  const [endsOn, setEndsOn] = createSignal("");
  const [description, setDescription] = createSignal("");
  const errors = createFormErrors({ title: "forum-title", startsOn: "forum-starts", endsOn: "forum-ends", description: "forum-desc" });

  const submit = errors.submit(async () => {
    const forum = await attendanceApi.createForum({
      title: title(),
      startsOn: startsOn(),
      endsOn: endsOn(),
      ...(description().trim() ? { description: description() } : {}),
    });
    await revalidate(getForums.key);
    navigate(`/staff/forums/${forum.id}`, { state: { created: forum.title } });
  });

  return (
    <section aria-labelledby="create-forum-h" class="section">
      <h2 id="create-forum-h" class="section-title">{t("staff.create")}</h2>
      <form class="card form" onSubmit={submit} novalidate>
        <FormError errors={errors} />
        <Field
          id="forum-title"
          label={t("forumForm.title")}
          hint={t("forumForm.titleHint")}
          required
          maxLength={200}
          value={title()}
          onInput={(e) => setTitle(e.currentTarget.value)}
          error={errors.field("title")}
        />
        <div class="field-row">
          <Field
            id="forum-starts"
            type="date"
            label={t("forumForm.startsOn")}
            required
            value={startsOn()}
            onInput={(e) => setStartsOn(e.currentTarget.value)}
            error={errors.field("startsOn")}
          />
          <Field
            id="forum-ends"
            type="date"
            label={t("forumForm.endsOn")}
            required
            min={startsOn() || undefined}
            value={endsOn()}
            onInput={(e) => setEndsOn(e.currentTarget.value)}
            error={errors.field("endsOn")}
          />
        </div>
        <TextArea
          id="forum-desc"
          label={t("forumForm.description")}
          hint={t("forumForm.descriptionHint")}
          optional
          rows={4}
          maxLength={5000}
          value={description()}
          onInput={(e) => setDescription(e.currentTarget.value)}
          error={errors.field("description")}
        />
        <button type="submit" class="btn btn-primary btn-large" disabled={errors.pending()}>
          {t("forumForm.submit")}
        </button>
      </form>
    </section>
  );
}
