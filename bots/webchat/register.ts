import type { FeatureModule, Job } from "../module.ts";
import { webFanout } from "./fanout.ts";
import { registerWebchatLive, serveWidgetAssets } from "./live.ts";
import { registerDemoPage } from "./page.ts";
import { registerWebchatRoutes } from "./routes.ts";

/**
 * The web chat: the JSON API, the live WebSocket, the widget's assets and the demo page. With several
 * instances on PostgreSQL (DATABASE_URL) the server's "web" sender reaches the instance holding the
 * customer's socket through LISTEN/NOTIFY; otherwise the kernel's in-process hub delivers.
 */
export const webchatModule: FeatureModule<"webchat", undefined> = {
  name: "webchat",
  setup(rt) {
    const shared = rt.config.DATABASE_URL && rt.databaseUrl && rt.role !== "chat" ? rt.databaseUrl : undefined;
    const fanout = shared ? webFanout(rt, shared, { notify: rt.role === "worker" }) : undefined;
    const jobs: Job[] = fanout ? [{ name: "web chat fan-out", roles: ["server"], start: () => fanout.start() }] : [];
    return {
      senders: fanout ? [fanout.sender] : [],
      jobs,
      routes: [
        registerWebchatRoutes,
        (app) => {
          registerWebchatLive(app, { hub: rt.hub, prisma: rt.prisma, log: rt.log });
        },
        serveWidgetAssets,
        (app) => registerDemoPage(app, rt.catalog),
      ],
    };
  },
};
