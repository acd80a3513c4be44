import http from 'node:http';
import type { AddressInfo } from 'node:net';

/** What the stand-in holds, as Atera's API v3 answers it (field names as docs/IMPORTS-ATERA.md lists them). */
export interface AteraData {
  customers: Record<string, unknown>[];
  contacts: Record<string, unknown>[];
  tickets: Record<string, unknown>[];
  /** By TicketID. */
  comments: Record<string, Record<string, unknown>[]>;
  articles: Record<string, unknown>[];
}

export interface AteraFailure {
  /** The list path after `/api/v3/` (`tickets`, `tickets/7/comments`, …) and the page to fail. */
  path: string;
  page: number;
  status: number;
  /** Seconds, sent as `Retry-After` (with 429). */
  retryAfter?: number;
  /** How many requests fail before the page answers again (default: every one). */
  times?: number;
}

export interface AteraStandIn {
  /** The base URL to give the importer: `http://127.0.0.1:<port>/api/v3/`. */
  baseUrl: string;
  data: AteraData;
  /** Every request as `path?page=N&itemsInPage=M` with the status answered. */
  requests: { path: string; page: number; itemsInPage: number; status: number }[];
  failOn(f: AteraFailure): void;
  heal(): void;
  close(): Promise<void>;
}

const LISTS = {
  customers: 'customers',
  contacts: 'contacts',
  tickets: 'tickets',
  knowledgebases: 'articles',
} as const;

/**
 * A local stand-in for Atera's REST API v3 (Atera itself is out of reach here), over real HTTP on
 * loopback: `GET /api/v3/{customers|contacts|tickets|tickets/{id}/comments|knowledgebases}` with
 * `?page=` (1-based) and `?itemsInPage=` (at most 50), the `X-API-KEY` header (401 without the
 * right one), and the paging envelope `{ items, totalItemCount, page, itemsInPage, totalPages,
 * prevLink, nextLink }`. `failOn` makes a page answer an error (500, or 429 with Retry-After)
 * to test that an import stops or waits and then resumes.
 */
export async function startAteraStandIn(apiKey: string, data: AteraData): Promise<AteraStandIn> {
  const requests: AteraStandIn['requests'] = [];
  let failures: (AteraFailure & { left: number })[] = [];
  const answer = (res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) => {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  };
  const server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://stand-in');
    const path = url.pathname.replace(/^\/api\/v3\//, '');
    const page = Math.max(1, Number(url.searchParams.get('page') ?? '1') || 1);
    const itemsInPage = Math.min(50, Math.max(1, Number(url.searchParams.get('itemsInPage') ?? '20') || 20));
    const log = (status: number) => requests.push({ path, page, itemsInPage, status });
    if (req.method !== 'GET' || !url.pathname.startsWith('/api/v3/')) {
      log(404);
      return answer(res, 404, { Message: 'No HTTP resource was found that matches the request URI.' });
    }
    if (req.headers['x-api-key'] !== apiKey) {
      log(401);
      return answer(res, 401, { Message: 'Authorization has been denied for this request.' });
    }
    const failure = failures.find((f) => f.path === path && f.page === page && f.left > 0);
    if (failure) {
      failure.left--;
      log(failure.status);
      return answer(res, failure.status, { Message: 'An error has occurred.' }, failure.retryAfter === undefined ? {} : { 'retry-after': String(failure.retryAfter) });
    }
    const comments = /^tickets\/([^/]+)\/comments$/.exec(path);
    const all = comments ? (data.comments[decodeURIComponent(comments[1] as string)] ?? null) : path in LISTS ? data[LISTS[path as keyof typeof LISTS]] : null;
    if (!all) {
      log(404);
      return answer(res, 404, { Message: 'No HTTP resource was found that matches the request URI.' });
    }
    const totalPages = Math.ceil(all.length / itemsInPage);
    const link = (p: number) => `${url.origin}${url.pathname}?page=${p}&itemsInPage=${itemsInPage}`;
    log(200);
    answer(res, 200, {
      items: all.slice((page - 1) * itemsInPage, page * itemsInPage),
      totalItemCount: all.length,
      page,
      itemsInPage,
      totalPages,
      prevLink: page > 1 ? link(page - 1) : '',
      nextLink: page < totalPages ? link(page + 1) : '',
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/api/v3/`,
    data,
    requests,
    failOn(f) {
      failures.push({ ...f, left: f.times ?? Number.POSITIVE_INFINITY });
    },
    heal() {
      failures = [];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * An Atera account: `customers` customers with `contactsEach` contacts, `ticketsEach` tickets per
 * contact (three comments each: the first repeats the ticket's first comment, then a technician's
 * public and internal notes), and `articles` KB articles (every fifth internal).
 */
export function ateraCompany({ customers, contactsEach, ticketsEach, articles }: { customers: number; contactsEach: number; ticketsEach: number; articles: number }): AteraData {
  const data: AteraData = { customers: [], contacts: [], tickets: [], comments: {}, articles: [] };
  const statuses = ['Open', 'Pending', 'Resolved', 'Closed', 'Waiting for parts'];
  const priorities = ['Low', 'Medium', 'High', 'Critical'];
  let endUser = 500;
  let ticket = 9000;
  for (let c = 1; c <= customers; c++) {
    data.customers.push({ CustomerID: c, CustomerName: `Customer ${c}`, Domain: `customer${c}.example.com`, City: 'Lyon', CreatedOn: '2023-02-01T09:00:00' });
    for (let k = 0; k < contactsEach; k++) {
      const id = ++endUser;
      const email = `user${id}@customer${c}.example.com`;
      data.contacts.push({ EndUserID: id, CustomerID: c, CustomerName: `Customer ${c}`, Firstname: `First${id}`, Lastname: `Last${id}`, Email: email, Phone: '+33 1 23 45 67 89', IsContactPerson: k === 0, InIgnoreMode: false });
      for (let t = 0; t < ticketsEach; t++) {
        const tid = ++ticket;
        data.tickets.push({
          TicketID: tid,
          TicketTitle: `Printer ${tid} jammed`,
          TicketStatus: statuses[tid % statuses.length],
          TicketPriority: priorities[tid % priorities.length],
          TicketType: 'Problem',
          TicketCreatedDate: '2024-03-04T10:15:00',
          CustomerID: c,
          CustomerName: `Customer ${c}`,
          EndUserID: id,
          EndUserEmail: email,
          EndUserFirstName: `First${id}`,
          EndUserLastName: `Last${id}`,
          FirstComment: `<p>The printer ${tid} shows <b>E-04</b>.</p>`,
        });
        data.comments[String(tid)] = [
          { CommentText: `<p>The printer ${tid} shows <b>E-04</b>.</p>`, CommentTimestampUTC: '2024-03-04T10:15:00', EndUserID: id, Email: email, FirstName: `First${id}`, LastName: `Last${id}`, IsInternal: false },
          { CommentText: `Replaced the drum of ${tid}.`, CommentTimestampUTC: '2024-03-04T12:00:00', EnduserID: null, Email: 'tech@msp.example.com', FirstName: 'Tess', LastName: 'Tech', IsInternal: false },
          { CommentText: `Billing note for ${tid}.`, CommentTimestampUTC: '2024-03-04T12:05:00', Email: 'tech@msp.example.com', FirstName: 'Tess', LastName: 'Tech', IsInternal: true },
        ];
      }
    }
  }
  for (let a = 1; a <= articles; a++) {
    data.articles.push({ KBID: a, KBProduct: `How to reset printer ${a}`, KBContext: `<p>Hold the reset button of printer ${a}.</p>`, KBKeywords: 'printer, reset', KBInternal: a % 5 === 0 });
  }
  return data;
}
