import { Route, Router } from "@solidjs/router";
import { render } from "solid-js/web";
import Layout from "./components/Layout.js";
import Guard from "./components/Guard.js";
import "./styles/fonts.css";
import "krds-uiux/resources/css/token/krds_tokens.css";
import "./styles/app.css";
import Console from "./pages/Console.js";
import ConsoleList from "./pages/ConsoleList.js";
import ForumPublic from "./pages/ForumPublic.js";
import Home from "./pages/Home.js";
import Login from "./pages/Login.js";
import NotFound from "./pages/NotFound.js";
import StaffForum from "./pages/StaffForum.js";
import StaffForums from "./pages/StaffForums.js";
import StaffUsers from "./pages/StaffUsers.js";
import { getForum, getForums, getForumStats, getSession, getSessions } from "./queries.js";
import { getMe } from "./auth.js";

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
      <Route path="/login" component={Login} preload={() => getMe()} />
      <Route path="/staff" component={() => <Guard roles={[...staff]}><StaffForums /></Guard>} preload={() => getMe()} />
      <Route path="/staff/forums/:forumId" component={() => <Guard roles={[...staff]}><StaffForum /></Guard>} />
      <Route path="/staff/users" component={() => <Guard roles={[...staff]}><StaffUsers /></Guard>} />
      <Route path="/console" component={() => <Guard roles={[...console_]}><ConsoleList /></Guard>} />
      <Route
        path="/console/:sessionId"
        component={() => <Guard roles={[...console_]}><Console /></Guard>}
        preload={({ params }) => void getSession(params.sessionId!)}
      />
      <Route path="*404" component={NotFound} />
    </Router>
  ),
  document.getElementById("app")!,
);
