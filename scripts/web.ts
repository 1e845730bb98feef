// One web server process of `npm start` on PostgreSQL: scripts/start.ts forks one per core less one with node:cluster, and the
// processes share the port (the primary hands each connection to one of them). Next.js's server, as `next start`
// runs it; this process runs no jobs (instrumentation.ts leaves them to the job worker on PostgreSQL). The DUIS web
// services (POST /api/v1/serviceS|T|D) are answered here directly, by the same handlers as their Next.js routes.
import http from "node:http";
import path from "node:path";
import next from "next";
import { duisEndpointOf, serveDuis } from "@/lib/duis/node-http";

const port = Number(process.env.PORT ?? 3000);
const app = next({ dir: path.resolve(__dirname, ".."), dev: false, port });
const handle = app.getRequestHandler();

app
  .prepare()
  .then(() =>
    http
      .createServer((req, res) => {
        const endpoint = duisEndpointOf(req);
        void (endpoint ? serveDuis(endpoint, req, res) : handle(req, res));
      })
      .listen(port),
  )
  .catch((error) => {
    console.error(`web server ${process.pid} failed: ${error instanceof Error ? error.message : error}`);
    process.exit(1);
  });
