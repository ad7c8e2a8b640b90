/**
 * The fast path on a real node:http server (no database: an in-memory source). Answers are written
 * at the end of each event-loop turn, together (turn-writer.ts); these tests check that batching
 * never gives a caller someone else's answer, keeps pipelined answers in order, and survives
 * callers that hang up before their answer is written.
 */
import http from "node:http";
import net from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { snapshotFlag, snapshotOf } from "../core/evaluation/snapshot-fixtures";
import { later, liveSnapshot, resolveKey, TEST_SECRET as SECRET } from "../test/memory-source";
import { serveServiceRequest } from "./node-mount";
import type { EvaluationSource } from "./service-http";

const live = liveSnapshot(
  snapshotOf([
    snapshotFlag({ key: "new-checkout", rollout: { percentage: 100, weights: [{ variation: "on", weight: 1 }, { variation: "off", weight: 1 }] } }),
    snapshotFlag({ key: "dark-mode", salt: "salt-2" }),
  ]),
);
const SLOW_SECRET = "keel_srv_slow-secret";
/** answers from memory, except for SLOW_SECRET, which waits 30 ms (as a first sync would) */
const source: EvaluationSource = {
  resolve: (secret) => (secret === SLOW_SECRET ? later(30, () => resolveKey(live, secret, [SLOW_SECRET])) : resolveKey(live, secret)),
};

let server: http.Server;
let port: number;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (!serveServiceRequest(source, req, res)) {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

function evaluate(agent: http.Agent, flagKey: string, targetingKey: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const body = JSON.stringify({ context: { targetingKey } });
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: "127.0.0.1", port, agent, method: "POST", path: `/ofrep/v1/evaluate/flags/${flagKey}`, headers: { "content-type": "application/json", authorization: `Bearer ${SECRET}` } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (chunk: Buffer) => chunks.push(chunk));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString("utf8")) as Record<string, unknown> }));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

describe("the node:http fast path", () => {
  it("gives each of 400 concurrent callers on 20 keep-alive connections its own answer", async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 20 });
    try {
      const calls = Array.from({ length: 400 }, (_, i) => ({ flagKey: i % 3 === 0 ? "dark-mode" : "new-checkout", user: `user-${i}` }));
      const answers = await Promise.all(calls.map((call) => evaluate(agent, call.flagKey, call.user)));
      answers.forEach((answer, i) => {
        const { flagKey, user } = calls[i]!;
        expect(answer.status).toBe(200);
        expect(answer.body).toEqual(JSON.parse(JSON.stringify(live.compiled.evaluate(flagKey, { targetingKey: user }))));
      });
      // the split really differs between users, so a swapped answer would show
      expect(new Set(answers.filter((_, i) => calls[i]!.flagKey === "new-checkout").map((a) => a.body.variant))).toEqual(new Set(["on", "off"]));
    } finally {
      agent.destroy();
    }
  });

  it("answers pipelined requests on one connection in the order they were sent", async () => {
    const request = (flagKey: string, user: string) => {
      const body = JSON.stringify({ context: { targetingKey: user } });
      return `POST /ofrep/v1/evaluate/flags/${flagKey} HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${SECRET}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body}`;
    };
    const raw = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(port, "127.0.0.1", () => socket.write(request("new-checkout", "user-1") + request("no-such-flag", "user-2") + request("dark-mode", "user-3")));
      let text = "";
      socket.on("data", (chunk: Buffer) => {
        text += chunk.toString("utf8");
        if (text.split("\r\n0\r\n\r\n").length > 3) {
          socket.destroy();
          resolve(text);
        }
      });
      socket.on("error", reject);
    });
    expect([...raw.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((m) => m[1])).toEqual(["200", "404", "200"]);
    expect([...raw.matchAll(/"key":"([^"]+)"/g)].map((m) => m[1])).toEqual(["new-checkout", "no-such-flag", "dark-mode"]);
  });

  it("skips the answer of a caller that hung up before it was written, and keeps serving", async () => {
    const errors = vi.spyOn(console, "error");
    try {
      await new Promise<void>((resolve, reject) => {
        const body = JSON.stringify({ context: { targetingKey: "user-1" } });
        const socket = net.connect(port, "127.0.0.1", () => {
          socket.end(
            `POST /ofrep/v1/evaluate/flags/new-checkout HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer ${SLOW_SECRET}\r\nContent-Length: ${body.length}\r\n\r\n${body}`,
            () => {
              socket.destroy();
              resolve();
            },
          );
        });
        socket.on("error", reject);
      });
      await new Promise((resolve) => setTimeout(resolve, 60)); // the slow answer is now due, for a closed connection
      const agent = new http.Agent({ keepAlive: false });
      const answer = await evaluate(agent, "dark-mode", "user-2");
      agent.destroy();
      expect(answer.status).toBe(200);
      expect(answer.body.variant).toBe("on");
      expect(errors).not.toHaveBeenCalled();
    } finally {
      errors.mockRestore();
    }
  });
});
