import type { InferRequestType } from "hono/client";
import { client, data, id, type Data } from "../app/api.js";

/** Accounts' calls: signing in and out, who is signed in, the accounts staff manage. */

const user = client.users[":userId"];

export type Me = Data<typeof client.auth.me.$get>;
export type Role = Me["role"];
export type UserInfo = Data<typeof client.users.$post>;
export type UserInput = InferRequestType<typeof client.users.$post>["json"];
export type UserUpdate = InferRequestType<typeof user.$patch>["json"];

export const accountsApi = {
  login: (email: string, password: string) => data(client.auth.login.$post({ json: { email, password } })),
  logout: () => data(client.auth.logout.$post()),
  me: () => data(client.auth.me.$get()),
  users: async () => (await data(client.users.$get())).users,
  createUser: (input: UserInput) => data(client.users.$post({ json: input })),
  updateUser: (userId: string, input: UserUpdate) => data(user.$patch({ param: { userId: id(userId) }, json: input })),
};
