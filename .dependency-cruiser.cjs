/**
 * The dependency rule: bots -> dialogs -> core -> (generated Prisma client, locales).
 * `npm run lint:deps` checks it (and `npm test` runs that first); type-only imports count too.
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: "core-not-to-dialogs-or-bots",
      comment: "core is the domain: it must not know the dialogs or the channels (put the type or port in core).",
      severity: "error",
      from: { path: "^core/" },
      to: { path: "^(dialogs|bots)/" },
    },
    {
      name: "dialogs-not-to-bots",
      comment: "dialogs are channel-neutral: they depend on core, never on bots.",
      severity: "error",
      from: { path: "^dialogs/" },
      to: { path: "^bots/" },
    },
    {
      name: "core-and-dialogs-not-to-tools",
      comment: "core and dialogs get data (e.g. the demo catalog) passed in; they do not import the CLI, prisma/ or tests.",
      severity: "error",
      from: { path: "^(core|dialogs)/" },
      to: { path: "^(bin|prisma|tests|scripts)/" },
    },
    {
      name: "locales-and-generated-are-leaves",
      comment: "locales and the generated Prisma client import nothing of the application.",
      severity: "error",
      from: { path: "^(locales|generated)/" },
      to: { path: "^(bin|bots|dialogs|core|prisma|tests|scripts)/" },
    },
    {
      name: "no-circular-across-folders",
      comment: "no cycle runs through two top-level folders.",
      severity: "error",
      from: { path: "^(bin|bots|dialogs|core|locales|prisma|generated)/" },
      to: { circular: true, via: { pathNot: "^$1/" } },
    },
    {
      name: "relative-imports-resolve",
      comment: "an import the checker cannot resolve would hide its arrow.",
      severity: "error",
      from: {},
      to: { couldNotResolve: true, path: "^\\." },
    },
  ],
  options: {
    doNotFollow: { path: ["node_modules", "^generated/"] },
    exclude: { path: ["^node_modules/", "^data/"] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
      extensions: [".ts", ".js", ".mjs", ".cjs", ".json"],
    },
  },
};
