// A partner's developer's client, generated from the committed contract (openapi-typescript + openapi-fetch) and
// compiled with tsc --strict: the partner's flow and the First Contact Team's, with no non-null assertions and no
// casts. Whatever the contract promises (required fields, headers, parameters), the compiler holds this code to;
// run through Prism's validating proxy, the service is held to the contract.
import createClient, { type Middleware } from "openapi-fetch";
import type { components, paths } from "../generated/referrals.js";

type Form = components["schemas"]["ReferralForm"];
type Detail = components["schemas"]["GetReferralReferralDetail"];

function fail(message: string): never {
  throw new Error(message);
}

function setting(name: string): string {
  return process.env[name] ?? fail(`${name} is not set`);
}

const violations: string[] = [];
// Prism names any way a request or answer breaks the contract in this header.
const contractCheck: Middleware = {
  onResponse({ request, response }) {
    const found = response.headers.get("sl-violations");
    if (found) violations.push(`${request.method} ${request.url}: ${found}`);
  },
};

function clientFor(token: string) {
  // JSON answers only (the copy also comes as HTML or PDF): its JSON type, and problems as application/problem+json.
  const client = createClient<paths, `application/${string}json`>({
    baseUrl: setting("REFERRALS_URL"),
    headers: { Authorization: `Bearer ${token}` },
  });
  client.use(contractCheck);
  return client;
}

const partner = clientFor(setting("REFERRER_TOKEN"));
const practitioner = clientFor(setting("PRACTITIONER_TOKEN"));
const manager = clientFor(setting("MANAGER_TOKEN"));

function etagOf(response: Response): string {
  return response.headers.get("ETag") ?? fail(`${response.url}: no ETag`);
}

function ok<T>(what: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined) fail(`${what}: ${result.response.status} ${JSON.stringify(result.error)}`);
  return result.data;
}

const form: Form = {
  channel: "electronic-form",
  referrer: { role: "Designated safeguarding lead", phone: "01332 000 000", safeguardingLeadConsulted: "yes" },
  children: [
    {
      firstName: "Amy", lastName: "Example", dateOfBirth: "2015-03-14", gender: "female", ethnicity: "White British",
      address: "1 Sample Street, Derby", postcode: "DE1 2FS", schoolOrSetting: "Derby Moor Academy", safeNow: "yes",
    },
  ],
  consent: { parentsAware: "yes", parentsConsented: "yes" },
  concern: {
    categories: ["neglect"],
    whatHappened: "Amy arrived hungry on four mornings this week and said there was no food at home.",
    whenAndWhere: "Monday 23 to Thursday 26 November 2026, at school, before registration.",
    howKnown: "Seen by her class teacher; Amy told the teaching assistant herself.",
    childsVoice: "Amy said: \"There's nothing in the cupboards and Mum is asleep.\"",
    actionsAlreadyTaken: "Breakfast club place given; mother not yet reached by phone.",
  },
  referrerView: { levelOfNeed: 3, risk: "medium", riskReason: "Hunger on four days in one week with no explanation." },
};

// The partner: check, submit (safe to retry), read it back, its copy and the list.
const check = ok("quality check", await partner.POST("/v1/referrals/quality-check", { body: form }));
console.log(`quality check: ${check.score} (rubric ${check.rubricVersion}), ${check.findings.length} findings`);

const key = crypto.randomUUID();
const submitted = await partner.POST("/v1/referrals", { body: form, params: { header: { "Idempotency-Key": key } } });
const acknowledgement = ok("submit", submitted);
const location = submitted.response.headers.get("Location") ?? fail("submit: no Location");
console.log(`submitted ${acknowledgement.reference}, decision due ${acknowledgement.decisionDueAt}, at ${location}`);
const replay = await partner.POST("/v1/referrals", { body: form, params: { header: { "Idempotency-Key": key } } });
if (ok("resubmit", replay).id !== acknowledgement.id || replay.response.headers.get("Idempotent-Replayed") !== "true")
  fail("a retry with the same Idempotency-Key made a second referral");

const id = acknowledgement.id;
const path = { id };
const read = await partner.GET("/v1/referrals/{id}", { params: { path } });
console.log(`read: ${ok("read", read).status}, ETag ${etagOf(read.response)}`);
const copy = ok("copy", await partner.GET("/v1/referrals/{id}/submission", { params: { path } }));
console.log(`copy: ${copy.form.children?.length ?? 0} child(ren) as sent by ${copy.submittedBy}`);
const mine = ok("list", await partner.GET("/v1/referrals", { params: { query: { status: "submitted", limit: 10 } } }));
if (!mine.items.some((item) => item.id === id)) fail("the new referral is not in the partner's list");

// The First Contact Team: queue, take, ask, answer (the partner), rate, check, decide, sign off, allocate, close.
const queue = ok("queue", await practitioner.GET("/v1/triage/queue", { params: { query: { state: "submitted", limit: 50 } } }));
if (!queue.items.some((item) => item.id === id)) fail("the referral is not in the triage queue");

let detail: Detail = ok("read as the team", await practitioner.GET("/v1/referrals/{id}", { params: { path } }));
let etag = `"${detail.version}"`;

async function change(what: string, send: (ifMatch: string) => Promise<{ data?: Detail; error?: unknown; response: Response }>) {
  const result = await send(etag);
  detail = ok(what, result);
  etag = etagOf(result.response);
  console.log(`${what}: ${detail.status}`);
}

await change("take", (ifMatch) => practitioner.POST("/v1/referrals/{id}/assignment",
  { params: { path, header: { "If-Match": ifMatch } }, body: {} }));
await change("ask", (ifMatch) => practitioner.POST("/v1/referrals/{id}/information-requests",
  { params: { path, header: { "If-Match": ifMatch } }, body: { questions: "Has Amy's mother been told of this referral?" } }));
const question = detail.informationRequests[0] ?? fail("no information request");
await change("answer", (ifMatch) => partner.POST("/v1/referrals/{id}/information-requests/{requestId}/answer",
  { params: { path: { id, requestId: question.id }, header: { "If-Match": ifMatch } }, body: { answer: "Yes: she knows and agrees." } }));
await change("rate", (ifMatch) => practitioner.PUT("/v1/referrals/{id}/rag",
  { params: { path, header: { "If-Match": ifMatch } }, body: { rating: "amber", reason: "Hunger on four days in one week." } }));
await change("check", (ifMatch) => practitioner.POST("/v1/referrals/{id}/checks", {
  params: { path, header: { "If-Match": ifMatch } },
  body: { agency: "Derbyshire Constabulary", shared: "No police record at the address.", sharedAt: detail.receivedAt },
}));
const child = detail.contacts[0] ?? fail("no contact for the child");
const childPath = { id, childId: child.id };
await change("decide", (ifMatch) => practitioner.POST("/v1/referrals/{id}/children/{childId}/decision", {
  params: { path: childPath, header: { "If-Match": ifMatch } },
  body: {
    outcome: "social-care-assessment", thresholdLevel: 3, qualityRating: "good", qualityReasons: [], primaryNeed: "N1",
    team: "Derby City Assessment Team 2",
    rationale: "Hunger on four school days in one week with no food at home: the threshold for an assessment is met.",
    feedbackToReferrer: "We will carry out a children's social care assessment; a social worker will contact the school.",
  },
}));
if (detail.status === "awaiting-sign-off")
  await change("sign off", (ifMatch) => manager.POST("/v1/referrals/{id}/children/{childId}/decision/sign-off",
    { params: { path: childPath, header: { "If-Match": ifMatch } }, body: { result: "agreed", comment: "Agreed." } }));

// The partner reads the outcome; the team allocates the case and closes the front door's work.
const outcome = ok("outcome", await partner.GET("/v1/referrals/{id}/outcome", { params: { path } }));
console.log(`outcome for ${outcome.reference}: ${outcome.children.map((c) => c.outcome).join(", ")}`);
await change("allocate", (ifMatch) => practitioner.PUT("/v1/referrals/{id}/children/{childId}/allocation",
  { params: { path: childPath, header: { "If-Match": ifMatch } }, body: { team: "Derby City Assessment Team 2", worker: "Sam Worker" } }));
await change("close", (ifMatch) => practitioner.POST("/v1/referrals/{id}/close",
  { params: { path, header: { "If-Match": ifMatch } }, body: { note: "Outcome shared with the school." } }));

// A stale change is refused with a problem of the documented shape.
const stale = await practitioner.POST("/v1/referrals/{id}/close",
  { params: { path, header: { "If-Match": '"1"' } }, body: { note: "Again." } });
const problem = stale.error ?? fail("a stale change was accepted");
console.log(`stale change: ${problem.status} ${problem.type} (${problem.title})`);

const events = ok("feed", await partner.GET("/v1/feedback/events", { params: { query: { limit: 50 } } }));
console.log(`feed: ${events.events.length} events`);

if (violations.length > 0) fail(`The contract was broken:\n${violations.join("\n")}`);
console.log("both flows kept to the contract");
