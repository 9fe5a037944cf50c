// Serves the built portal as `next start` does (`node scripts/serve.mjs -p 3000 [-H 127.0.0.1]`), plus the
// one thing Next's own server does not give the app: the TCP peer's address, in a header the client
// cannot set (whatever it sends under that name is overwritten). Next fills X-Forwarded-For from the
// socket only when the client sent none, so that header alone cannot key the sign-in limits; see
// lib/auth/client-address.ts, which reads this one.
import { createServer } from "node:http";
import path from "node:path";
import { parseArgs } from "node:util";

// Must match socketAddressHeader in lib/auth/client-address.ts.
const socketAddressHeader = "x-portal-socket-address";

const { values } = parseArgs({ options: { port: { type: "string", short: "p" }, hostname: { type: "string", short: "H" } } });
const port = Number(values.port ?? process.env.PORT ?? 3000);
const hostname = values.hostname;
// As `next start`: production unless told otherwise, set before Next loads.
process.env.NODE_ENV ||= "production";
const { default: next } = await import("next");

const app = next({ dev: false, dir: path.resolve(import.meta.dirname, ".."), hostname, port });
const handle = app.getRequestHandler();
await app.prepare();

const server = createServer((request, response) => {
  request.headers[socketAddressHeader] = request.socket.remoteAddress ?? "";
  handle(request, response);
});
// Node closes an idle keep-alive connection after 5 s, racing a client that reuses it at that moment
// (ECONNRESET on a busy machine). Keep idle connections longer than the clients and proxies in front do.
server.keepAliveTimeout = 65_000;
server.headersTimeout = 66_000;
server.listen(port, hostname, () => console.log(`▶ Ready on http://${hostname ?? "localhost"}:${port}`));

for (const signal of ["SIGTERM", "SIGINT"]) {
  process.once(signal, () => {
    server.close();
    app.close().finally(() => process.exit(0));
  });
}
