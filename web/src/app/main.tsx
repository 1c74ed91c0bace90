import { Route, Router } from "@solidjs/router";
import { render } from "solid-js/web";
import Layout from "./Layout.js";
import Guard from "./Guard.js";
import "./styles/fonts.css";
import "krds-uiux/resources/css/token/krds_tokens.css";
import "./styles/app.css";
import Console from "../attendance/Console.js";
import ConsoleList from "../attendance/ConsoleList.js";
import ForumProposals from "../proposals/ForumProposals.js";
import ForumPublic from "../attendance/ForumPublic.js";
import Home from "../attendance/Home.js";
import Login from "../accounts/Login.js";
import NotFound from "./NotFound.js";
import Propose from "../proposals/Propose.js";
import Receipt, { ReceiptSearch } from "../proposals/Receipt.js";
import StaffForum from "../attendance/StaffForum.js";
import StaffForums from "../attendance/StaffForums.js";
import StaffImport from "../proposals/StaffImport.js";
import StaffProposals from "../proposals/StaffProposals.js";
import StaffUsers from "../accounts/StaffUsers.js";
import { getForum, getForums, getForumStats, getSession, getSessions } from "../attendance/queries.js";
import { getIntake, getPlace, getReceipt } from "../proposals/queries.js";
import { getMe } from "../accounts/queries.js";
import "../voting/voting.css";
import BallotCheck from "../voting/BallotCheck.js";
import RoundResults from "../voting/RoundResults.js";
import StaffRound from "../voting/StaffRound.js";
import StaffRounds from "../voting/StaffRounds.js";
import TableBallot from "../voting/TableBallot.js";
import Vote from "../voting/Vote.js";
import { getResults, getRound } from "../voting/queries.js";

const staff = ["admin", "staff"] as const;
const console_ = ["admin", "staff", "facilitator"] as const;

render(
  () => (
    <Router root={Layout}>
      <Route path="/" component={Home} preload={() => getForums()} />
      <Route
        path="/forums/:forumId"
        component={ForumPublic}
        preload={({ params }) => {
          void getForum(params.forumId!);
          void getForumStats(params.forumId!);
          void getSessions(params.forumId!);
        }}
      />
      <Route path="/forums/:forumId/proposals" component={ForumProposals} preload={({ params }) => void getPlace(params.forumId!)} />
      <Route path="/propose" component={Propose} preload={() => void getIntake()} />
      <Route path="/p" component={ReceiptSearch} />
      <Route path="/p/:code" component={Receipt} preload={({ params }) => void getReceipt(params.code!)} />
      <Route path="/login" component={Login} preload={() => getMe()} />
      <Route path="/staff" component={() => <Guard roles={[...staff]}><StaffForums /></Guard>} preload={() => getMe()} />
      <Route path="/staff/forums/:forumId" component={() => <Guard roles={[...staff]}><StaffForum /></Guard>} />
      <Route path="/staff/forums/:forumId/proposals" component={() => <Guard roles={[...staff]}><StaffProposals /></Guard>} />
      <Route path="/staff/forums/:forumId/import" component={() => <Guard roles={[...staff]}><StaffImport /></Guard>} />
      <Route path="/staff/users" component={() => <Guard roles={[...staff]}><StaffUsers /></Guard>} />
      <Route path="/console" component={() => <Guard roles={[...console_]}><ConsoleList /></Guard>} />
      <Route
        path="/console/:sessionId"
        component={() => <Guard roles={[...console_]}><Console /></Guard>}
        preload={({ params }) => void getSession(params.sessionId!)}
      />
      <Route path="/rounds/:roundId" component={Vote} preload={({ params }) => void getRound(params.roundId!)} />
      <Route path="/rounds/:roundId/results" component={RoundResults} preload={({ params }) => void getResults(params.roundId!)} />
      <Route path="/rounds/:roundId/ballots/:receipt" component={BallotCheck} />
      <Route
        path="/console/:sessionId/vote/:roundId"
        component={() => <Guard roles={[...console_]}><TableBallot /></Guard>}
        preload={({ params }) => {
          void getSession(params.sessionId!);
          void getRound(params.roundId!);
        }}
      />
      <Route path="/staff/forums/:forumId/rounds" component={() => <Guard roles={[...staff]}><StaffRounds /></Guard>} />
      <Route path="/staff/rounds/:roundId" component={() => <Guard roles={[...staff]}><StaffRound /></Guard>} />
      <Route path="*404" component={NotFound} />
    </Router>
  ),
  document.getElementById("app")!,
);
