import type { InferRequestType, InferResponseType } from "hono/client";
import type { Proposal } from "../../../core/proposals/proposal.js";
import { abortable, client, data, id, type Data } from "../app/api.js";

/** The proposals' calls: intake, proposing, receipts, lists, moderation, agendas captured at tables, imports. */

const forumProposals = client.forums[":forumId"].proposals;
const proposal = client.proposals[":proposalId"];
const startImportRoute = forumProposals.import.$post;

export type ProposalStatus = Proposal.Status;
export type ProposalSource = Proposal.Source;
export type ProposalStage = Proposal.Stage;
export type ProposalQuery = Proposal.ListQuery;
/** Where proposals go: a forum, or the standing inbox (forumId "inbox"). */
export type IntakeTarget = Data<typeof client.intake.$get>;
export type ProposalInfo = Data<typeof proposal.$patch>;
export type ProposalPage = Data<typeof forumProposals.$get>;
/** A list item: what everyone sees, plus the rest of the proposal for staff. */
export type ProposalItem = ProposalPage["items"][number];
export type ProposalInput = InferRequestType<typeof forumProposals.$post>["json"];
export type ProposalCreated = Data<typeof forumProposals.$post>;
export type ProposalUpdate = InferRequestType<typeof proposal.$patch>["json"];
export type AgendaInput = InferRequestType<(typeof client.sessions)[":sessionId"]["proposals"]["$post"]>["json"];
export type ReceiptView = Data<(typeof client.proposals)[":receipt"]["$get"]>;
export type ProposalEvent = ProposalInfo["history"][number];
export type ImportPreview = InferResponseType<typeof startImportRoute, 200>;
export type ImportRow = ImportPreview["rows"][number];
export type ImportJob = InferResponseType<typeof startImportRoute, 202>;

export const proposalsApi = {
  /** Where an online proposal goes now: the newest forum open for intake, or the standing inbox. */
  intake: () => data(client.intake.$get()),
  /** One submission attempt (anonymous); the caller owns the Idempotency-Key so that retries reuse it. */
  propose: (forumId: string, input: ProposalInput, idempotencyKey: string, signal?: AbortSignal) =>
    data(forumProposals.$post({ param: { forumId: id(forumId) }, header: { "idempotency-key": idempotencyKey }, json: input }, abortable(signal))),
  receipt: (code: string) => data(client.proposals[":receipt"].$get({ param: { receipt: id(code) } })),
  proposals: (forumId: string, q: ProposalQuery = {}, signal?: AbortSignal) =>
    data(forumProposals.$get({ param: { forumId: id(forumId) }, query: q }, abortable(signal))),
  proposal: (forumId: string, proposalId: string) =>
    data(forumProposals[":proposalId"].$get({ param: { forumId: id(forumId), proposalId: id(proposalId) } })),
  /** An agenda captured at a session's table; Idempotency-Key as for check-ins. */
  captureAgenda: (sessionId: string, input: AgendaInput, idempotencyKey: string, signal?: AbortSignal) =>
    data(
      client.sessions[":sessionId"].proposals.$post(
        { param: { sessionId: id(sessionId) }, header: { "idempotency-key": idempotencyKey }, json: input },
        abortable(signal),
      ),
    ),
  updateProposal: (proposalId: string, input: ProposalUpdate) => data(proposal.$patch({ param: { proposalId: id(proposalId) }, json: input })),
  mergeProposal: (proposalId: string, into: string) => data(proposal.merge.$post({ param: { proposalId: id(proposalId) }, json: { into } })),

  /** Checks every row of a CSV/XLSX file against the forum; writes nothing. */
  previewImport: async (forumId: string, file: File): Promise<ImportPreview> => {
    const answer = await data(startImportRoute({ param: { forumId: id(forumId) }, form: { file, dryRun: "true" } }));
    if ("rows" in answer) return answer;
    throw new Error("expected a dry run's report");
  },
  /** Starts the import (all rows, or exactly the confirmed spreadsheet rows); 202 with the job's first progress. */
  startImport: async (forumId: string, file: File, rows?: number[]): Promise<ImportJob> => {
    const answer = await data(startImportRoute({ param: { forumId: id(forumId) }, form: { file, ...(rows ? { rows: rows.join(",") } : {}) } }));
    if ("status" in answer) return answer;
    throw new Error("expected an import job");
  },
  /** Imports the next rows; safe to repeat. */
  continueImport: (importId: string, signal?: AbortSignal) =>
    data(client.imports[":importId"].continue.$post({ param: { importId: id(importId) } }, abortable(signal))),
};
